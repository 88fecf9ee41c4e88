/*
 * The one place a failed VMREAD or VMWRITE is reported (Jailhouse's vmcs_write64 failure
 * message, KVM's vmwrite_error): which instruction, which field, why, and who asked.
 */
#include "vmx/vmcs.h"
#include "vmx/vm_instruction_error.h"
#include "kernel/log.h"

/*
 * Error 0 stands for VMfailInvalid: no current VMCS, hence no error number to read. The caller
 * address is printed as a number so it can be looked up with addr2line in build/vmxhv.elf.
 */
void vmcs_report_failure(const char *instruction, uint32_t field, unsigned vm_instruction_error,
			 const void *caller)
{
	const char *name = vmcs_field_name(field);
	const char *why = vm_instruction_error == 0
				  ? "VMfailInvalid (no current VMCS)"
				  : vm_instruction_error_text(vm_instruction_error);

	log_error("vmx: %s %s (0x%04x) failed: %s (VM-instruction error %u), caller 0x%llx",
		  instruction, name ? name : "unknown field", field, why, vm_instruction_error,
		  (unsigned long long)(uintptr_t)caller);
}
