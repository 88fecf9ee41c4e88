/*
 * vmx/exit_dispatch.c and vmx/exit_misc.c: the dispatch table, the statistics it keeps,
 * skip_instruction (with the single step of a guest under RFLAGS.TF), and the small handlers
 * (HLT, VMCALL, RDPMC, VMX instructions, triple fault, INIT, EPT violation and
 * misconfiguration, XSETBV, INVD/WBINVD, anything unexpected), each through exit_dispatch on
 * the fake VMCS.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/msr_index.h"
#include "tests/unit/support/exit_test.h"
#include "vmx/hypercall.h"

/* The shared exit-test fixtures (exit_test.h), under the names the table below uses. */
static int setup(void **state) { return exit_test_fixture_setup(state); }
static int teardown(void **state) { return exit_test_fixture_teardown(state); }

#define assert_end(kind, text)                                                           \
	do {                                                                             \
		assert_int_equal(exit_test.vcpu.end, (kind));                            \
		if (strstr(exit_test.vcpu.end_reason, (text)) == NULL)                   \
			fail_msg("end reason \"%s\" lacks \"%s\"", exit_test.vcpu.end_reason, \
				 (text));                                                \
	} while (0)

/* ---- skip_instruction and the statistics --------------------------------------------------- */

static void cpuid_advances_rip_and_counts(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_CPUID, 0, 2);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
	exit_test_exit(EXIT_REASON_CPUID, 0, 2);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 4);
	assert_int_equal(exit_test.vcpu.stats.total, 2);
	assert_int_equal(exit_test.vcpu.stats.by_reason[EXIT_REASON_CPUID], 2);
	assert_int_equal(exit_test.vcpu.end, VCPU_RUNNING);
	assert_int_equal(fake_vmcs_failure_count(), 0);
}

static void skip_clears_sti_and_mov_ss_blocking(void **state)
{
	(void)state;
	static const struct {
		uint32_t before, after;
	} cases[] = {
		{ 0x0, 0x0 }, { 0x1, 0x0 }, { 0x2, 0x0 }, { 0x8, 0x8 }, /* NMI blocking stays */
		{ 0x9, 0x8 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		fake_vmcs_set(VMCS_GUEST_INTERRUPTIBILITY_STATE, cases[i].before);
		exit_test_exit(EXIT_REASON_CPUID, 0, 2);
		exit_test_dispatch();
		assert_int_equal(fake_vmcs_get(VMCS_GUEST_INTERRUPTIBILITY_STATE), cases[i].after);
		/* No VMWRITE when nothing needed clearing: the hot path stays short. */
		assert_int_equal(fake_vmcs_written(VMCS_GUEST_INTERRUPTIBILITY_STATE),
				 (cases[i].before & 3) != 0);
	}
}

/*
 * An instruction emulated under RFLAGS.TF still ends in its single-step #DB: the BS bit of the
 * pending debug exceptions (SDM Vol. 3, 25.4.2) makes VM entry deliver it after the skip.
 */
static void skip_under_tf_leaves_a_pending_single_step(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_RFLAGS, 0x102); /* TF */
	exit_test_exit(EXIT_REASON_CPUID, 0, 2);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS), 1u << 14);
	assert_int_equal(exit_test_injected(), 0);

	/* Other pending debug exceptions are kept. */
	exit_test_setup();
	fake_vmcs_set(VMCS_GUEST_RFLAGS, 0x102);
	fake_vmcs_set(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS, 0x1); /* B0 */
	exit_test_exit(EXIT_REASON_CPUID, 0, 2);
	exit_test_dispatch();
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS), (1u << 14) | 0x1);

	/* Without TF, nothing is written: the hot path stays short. */
	exit_test_setup();
	exit_test_exit(EXIT_REASON_CPUID, 0, 2);
	exit_test_dispatch();
	assert_false(fake_vmcs_written(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS));
}

/* An instruction that faults instead of completing does not single-step. */
static void fault_under_tf_leaves_no_single_step(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_RFLAGS, 0x102);
	exit_test_exit(EXIT_REASON_RDPMC, 0, 2);
	exit_test_dispatch();
	assert_int_equal(exit_test_injected(), EXIT_TEST_GP);
	assert_false(fake_vmcs_written(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS));
}

static void unexpected_exit_ends_with_its_name(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_RSM, 0, 2);
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_end(VCPU_END_GUEST_FAULT, "unexpected VM exit 'RSM' (17) at RIP 0x101000");
	assert_int_equal(exit_test.vcpu.stats.by_reason[EXIT_REASON_RSM], 1);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
}

static void exit_reason_beyond_the_table_is_unexpected(void **state)
{
	(void)state;
	exit_test_exit(200, 0, 0);
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_end(VCPU_END_GUEST_FAULT, "(200)");
	assert_int_equal(exit_test.vcpu.stats.total, 1);
}

static void entry_failure_bit_goes_to_the_triage(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_VM_ENTRY_FAILURE | EXIT_REASON_INVALID_GUEST_STATE, 0, 0);
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_end(VCPU_END_ENTRY_FAILED, "invalid guest state (exit reason 33)");
	assert_true(fake_log_contains("vm entry failed: invalid guest state"));
	assert_int_equal(exit_test.vcpu.stats.total, 0);
}

/* ---- HLT ------------------------------------------------------------------------------------ */

static void hlt_with_interrupts_off_ends_the_guest(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_HLT, 0, 1);
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_end(VCPU_END_HALTED, "the guest halted with interrupts disabled (HLT at RIP 0x101000)");
}

static void hlt_with_interrupts_on_ends_the_guest_differently(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_RFLAGS, 0x202);
	exit_test_exit(EXIT_REASON_HLT, 0, 1);
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_end(VCPU_END_HALTED, "waiting for an interrupt");
	assert_end(VCPU_END_HALTED, "no interrupts yet");
}

/* ---- VMCALL --------------------------------------------------------------------------------- */

static void vmcall_version_returns_major_minor(void **state)
{
	(void)state;
	exit_test.vcpu.regs.rax = VMXHV_HC_VERSION;
	exit_test_exit(EXIT_REASON_VMCALL, 0, 3);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	assert_int_equal(exit_test.vcpu.regs.rax,
			 ((uint64_t)VMXHV_VERSION_MAJOR << 16) | VMXHV_VERSION_MINOR);
	assert_int_not_equal(exit_test.vcpu.regs.rax, 0);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 3);
	assert_int_equal(exit_test_injected(), 0);
}

static void vmcall_unknown_returns_all_ones(void **state)
{
	(void)state;
	static const uint64_t numbers[] = { 1, 0x1234, 0xFFFFFFFF, 0x100000001ull };
	for (size_t i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		exit_test.vcpu.regs.rax = numbers[i];
		exit_test_exit(EXIT_REASON_VMCALL, 0, 3);
		assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
		assert_int_equal(exit_test.vcpu.regs.rax, VMXHV_HC_UNKNOWN);
	}
}

/*
 * Outside 64-bit mode the number is EAX: the upper half of RAX is not the guest's to see (it
 * may hold what an earlier answer left there). In 64-bit mode all of RAX counts. Outside
 * IA-32e mode CS.L means nothing.
 */
static void vmcall_number_is_eax_outside_64bit_mode(void **state)
{
	(void)state;
	static const struct {
		uint32_t cs_ar;
		uint64_t efer;
		bool version;
	} cases[] = {
		{ EXIT_TEST_CS_AR_32, 0, true },
		{ EXIT_TEST_CS_AR_64, 0, true },          /* CS.L ignored: not IA-32e mode */
		{ EXIT_TEST_CS_AR_32, EFER_LME | EFER_LMA, true }, /* compatibility mode */
		{ EXIT_TEST_CS_AR_64, EFER_LME | EFER_LMA, false }, /* 64-bit mode */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, cases[i].cs_ar);
		fake_vmcs_set(VMCS_GUEST_IA32_EFER, cases[i].efer);
		exit_test.vcpu.regs.rax = 0xFFFFFFFF00000000ull | VMXHV_HC_VERSION;
		exit_test_exit(EXIT_REASON_VMCALL, 0, 3);
		assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
		uint64_t expected = cases[i].version ? VMXHV_HYPERCALL_VERSION : VMXHV_HC_UNKNOWN;
		if (exit_test.vcpu.regs.rax != expected)
			fail_msg("case %zu: RAX 0x%lx, expected 0x%lx", i,
				 (unsigned long)exit_test.vcpu.regs.rax, (unsigned long)expected);
	}
}

static void vmcall_from_cpl3_raises_ud(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_SS_ACCESS_RIGHTS, EXIT_TEST_SS_AR | (3u << 5));
	exit_test.vcpu.regs.rax = VMXHV_HC_VERSION;
	exit_test_exit(EXIT_REASON_VMCALL, 0, 3);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	assert_int_equal(exit_test_injected(), EXIT_TEST_UD);
	assert_int_equal(exit_test.vcpu.regs.rax, VMXHV_HC_VERSION);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
}

/* ---- RDPMC ---------------------------------------------------------------------------------- */

/* No PMU is virtualized (CPUID leaf 0xA is zero): every counter number is invalid, #GP(0). */
static void rdpmc_raises_gp(void **state)
{
	(void)state;
	static const uint64_t counters[] = { 0, 1, 0x40000000, 0xFFFFFFFF };
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		exit_test_setup();
		exit_test.vcpu.regs.rcx = counters[i];
		exit_test.vcpu.regs.rax = 0x1111;
		exit_test.vcpu.regs.rdx = 0x2222;
		exit_test_exit(EXIT_REASON_RDPMC, 0, 2);
		assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
		assert_int_equal(exit_test_injected(), EXIT_TEST_GP);
		assert_int_equal(fake_vmcs_get(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE), 0);
		assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
		assert_int_equal(exit_test.vcpu.regs.rax, 0x1111);
		assert_int_equal(exit_test.vcpu.regs.rdx, 0x2222);
		assert_int_equal(exit_test.vcpu.end, VCPU_RUNNING);
	}
}

/* ---- VMX instructions ----------------------------------------------------------------------- */

static void vmx_instructions_and_monitor_mwait_raise_ud(void **state)
{
	(void)state;
	static const uint32_t reasons[] = {
		EXIT_REASON_VMCLEAR, EXIT_REASON_VMLAUNCH, EXIT_REASON_VMPTRLD,
		EXIT_REASON_VMPTRST, EXIT_REASON_VMREAD,   EXIT_REASON_VMRESUME,
		EXIT_REASON_VMWRITE, EXIT_REASON_VMXOFF,   EXIT_REASON_VMXON,
		EXIT_REASON_INVEPT,  EXIT_REASON_INVVPID,  EXIT_REASON_VMFUNC,
		EXIT_REASON_MONITOR, EXIT_REASON_MWAIT, /* hidden by CPUID: #UD too */
	};
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		exit_test_setup();
		exit_test_exit(reasons[i], 0, 4);
		assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
		if (exit_test_injected() != EXIT_TEST_UD)
			fail_msg("exit reason %u injected 0x%x", reasons[i], exit_test_injected());
		assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
		assert_false(fake_vmcs_written(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE));
		assert_int_equal(exit_test.vcpu.end, VCPU_RUNNING);
	}
}

/* ---- guest-ending exits --------------------------------------------------------------------- */

static void triple_fault_ends_the_guest(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_TRIPLE_FAULT, 0, 0);
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_end(VCPU_END_GUEST_FAULT, "the guest caused a triple fault");
	assert_end(VCPU_END_GUEST_FAULT, "RIP 0x101000");
}

static void init_signal_ends_the_guest(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_INIT_SIGNAL, 0, 0);
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_end(VCPU_END_GUEST_FAULT, "the guest received INIT signal (exit reason 3)");
}

static void ept_violation_reports_address_and_access(void **state)
{
	(void)state;
	static const struct {
		uint64_t qualification;
		const char *text;
	} cases[] = {
		{ 0x1, "the guest touched guest-physical 0xc0000000 outside its RAM (read at RIP 0x101000)" },
		{ 0x2, "the guest touched guest-physical 0xc0000000 outside its RAM (write at RIP 0x101000)" },
		{ 0x4, "(instruction fetch at RIP 0x101000)" },
		{ 0x182, "(write at RIP 0x101000, linear 0xc0000000)" },
		{ 0x082, "linear 0xc0000000, during a page walk)" },
		{ 0x00A, "EPT refused the guest's write of guest-physical 0xc0000000 (mapped r--)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		fake_vmcs_set(VMCS_GUEST_PHYSICAL_ADDRESS, 0xC0000000);
		fake_vmcs_set(VMCS_GUEST_LINEAR_ADDRESS, 0xC0000000);
		exit_test_exit(EXIT_REASON_EPT_VIOLATION, cases[i].qualification, 0);
		assert_int_equal(exit_test_dispatch(), EXIT_END);
		assert_end(VCPU_END_GUEST_FAULT, cases[i].text);
	}
}

static void ept_misconfiguration_blames_us(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_PHYSICAL_ADDRESS, 0x3000);
	exit_test_exit(EXIT_REASON_EPT_MISCONFIGURATION, 0, 0);
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_end(VCPU_END_GUEST_FAULT, "EPT misconfiguration at guest-physical 0x3000");
	assert_end(VCPU_END_GUEST_FAULT, "vmxhv bug");
}

/* ---- INVD, WBINVD --------------------------------------------------------------------------- */

static void invd_and_wbinvd_are_skipped(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_INVD, 0, 2);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	exit_test_exit(EXIT_REASON_WBINVD, 0, 2);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 4);
	assert_int_equal(exit_test_injected(), 0);
}

/* ---- XSETBV --------------------------------------------------------------------------------- */

static void xsetbv(uint32_t ecx, uint64_t value)
{
	exit_test.vcpu.regs.rcx = ecx;
	exit_test.vcpu.regs.rax = (uint32_t)value;
	exit_test.vcpu.regs.rdx = value >> 32;
	exit_test_exit(EXIT_REASON_XSETBV, 0, 3);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
}

static void xsetbv_valid_values_reach_xcr0(void **state)
{
	(void)state;
	static const uint64_t values[] = { 0x1, 0x3, 0x7 };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		exit_test_setup();
		xsetbv(0, values[i]);
		assert_int_equal(exit_test_injected(), 0);
		assert_int_equal(fake_host_xcr0(), values[i]);
		assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 3);
	}
}

static void xsetbv_invalid_values_raise_gp(void **state)
{
	(void)state;
	static const struct {
		uint32_t ecx;
		uint64_t value;
	} cases[] = {
		{ 1, 0x3 },    /* XCR1 does not exist here */
		{ 0, 0x0 },    /* x87 must be set */
		{ 0, 0x2 },    /* x87 must be set */
		{ 0, 0x5 },    /* AVX without SSE */
		{ 0, 0x27 },   /* opmask: the host has no AVX-512 */
		{ 0, 0x200 | 1 }, /* PKRU: the host has no PKU */
		{ 0, 1ull << 62 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		xsetbv(cases[i].ecx, cases[i].value);
		if (exit_test_injected() != EXIT_TEST_GP)
			fail_msg("XSETBV %u, 0x%lx: injected 0x%x", cases[i].ecx,
				 (unsigned long)cases[i].value, exit_test_injected());
		assert_int_equal(fake_host_xsetbv_count(), 0);
		assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
	}
}

static void xsetbv_without_xsave_raises_ud(void **state)
{
	(void)state;
	struct cpuid_regs leaf1 = host_cpuid(1, 0);
	leaf1.ecx &= ~(1u << 26);
	fake_host_cpuid_set(1, FAKE_CPUID_ANY_SUBLEAF, leaf1);
	xsetbv(0, 0x1);
	assert_int_equal(exit_test_injected(), EXIT_TEST_UD);
	assert_int_equal(fake_host_xsetbv_count(), 0);
}

static void avx512_needs_all_three_components(void **state)
{
	(void)state;
	fake_host_cpuid_set(0xD, 0, (struct cpuid_regs){ 0xE7, 0x980, 0xA80, 0 });
	xsetbv(0, 0xE7);
	assert_int_equal(exit_test_injected(), 0);
	assert_int_equal(fake_host_xcr0(), 0xE7);
	exit_test_setup();
	fake_host_cpuid_set(0xD, 0, (struct cpuid_regs){ 0xE7, 0x980, 0xA80, 0 });
	xsetbv(0, 0x67);
	assert_int_equal(exit_test_injected(), EXIT_TEST_GP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(cpuid_advances_rip_and_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(skip_clears_sti_and_mov_ss_blocking, setup, teardown),
		cmocka_unit_test_setup_teardown(skip_under_tf_leaves_a_pending_single_step, setup, teardown),
		cmocka_unit_test_setup_teardown(fault_under_tf_leaves_no_single_step, setup, teardown),
		cmocka_unit_test_setup_teardown(unexpected_exit_ends_with_its_name, setup, teardown),
		cmocka_unit_test_setup_teardown(exit_reason_beyond_the_table_is_unexpected, setup, teardown),
		cmocka_unit_test_setup_teardown(entry_failure_bit_goes_to_the_triage, setup, teardown),
		cmocka_unit_test_setup_teardown(hlt_with_interrupts_off_ends_the_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(hlt_with_interrupts_on_ends_the_guest_differently, setup, teardown),
		cmocka_unit_test_setup_teardown(vmcall_version_returns_major_minor, setup, teardown),
		cmocka_unit_test_setup_teardown(vmcall_unknown_returns_all_ones, setup, teardown),
		cmocka_unit_test_setup_teardown(vmcall_number_is_eax_outside_64bit_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(vmcall_from_cpl3_raises_ud, setup, teardown),
		cmocka_unit_test_setup_teardown(rdpmc_raises_gp, setup, teardown),
		cmocka_unit_test_setup_teardown(vmx_instructions_and_monitor_mwait_raise_ud, setup, teardown),
		cmocka_unit_test_setup_teardown(triple_fault_ends_the_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(init_signal_ends_the_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(ept_violation_reports_address_and_access, setup, teardown),
		cmocka_unit_test_setup_teardown(ept_misconfiguration_blames_us, setup, teardown),
		cmocka_unit_test_setup_teardown(invd_and_wbinvd_are_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(xsetbv_valid_values_reach_xcr0, setup, teardown),
		cmocka_unit_test_setup_teardown(xsetbv_invalid_values_raise_gp, setup, teardown),
		cmocka_unit_test_setup_teardown(xsetbv_without_xsave_raises_ud, setup, teardown),
		cmocka_unit_test_setup_teardown(avx512_needs_all_three_components, setup, teardown),
	};
	return cmocka_run_group_tests_name("exit_dispatch", tests, NULL, NULL);
}
