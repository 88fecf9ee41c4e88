/*
 * vmx/exit_cpuid.c through exit_dispatch: leaf and subleaf from EAX and ECX, all four
 * registers written zero-extended, RIP advanced, and the guest state it reads for leaves 1, 7
 * and 0x80000001 (CR4 as the guest sees it, the secondary controls in effect).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/support/exit_test.h"
#include "vmx/control_regs.h"

static void cpuid(uint64_t rax, uint64_t rcx)
{
	exit_test.vcpu.regs.rax = rax;
	exit_test.vcpu.regs.rcx = rcx;
	exit_test.vcpu.regs.rbx = 0xFFFFFFFFFFFFFFFFull;
	exit_test.vcpu.regs.rdx = 0xFFFFFFFFFFFFFFFFull;
	exit_test_exit(EXIT_REASON_CPUID, 0, 2);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
}

static void leaf0_fills_all_four_registers(void **state)
{
	(void)state;
	cpuid(0xFFFFFFFF00000000ull, 0xFFFFFFFF00000000ull); /* only EAX and ECX count */
	assert_int_equal(exit_test.vcpu.regs.rax, 0xD);
	assert_int_equal(exit_test.vcpu.regs.rbx, 0x756E6547); /* "Genu" */
	assert_int_equal(exit_test.vcpu.regs.rdx, 0x49656E69); /* "ineI" */
	assert_int_equal(exit_test.vcpu.regs.rcx, 0x6C65746E); /* "ntel" */
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
	assert_int_equal(exit_test.vcpu.stats.by_reason[EXIT_REASON_CPUID], 1);
}

static void leaf0_costs_one_host_cpuid(void **state)
{
	(void)state;
	cpuid(0, 0);
	/* The hot path: no range look-up for leaf 0, one CPUID on the host, one VMWRITE (RIP). */
	assert_int_equal(fake_host_cpuid_calls(), 1);
	assert_int_equal(fake_vmcs_write_count(VMCS_GUEST_RIP), 1);
	assert_false(fake_vmcs_written(VMCS_GUEST_INTERRUPTIBILITY_STATE));
}

static void hypervisor_signature_through_the_exit(void **state)
{
	(void)state;
	cpuid(0x40000000, 0);
	assert_int_equal(exit_test.vcpu.regs.rax, 0x40000001);
	assert_int_equal(exit_test.vcpu.regs.rbx, 0x68786D76);
	assert_int_equal(exit_test.vcpu.regs.rcx, 0x76);
	assert_int_equal(exit_test.vcpu.regs.rdx, 0);
}

static void leaf1_shows_hypervisor_and_hides_vmx(void **state)
{
	(void)state;
	cpuid(1, 0);
	assert_true(exit_test.vcpu.regs.rcx & (1u << 31));
	assert_false(exit_test.vcpu.regs.rcx & (1u << 5));
	assert_false(exit_test.vcpu.regs.rcx & (1u << 27)); /* guest CR4.OSXSAVE is 0 */
}

static void leaf1_osxsave_from_guest_cr4(void **state)
{
	(void)state;
	/* OSXSAVE guest-owned: GUEST_CR4 says. */
	fake_vmcs_set(VMCS_GUEST_CR4, CR4_VMXE | CR4_OSXSAVE);
	cpuid(1, 0);
	assert_true(exit_test.vcpu.regs.rcx & (1u << 27));
	/* OSXSAVE host-owned: the read shadow says, whatever the real CR4 holds. */
	fake_vmcs_set(VMCS_CR4_GUEST_HOST_MASK, CR4_VMXE | CR4_OSXSAVE);
	fake_vmcs_set(VMCS_CR4_READ_SHADOW, 0);
	cpuid(1, 0);
	assert_false(exit_test.vcpu.regs.rcx & (1u << 27));
	fake_vmcs_set(VMCS_GUEST_CR4, CR4_VMXE);
	fake_vmcs_set(VMCS_CR4_READ_SHADOW, CR4_OSXSAVE);
	cpuid(1, 0);
	assert_true(exit_test.vcpu.regs.rcx & (1u << 27));
}

static void rdtscp_follows_the_secondary_controls(void **state)
{
	(void)state;
	cpuid(0x80000001, 0);
	assert_true(exit_test.vcpu.regs.rdx & (1u << 27)); /* enable RDTSCP is set */
	fake_vmcs_set(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS,
		      EXIT_TEST_SECONDARY & ~SECONDARY_ENABLE_RDTSCP);
	cpuid(0x80000001, 0);
	assert_false(exit_test.vcpu.regs.rdx & (1u << 27));
	/* Secondary controls not activated: none of them are in effect. */
	fake_vmcs_set(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS, EXIT_TEST_SECONDARY);
	fake_vmcs_set(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS, PROCBASED_DEFAULT1);
	cpuid(0x80000001, 0);
	assert_false(exit_test.vcpu.regs.rdx & (1u << 27));
}

static void subleaf_comes_from_ecx(void **state)
{
	(void)state;
	cpuid(0xB, 1);
	assert_int_equal(exit_test.vcpu.regs.rcx, 0x201);
	cpuid(4, 1);
	assert_int_equal(exit_test.vcpu.regs.rax, 0x00000122);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test(leaf0_fills_all_four_registers),
		exit_test_unit_test(leaf0_costs_one_host_cpuid),
		exit_test_unit_test(hypervisor_signature_through_the_exit),
		exit_test_unit_test(leaf1_shows_hypervisor_and_hides_vmx),
		exit_test_unit_test(leaf1_osxsave_from_guest_cr4),
		exit_test_unit_test(rdtscp_follows_the_secondary_controls),
		exit_test_unit_test(subleaf_comes_from_ecx),
	};
	return cmocka_run_group_tests_name("exit_cpuid", tests, NULL, NULL);
}
