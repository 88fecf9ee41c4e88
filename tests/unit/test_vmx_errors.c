/* vmx/vm_instruction_error.c and vmx/exit_reason.c: numbers to SDM words. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "vmx/exit_reason.h"
#include "vmx/vm_instruction_error.h"

static void every_vm_instruction_error_has_sdm_text(void **state)
{
	(void)state;
	for (unsigned n = 1; n <= VM_INSTRUCTION_ERROR_MAX; n++) {
		const char *text = vm_instruction_error_text(n);
		assert_non_null(text);
		assert_string_not_equal(text, "unknown VM-instruction error");
	}
	assert_string_equal(vm_instruction_error_text(VMXERR_VMCALL_IN_VMX_ROOT),
			    "VMCALL executed in VMX root operation");
	assert_string_equal(vm_instruction_error_text(4), "VMLAUNCH with non-clear VMCS");
	assert_string_equal(vm_instruction_error_text(7), "VM entry with invalid control field(s)");
	assert_string_equal(vm_instruction_error_text(8), "VM entry with invalid host-state field(s)");
	assert_string_equal(vm_instruction_error_text(11), "VMPTRLD with incorrect VMCS revision identifier");
	assert_string_equal(vm_instruction_error_text(12), "VMREAD/VMWRITE from/to unsupported VMCS component");
	assert_string_equal(vm_instruction_error_text(13), "VMWRITE to read-only VMCS component");
	assert_string_equal(vm_instruction_error_text(15), "VMXON executed in VMX root operation");
	assert_string_equal(vm_instruction_error_text(26), "VM entry with events blocked by MOV SS");
	assert_string_equal(vm_instruction_error_text(28), "Invalid operand to INVEPT/INVVPID");
	/* The SDM leaves 14, 21 and 27 unused. */
	assert_string_equal(vm_instruction_error_text(14), "reserved VM-instruction error number");
	assert_string_equal(vm_instruction_error_text(21), "reserved VM-instruction error number");
	assert_string_equal(vm_instruction_error_text(27), "reserved VM-instruction error number");
}

static void out_of_range_errors(void **state)
{
	(void)state;
	assert_string_equal(vm_instruction_error_text(0), "unknown VM-instruction error");
	assert_string_equal(vm_instruction_error_text(29), "unknown VM-instruction error");
	assert_string_equal(vm_instruction_error_text(0xFFFFFFFFu), "unknown VM-instruction error");
}

static void vmx_status_names(void **state)
{
	(void)state;
	assert_string_equal(vmx_status_name(VMX_SUCCEED), "VMsucceed");
	assert_string_equal(vmx_status_name(VMX_FAIL_INVALID), "VMfailInvalid");
	assert_string_equal(vmx_status_name(VMX_FAIL_VALID), "VMfailValid");
	assert_string_equal(vmx_status_name((enum vmx_status)7), "unknown VMX status");
}

static void exit_reason_numbers_and_names(void **state)
{
	(void)state;
	assert_int_equal(EXIT_REASON_CPUID, 10);
	assert_int_equal(EXIT_REASON_HLT, 12);
	assert_int_equal(EXIT_REASON_IO_INSTRUCTION, 30);
	assert_int_equal(EXIT_REASON_INVALID_GUEST_STATE, 33);
	assert_int_equal(EXIT_REASON_EPT_VIOLATION, 48);
	assert_int_equal(EXIT_REASON_EPT_MISCONFIGURATION, 49);
	assert_int_equal(EXIT_REASON_XSETBV, 55);
	assert_string_equal(exit_reason_name(EXIT_REASON_CPUID), "CPUID");
	assert_string_equal(exit_reason_name(EXIT_REASON_EPT_VIOLATION), "EPT violation");
	assert_string_equal(exit_reason_name(EXIT_REASON_TRIPLE_FAULT), "triple fault");
	assert_string_equal(exit_reason_name(EXIT_REASON_WRMSRLIST), "WRMSRLIST");
}

/* Every number below EXIT_REASON_COUNT has a name except the three the SDM leaves unused. */
static void unused_and_out_of_range_reasons(void **state)
{
	(void)state;
	for (uint32_t r = 0; r < EXIT_REASON_COUNT; r++) {
		bool unused = r == 35 || r == 38 || r == 42;
		assert_int_equal(strcmp(exit_reason_name(r), "unknown exit reason") == 0, unused);
	}
	assert_string_equal(exit_reason_name(EXIT_REASON_COUNT), "unknown exit reason");
	assert_string_equal(exit_reason_name(0xFFFF), "unknown exit reason");
}

/* Bits above 15 (VM-entry failure, pending MTF, ...) do not change the name. */
static void exit_reason_field_bits(void **state)
{
	(void)state;
	uint32_t failed_entry = EXIT_REASON_VM_ENTRY_FAILURE | EXIT_REASON_INVALID_GUEST_STATE;
	assert_int_equal(failed_entry, 0x80000021u);
	assert_int_equal(EXIT_REASON_BASIC(failed_entry), 33);
	assert_string_equal(exit_reason_name(failed_entry), "VM-entry failure due to invalid guest state");
	assert_int_equal(EXIT_REASON_PENDING_MTF, 1u << 28);
	assert_int_equal(EXIT_REASON_ENCLAVE_MODE, 1u << 27);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_vm_instruction_error_has_sdm_text),
		cmocka_unit_test(out_of_range_errors),
		cmocka_unit_test(vmx_status_names),
		cmocka_unit_test(exit_reason_numbers_and_names),
		cmocka_unit_test(unused_and_out_of_range_reasons),
		cmocka_unit_test(exit_reason_field_bits),
	};
	return cmocka_run_group_tests_name("vmx_errors", tests, NULL, NULL);
}
