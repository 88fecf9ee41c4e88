/*
 * VMCS access on the CPU: the accessors themselves are inline in vmx/vmcs.h; a failure is
 * reported here, once, by vmcs_report_failure, with the address of the code that asked.
 */
#include "vmx/vmcs.h"
#include "vmx/vmx_ops.h"

/* The one out-of-line piece of the kernel's VMCS access: saying what failed (vmx/vmcs.h). */
void vmcs_access_failed(const char *instruction, uint32_t field, const void *caller)
{
	/* 0 after VMfailInvalid: there is no current VMCS to hold an error number. */
	vmcs_report_failure(instruction, field, vmx_instruction_error(), caller);
}
