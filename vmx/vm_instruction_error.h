/*
 * How a VMX instruction ended (SDM Vol. 3, 31.2 "Conventions"): VMsucceed, VMfailInvalid
 * (CF = 1: there is no current VMCS to hold an error number) or VMfailValid (ZF = 1: the error
 * number is in the VM-instruction error field of the current VMCS), and the numbers of that
 * field in the SDM's words (31.4 "VM Instruction Error Numbers").
 */
#ifndef VMX_VM_INSTRUCTION_ERROR_H
#define VMX_VM_INSTRUCTION_ERROR_H

enum vmx_status {
	VMX_SUCCEED,      /* the instruction did what it was asked */
	VMX_FAIL_INVALID, /* CF = 1: failed, no error number available */
	VMX_FAIL_VALID,   /* ZF = 1: failed, error number in VMCS_VM_INSTRUCTION_ERROR */
};

/* The numbers of SDM 31.4, Table 31-1 (14, 21 and 27 are reserved). */
enum vm_instruction_error {
	VMXERR_VMCALL_IN_VMX_ROOT                = 1,
	VMXERR_VMCLEAR_INVALID_ADDRESS           = 2,
	VMXERR_VMCLEAR_VMXON_POINTER             = 3,
	VMXERR_VMLAUNCH_NONCLEAR_VMCS            = 4,
	VMXERR_VMRESUME_NONLAUNCHED_VMCS         = 5,
	VMXERR_VMRESUME_AFTER_VMXOFF             = 6,
	VMXERR_ENTRY_INVALID_CONTROL_FIELD       = 7,
	VMXERR_ENTRY_INVALID_HOST_STATE_FIELD    = 8,
	VMXERR_VMPTRLD_INVALID_ADDRESS           = 9,
	VMXERR_VMPTRLD_VMXON_POINTER             = 10,
	VMXERR_VMPTRLD_INCORRECT_REVISION_ID     = 11,
	VMXERR_UNSUPPORTED_VMCS_COMPONENT        = 12,
	VMXERR_VMWRITE_READ_ONLY_COMPONENT       = 13,
	VMXERR_VMXON_IN_VMX_ROOT                 = 15,
	VMXERR_ENTRY_INVALID_EXECUTIVE_VMCS      = 16,
	VMXERR_ENTRY_NONLAUNCHED_EXECUTIVE_VMCS  = 17,
	VMXERR_ENTRY_EXECUTIVE_VMCS_NOT_VMXON    = 18,
	VMXERR_VMCALL_NONCLEAR_VMCS              = 19,
	VMXERR_VMCALL_INVALID_EXIT_CONTROLS      = 20,
	VMXERR_VMCALL_INCORRECT_MSEG_REVISION    = 22,
	VMXERR_VMXOFF_DUAL_MONITOR               = 23,
	VMXERR_VMCALL_INVALID_SMM_MONITOR        = 24,
	VMXERR_ENTRY_INVALID_EXECUTIVE_CONTROLS  = 25,
	VMXERR_ENTRY_EVENTS_BLOCKED_BY_MOV_SS    = 26,
	VMXERR_INVALID_INVEPT_INVVPID_OPERAND    = 28,
};

#define VM_INSTRUCTION_ERROR_MAX 28

/* The SDM's text for error number n; "unknown VM-instruction error" outside 1..28. */
const char *vm_instruction_error_text(unsigned n);

/* "VMsucceed", "VMfailInvalid" or "VMfailValid". */
const char *vmx_status_name(enum vmx_status status);

#endif
