/*
 * VMCS access on the CPU: the accessors themselves are inline in vmx/vmcs.h; a failure is
 * reported here, once, by vmcs_report_failure, with the address of the code that asked.
 */
#include "vmx/vmcs.h"
#include "vmx/vmx_ops.h"

/* The one out-of-line piece of the kernel's VMCS access: saying what failed (vmx/vmcs.h). */
void vmcs_access_failed(const char *instruction, uint32_t field, enum vmx_status status,
			const void *caller)
{
	/* VMfailInvalid leaves no error number: there is no current VMCS to hold one. */
	unsigned error = status == VMX_FAIL_VALID ? vmx_instruction_error() : 0;

	vmcs_report_failure(instruction, field, error, caller);
}
