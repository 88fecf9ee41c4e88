/*
 * VMCS access on the CPU: vmcs_read/vmcs_write (vmx/vmcs.h) over VMREAD/VMWRITE on the current
 * VMCS. A failure is reported here, once, by vmcs_report_failure, with the address of the code
 * that asked; callers that want a verdict use the _checked forms.
 */
#include "vmx/vmcs.h"
#include "vmx/vmx_ops.h"

/* The error number of a failed instruction: 0 for VMfailInvalid (nothing to read it from). */
static unsigned failure_error(enum vmx_status status)
{
	return status == VMX_FAIL_VALID ? vmx_instruction_error() : 0;
}

static bool read_at(uint32_t field, uint64_t *value, const void *caller)
{
	enum vmx_status status = vmx_vmread(field, value);

	if (status == VMX_SUCCEED)
		return true;
	vmcs_report_failure("VMREAD", field, failure_error(status), caller);
	return false;
}

static bool write_at(uint32_t field, uint64_t value, const void *caller)
{
	enum vmx_status status = vmx_vmwrite(field, value);

	if (status == VMX_SUCCEED)
		return true;
	vmcs_report_failure("VMWRITE", field, failure_error(status), caller);
	return false;
}

uint64_t vmcs_read(uint32_t field)
{
	uint64_t value;
	read_at(field, &value, __builtin_return_address(0));
	return value;
}

void vmcs_write(uint32_t field, uint64_t value)
{
	write_at(field, value, __builtin_return_address(0));
}

bool vmcs_read_checked(uint32_t field, uint64_t *value)
{
	return read_at(field, value, __builtin_return_address(0));
}

bool vmcs_write_checked(uint32_t field, uint64_t value)
{
	return write_at(field, value, __builtin_return_address(0));
}
