/*
 * vmx/entry_failure.c: each way VM entry fails, and the lines it prints (fake_log), with the
 * verdicts on the fields that break a rule.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/msr_index.h"
#include "tests/unit/support/exit_test.h"
#include "vmx/entry_failure.h"

static int setup(void **state)
{
	(void)state;
	exit_test_setup();
	exit_test.caps.pinbased = (struct vmx_control_caps){ 0x16, 0x7F, 0x16 };
	exit_test.caps.procbased = (struct vmx_control_caps){ 0x0401E172, 0xFFF9FFF6, 0x0401E172 };
	exit_test.caps.procbased2 = (struct vmx_control_caps){ 0, 0x00047FFF, 0 };
	exit_test.caps.exit = (struct vmx_control_caps){ 0x36DFF, 0x3FFFFF, 0x36DFF };
	exit_test.caps.entry = (struct vmx_control_caps){ 0x11FF, 0xFFFF, 0x11FF };
	return 0;
}

static void vmfail_invalid(void **state)
{
	(void)state;
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_FAIL_INVALID);
	assert_logged("vmxhv: error: vm entry failed: VMLAUNCH: VMfailInvalid: there is no current VMCS");
	assert_int_equal(exit_test.vcpu.end, VCPU_END_ENTRY_FAILED);
	assert_string_equal(exit_test.vcpu.end_reason,
			    "VM entry failed: VMLAUNCH VMfailInvalid (no current VMCS)");
}

static void invalid_control_fields_name_the_offenders(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_VM_INSTRUCTION_ERROR, 7);
	fake_vmcs_set(VMCS_PIN_BASED_CONTROLS, 0x06); /* bit 4 must be 1 */
	fake_vmcs_set(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS,
		      0x0401E172 | PROCBASED_USE_TSC_OFFSETTING | PROCBASED_ACTIVATE_SECONDARY_CONTROLS |
			      PROCBASED_USE_IO_BITMAPS);
	fake_vmcs_set(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS, SECONDARY_UNRESTRICTED_GUEST |
							       SECONDARY_ENABLE_VPID);
	fake_vmcs_set(VMCS_VIRTUAL_PROCESSOR_ID, 0); /* must not be 0 with VPID on */
	fake_vmcs_set(VMCS_PRIMARY_VM_EXIT_CONTROLS, 0x36DFF | VM_EXIT_HOST_ADDRESS_SPACE_SIZE);
	fake_vmcs_set(VMCS_VM_ENTRY_CONTROLS, 0x11FF);
	fake_vmcs_set(VMCS_IO_BITMAP_A, 0x1000);
	fake_vmcs_set(VMCS_IO_BITMAP_B, 0x2000);
	fake_vmcs_set(VMCS_CR3_TARGET_COUNT, 255);
	exit_test.caps.misc = 0x00000000200401e0ull; /* 4 CR3 targets */
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_FAIL_VALID);

	assert_logged("vm entry failed: VMLAUNCH: VMfailValid, VM-instruction error 7: "
		      "VM entry with invalid control field(s)");
	assert_logged("vm entry failed: pin-based VM-execution controls 0x00000006 "
		      "(must be 1: 0x00000016, may be 1: 0x0000007f): INVALID");
	assert_logged("vm entry failed:   bit 4 (reserved control) must be 1");
	assert_logged("primary processor-based VM-execution controls 0x8601e17a");
	assert_logged("vm entry failed:   bit 3 (use TSC offsetting) must be 0: this CPU does not have it");
	assert_logged("primary VM-exit controls 0x00036fff (must be 1: 0x00036dff, may be 1: 0x003fffff): ok");
	assert_logged("vm entry failed: I/O bitmap A 0x1000, B 0x2000 (4 KiB aligned)");
	assert_logged("vm entry failed: exception bitmap 0x00000000, CR3-target count 255: INVALID, "
		      "more than IA32_VMX_MISC allows");
	assert_logged("vm entry failed: VPID 0x0000: INVALID, must not be 0");
	assert_logged("vm entry failed: unrestricted guest without enable EPT: INVALID");
	assert_not_logged("MSR bitmap");
	assert_not_logged("EPT pointer");
	assert_int_equal(exit_test.vcpu.end, VCPU_END_ENTRY_FAILED);
	assert_string_equal(exit_test.vcpu.end_reason, "VM entry failed: VMLAUNCH VM-instruction "
				       "error 7 (VM entry with invalid control field(s))");
	assert_int_equal(fake_vmcs_failure_count(), 0);
}

static void invalid_host_state_fields(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_VM_INSTRUCTION_ERROR, 8);
	fake_vmcs_set(VMCS_HOST_CR0, 0x80050033);
	fake_vmcs_set(VMCS_HOST_CR4, 0x00000020); /* VMXE missing */
	fake_vmcs_set(VMCS_HOST_CS_SELECTOR, 0x08);
	fake_vmcs_set(VMCS_HOST_SS_SELECTOR, 0x13); /* RPL 3 */
	fake_vmcs_set(VMCS_HOST_TR_SELECTOR, 0);
	fake_vmcs_set(VMCS_PRIMARY_VM_EXIT_CONTROLS, VM_EXIT_LOAD_IA32_EFER);
	fake_vmcs_set(VMCS_HOST_IA32_EFER, EFER_LME);
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_FAIL_VALID);

	assert_logged("VM-instruction error 8: VM entry with invalid host-state field(s)");
	assert_logged("vm entry failed: host CR0 0x80050033: ok");
	assert_logged("vm entry failed: host CR4 0x20: INVALID: bits 0x2000 must be 1, bits 0x0 must be 0");
	assert_logged("host selectors CS 0x0008 SS 0x0013 DS 0x0000 ES 0x0000 FS 0x0000 GS 0x0000 "
		      "TR 0x0000; INVALID: RPL and TI must be 0; INVALID: CS and TR must not be 0");
	assert_logged("VM-exit controls 0x00200000: host address-space size 0: INVALID for a 64-bit host");
	assert_logged("host IA32_EFER 0x100: INVALID, LMA and LME must be 1 for a 64-bit host");
	assert_not_logged("pin-based");
}

static void other_vm_instruction_errors_print_the_text_only(void **state)
{
	(void)state;
	exit_test.vcpu.launched = true;
	fake_vmcs_set(VMCS_VM_INSTRUCTION_ERROR, 5);
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_FAIL_VALID);
	assert_logged("vm entry failed: VMRESUME: VMfailValid, VM-instruction error 5: "
		      "VMRESUME with non-launched VMCS");
	assert_int_equal(fake_log_line_count(), 1);
}

static void invalid_guest_state_dumps_the_guest(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_EXIT_REASON, 0x80000000u | EXIT_REASON_INVALID_GUEST_STATE);
	fake_vmcs_set(VMCS_EXIT_QUALIFICATION, 4);
	fake_vmcs_set(VMCS_GUEST_CR0, 0x80000011); /* NE missing */
	fake_vmcs_set(VMCS_GUEST_CR4, 0x2020);
	fake_vmcs_set(VMCS_GUEST_RFLAGS, 0x0);
	fake_vmcs_set(VMCS_LINK_POINTER, 0);
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME | EFER_LMA); /* IA-32e mode guest is 0 */
	fake_vmcs_set(VMCS_GUEST_CS_LIMIT, 0xFFFFFFFF);
	fake_vmcs_set(VMCS_GUEST_LDTR_ACCESS_RIGHTS, 0x10000);
	fake_vmcs_set(VMCS_GUEST_GDTR_BASE, 0x1000);
	fake_vmcs_set(VMCS_GUEST_GDTR_LIMIT, 0x27);
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_OK);

	assert_logged("vm entry failed: invalid guest state (exit reason 33), qualification 4: "
		      "invalid VMCS link pointer");
	assert_logged("vm entry failed: guest CR0 0x80000011: INVALID: bits 0x20 must be 1, bits 0x0 must be 0");
	assert_logged("vm entry failed: guest CR4 0x2020: ok");
	assert_logged("EFER.LMA must equal IA-32e mode guest");
	assert_logged("RFLAGS 0x0: INVALID, RFLAGS bit 1 must be 1");
	assert_logged("vm entry failed: guest CS selector 0x0008 base 0x0 limit 0xffffffff access rights 0x0c09b");
	assert_logged("vm entry failed: guest LDTR selector 0x0000 base 0x0 limit 0x00000000 access rights 0x10000 (unusable)");
	assert_logged("vm entry failed: guest TR selector");
	assert_logged("vm entry failed: guest GDTR base 0x1000 limit 0x27, IDTR base 0x0 limit 0x0");
	assert_logged("vm entry failed: VMCS link pointer 0x0: INVALID unless VMCS shadowing, must be all ones");
	assert_logged("vm entry failed: guest activity state 0, interruptibility 0x0");
	assert_int_equal(exit_test.vcpu.end, VCPU_END_ENTRY_FAILED);
	assert_string_equal(exit_test.vcpu.end_reason,
			    "VM entry failed: invalid guest state (exit reason 33)");
}

static void valid_guest_state_fields_say_ok_or_nothing(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_EXIT_REASON, 0x80000000u | EXIT_REASON_INVALID_GUEST_STATE);
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_OK);
	assert_logged("qualification 0: no detail; check the fields below");
	assert_logged("guest CR0 0x31: ok");
	assert_not_logged("INVALID");
}

static void msr_loading_names_the_entry(void **state)
{
	(void)state;
	phys_addr_t area = frame_alloc(FRAME_ZEROED);
	uint32_t *entries = phys_to_virt(area);
	entries[4] = MSR_IA32_EFER; /* entry 2: index */
	entries[5] = 0;
	entries[6] = 0x12345678;    /* value, low half */
	entries[7] = 0x1;
	fake_vmcs_set(VMCS_EXIT_REASON, 0x80000000u | EXIT_REASON_MSR_LOADING);
	fake_vmcs_set(VMCS_EXIT_QUALIFICATION, 2);
	fake_vmcs_set(VMCS_VM_ENTRY_MSR_LOAD_COUNT, 3);
	fake_vmcs_set(VMCS_VM_ENTRY_MSR_LOAD_ADDRESS, area);
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_OK);
	assert_logged("vm entry failed: MSR loading failed (exit reason 34) at entry 2 of 3");
	assert_logged("vm entry failed: entry 2: MSR 0xc0000080 (IA32_EFER), reserved 0x0, value 0x112345678");
	assert_string_equal(exit_test.vcpu.end_reason, "VM entry failed: MSR loading (exit reason 34)");
	frame_free(area);
}

static void machine_check_during_entry(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_EXIT_REASON, 0x80000000u | EXIT_REASON_MACHINE_CHECK);
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_OK);
	assert_logged("vm entry failed: machine-check event during VM entry (exit reason 41)");
	assert_string_equal(exit_test.vcpu.end_reason, "VM entry failed: machine check (exit reason 41)");
}

static void a_successful_entry_is_not_a_failure(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_EXIT_REASON, EXIT_REASON_CPUID);
	entry_failure_report(&exit_test.vcpu, VMX_ENTRY_OK);
	assert_int_equal(exit_test.vcpu.end, VCPU_RUNNING);
	assert_logged("VM entry did not fail (exit reason 10)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test_setup(vmfail_invalid, setup),
		exit_test_unit_test_setup(invalid_control_fields_name_the_offenders, setup),
		exit_test_unit_test_setup(invalid_host_state_fields, setup),
		exit_test_unit_test_setup(other_vm_instruction_errors_print_the_text_only, setup),
		exit_test_unit_test_setup(invalid_guest_state_dumps_the_guest, setup),
		exit_test_unit_test_setup(valid_guest_state_fields_say_ok_or_nothing, setup),
		exit_test_unit_test_setup(msr_loading_names_the_entry, setup),
		exit_test_unit_test_setup(machine_check_during_entry, setup),
		exit_test_unit_test_setup(a_successful_entry_is_not_a_failure, setup),
	};
	return cmocka_run_group_tests_name("entry_failure", tests, NULL, NULL);
}
