/*
 * vmx/exit_msr.c through exit_dispatch: ECX and EDX:EAX plumbing, #GP(0) injection with RIP
 * left on the instruction, and the per-MSR statistics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/msr_index.h"
#include "tests/unit/support/exit_test.h"
#include "vmx/msr_emulation.h"

static enum exit_action rdmsr(uint32_t msr)
{
	exit_test.vcpu.regs.rcx = 0xFFFFFFFF00000000ull | msr; /* ECX only */
	exit_test.vcpu.regs.rax = 0xAAAAAAAAAAAAAAAAull;
	exit_test.vcpu.regs.rdx = 0xBBBBBBBBBBBBBBBBull;
	exit_test_exit(EXIT_REASON_RDMSR, 0, 2);
	return exit_test_dispatch();
}

static enum exit_action wrmsr(uint32_t msr, uint64_t value)
{
	exit_test.vcpu.regs.rcx = msr;
	exit_test.vcpu.regs.rax = 0xCCCCCCCC00000000ull | (uint32_t)value; /* EAX only */
	exit_test.vcpu.regs.rdx = 0xDDDDDDDD00000000ull | (value >> 32);   /* EDX only */
	exit_test_exit(EXIT_REASON_WRMSR, 0, 2);
	return exit_test_dispatch();
}

static const struct access_counters *const msr_counts = &exit_test.vcpu.stats.msr_counts;

static const struct access_count *stat_of(uint32_t msr)
{
	for (size_t i = 0; i < access_counters_entries(msr_counts); i++)
		if (access_counters_entry(msr_counts, i)->key == msr)
			return access_counters_entry(msr_counts, i);
	return NULL;
}

static void rdmsr_splits_into_edx_eax(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_IA32_PAT, 0x0007010600070106ull);
	assert_int_equal(rdmsr(MSR_IA32_PAT), EXIT_RESUME);
	assert_int_equal(exit_test.vcpu.regs.rax, 0x00070106);
	assert_int_equal(exit_test.vcpu.regs.rdx, 0x00070106);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
	assert_int_equal(exit_test_injected(), 0);
}

static void wrmsr_joins_edx_eax(void **state)
{
	(void)state;
	assert_int_equal(wrmsr(MSR_IA32_LSTAR, 0xFFFFFFFF80001000ull), EXIT_RESUME);
	assert_int_equal(fake_host_msr(MSR_IA32_LSTAR), 0xFFFFFFFF80001000ull);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
	assert_int_equal(rdmsr(MSR_IA32_LSTAR), EXIT_RESUME);
	assert_int_equal(exit_test.vcpu.regs.rax, 0x80001000);
	assert_int_equal(exit_test.vcpu.regs.rdx, 0xFFFFFFFF);
}

static void refused_access_injects_gp0_and_keeps_rip(void **state)
{
	(void)state;
	static const struct {
		bool write;
		uint32_t msr;
		uint64_t value;
	} cases[] = {
		{ false, MSR_IA32_VMX_BASIC, 0 },
		{ false, MSR_IA32_VMX_LAST, 0 },
		{ false, 0x12345678, 0 },
		{ true, 0x12345678, 0 },
		{ true, MSR_IA32_PAT, 0x0007040600070402ull },
		{ true, MSR_IA32_FEATURE_CONTROL, 0x5 },
		{ true, MSR_IA32_EFER, 1ull << 1 },
		{ true, MSR_IA32_FS_BASE, 0x0000800000000000ull },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		enum exit_action a = cases[i].write ? wrmsr(cases[i].msr, cases[i].value)
						    : rdmsr(cases[i].msr);
		assert_int_equal(a, EXIT_RESUME);
		if (exit_test_injected() != EXIT_TEST_GP)
			fail_msg("%s 0x%x: injected 0x%x", cases[i].write ? "WRMSR" : "RDMSR",
				 cases[i].msr, exit_test_injected());
		assert_int_equal(fake_vmcs_get(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE), 0);
		assert_true(fake_vmcs_written(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE));
		assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
		if (!cases[i].write) {
			assert_int_equal(exit_test.vcpu.regs.rax, 0xAAAAAAAAAAAAAAAAull);
			assert_int_equal(exit_test.vcpu.regs.rdx, 0xBBBBBBBBBBBBBBBBull);
		}
		assert_int_equal(stat_of(cases[i].msr)->faults, 1);
	}
}

static void gp_in_real_mode_has_no_error_code(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_CR0, 0x30); /* PE clear: real mode under unrestricted guest */
	rdmsr(MSR_IA32_VMX_BASIC);
	assert_int_equal(exit_test_injected(), EXIT_TEST_HW_EXCEPTION(13, 0));
	assert_false(fake_vmcs_written(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE));
}

static void accesses_are_counted_per_msr_in_order(void **state)
{
	(void)state;
	rdmsr(MSR_IA32_PAT);
	rdmsr(MSR_IA32_PAT);
	wrmsr(MSR_IA32_PAT, PAT_POWER_ON);
	rdmsr(MSR_IA32_EFER);
	rdmsr(MSR_IA32_APIC_BASE);
	rdmsr(MSR_IA32_VMX_BASIC);
	assert_int_equal(access_counters_entries(msr_counts), 4);
	static const uint32_t order[] = { 0x1B, 0x277, 0x480, 0xC0000080 };
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(access_counters_entry(msr_counts, i)->key, order[i]);
	const struct access_count *pat = stat_of(MSR_IA32_PAT);
	assert_int_equal(pat->reads, 2);
	assert_int_equal(pat->writes, 1);
	assert_int_equal(pat->faults, 0);
	assert_int_equal(stat_of(MSR_IA32_VMX_BASIC)->faults, 1);
	assert_int_equal(exit_test.vcpu.stats.by_reason[EXIT_REASON_RDMSR], 5);
	assert_int_equal(exit_test.vcpu.stats.by_reason[EXIT_REASON_WRMSR], 1);
}

static void a_full_table_counts_the_rest_apart(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < ACCESS_COUNTERS_MAX + 3; i++)
		rdmsr(0x1000 + (ACCESS_COUNTERS_MAX + 3 - i)); /* descending: every insert at the front */
	assert_int_equal(access_counters_entries(msr_counts), ACCESS_COUNTERS_MAX);
	assert_int_equal(msr_counts->other.reads, 3);
	assert_int_equal(msr_counts->other.faults, 3);
	rdmsr(access_counters_entry(msr_counts, 0)->key); /* a known one still counts in its entry */
	assert_int_equal(access_counters_entry(msr_counts, 0)->reads, 2);
	assert_int_equal(msr_counts->other.reads, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test_setup(rdmsr_splits_into_edx_eax, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(wrmsr_joins_edx_eax, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(refused_access_injects_gp0_and_keeps_rip, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(gp_in_real_mode_has_no_error_code, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(accesses_are_counted_per_msr_in_order, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(a_full_table_counts_the_rest_apart, exit_test_msr_fixture_setup),
	};
	return cmocka_run_group_tests_name("exit_msr", tests, NULL, NULL);
}
