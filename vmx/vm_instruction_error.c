/* The SDM's words for each VM-instruction error number (SDM Vol. 3, 31.4, Table 31-1). */
#include "vmx/vm_instruction_error.h"

#include <stddef.h>

static const char *const error_text[VM_INSTRUCTION_ERROR_MAX + 1] = {
	[VMXERR_VMCALL_IN_VMX_ROOT] = "VMCALL executed in VMX root operation",
	[VMXERR_VMCLEAR_INVALID_ADDRESS] = "VMCLEAR with invalid physical address",
	[VMXERR_VMCLEAR_VMXON_POINTER] = "VMCLEAR with VMXON pointer",
	[VMXERR_VMLAUNCH_NONCLEAR_VMCS] = "VMLAUNCH with non-clear VMCS",
	[VMXERR_VMRESUME_NONLAUNCHED_VMCS] = "VMRESUME with non-launched VMCS",
	[VMXERR_VMRESUME_AFTER_VMXOFF] = "VMRESUME after VMXOFF (VMXOFF and VMXON between VMLAUNCH and VMRESUME)",
	[VMXERR_ENTRY_INVALID_CONTROL_FIELD] = "VM entry with invalid control field(s)",
	[VMXERR_ENTRY_INVALID_HOST_STATE_FIELD] = "VM entry with invalid host-state field(s)",
	[VMXERR_VMPTRLD_INVALID_ADDRESS] = "VMPTRLD with invalid physical address",
	[VMXERR_VMPTRLD_VMXON_POINTER] = "VMPTRLD with VMXON pointer",
	[VMXERR_VMPTRLD_INCORRECT_REVISION_ID] = "VMPTRLD with incorrect VMCS revision identifier",
	[VMXERR_UNSUPPORTED_VMCS_COMPONENT] = "VMREAD/VMWRITE from/to unsupported VMCS component",
	[VMXERR_VMWRITE_READ_ONLY_COMPONENT] = "VMWRITE to read-only VMCS component",
	[14] = "reserved VM-instruction error number",
	[VMXERR_VMXON_IN_VMX_ROOT] = "VMXON executed in VMX root operation",
	[VMXERR_ENTRY_INVALID_EXECUTIVE_VMCS] = "VM entry with invalid executive-VMCS pointer",
	[VMXERR_ENTRY_NONLAUNCHED_EXECUTIVE_VMCS] = "VM entry with non-launched executive VMCS",
	[VMXERR_ENTRY_EXECUTIVE_VMCS_NOT_VMXON] =
		"VM entry with executive-VMCS pointer not VMXON pointer "
		"(when attempting to deactivate the dual-monitor treatment of SMIs and SMM)",
	[VMXERR_VMCALL_NONCLEAR_VMCS] =
		"VMCALL with non-clear VMCS "
		"(when attempting to activate the dual-monitor treatment of SMIs and SMM)",
	[VMXERR_VMCALL_INVALID_EXIT_CONTROLS] = "VMCALL with invalid VM-exit control fields",
	[21] = "reserved VM-instruction error number",
	[VMXERR_VMCALL_INCORRECT_MSEG_REVISION] =
		"VMCALL with incorrect MSEG revision identifier "
		"(when attempting to activate the dual-monitor treatment of SMIs and SMM)",
	[VMXERR_VMXOFF_DUAL_MONITOR] = "VMXOFF under dual-monitor treatment of SMIs and SMM",
	[VMXERR_VMCALL_INVALID_SMM_MONITOR] =
		"VMCALL with invalid SMM-monitor features "
		"(when attempting to activate the dual-monitor treatment of SMIs and SMM)",
	[VMXERR_ENTRY_INVALID_EXECUTIVE_CONTROLS] =
		"VM entry with invalid VM-execution control fields in executive VMCS "
		"(when attempting to return from SMM)",
	[VMXERR_ENTRY_EVENTS_BLOCKED_BY_MOV_SS] = "VM entry with events blocked by MOV SS",
	[27] = "reserved VM-instruction error number",
	[VMXERR_INVALID_INVEPT_INVVPID_OPERAND] = "Invalid operand to INVEPT/INVVPID",
};

/* Error numbers come from the hardware (or a fake), so anything out of range gets a text too. */
const char *vm_instruction_error_text(unsigned n)
{
	if (n == 0 || n > VM_INSTRUCTION_ERROR_MAX)
		return "unknown VM-instruction error";
	return error_text[n];
}

/* The SDM's name of an outcome, for log lines like "VMXON failed: VMfailInvalid". */
const char *vmx_status_name(enum vmx_status status)
{
	switch (status) {
	case VMX_SUCCEED:
		return "VMsucceed";
	case VMX_FAIL_INVALID:
		return "VMfailInvalid";
	case VMX_FAIL_VALID:
		return "VMfailValid";
	}
	return "unknown VMX status";
}
