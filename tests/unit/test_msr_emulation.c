/*
 * vmx/msr_emulation.c directly: every emulated MSR's read, valid writes that read back,
 * invalid writes that are refused and change nothing, the rules that depend on guest state
 * (EFER.LME under paging, NXE without NX), the TSC offset, the MSRs kept in the hardware, and
 * #GP for the VMX capability MSRs and unknown ones.
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

static struct vcpu *vcpu;

static int setup(void **state)
{
	(void)state;
	exit_test_setup();
	vcpu = &exit_test.vcpu;
	msr_emulation_init(vcpu);
	fake_vmcs_set(VMCS_GUEST_IA32_SYSENTER_CS, 0x10);
	fake_vmcs_set(VMCS_GUEST_IA32_SYSENTER_ESP, 0x7000);
	fake_vmcs_set(VMCS_GUEST_IA32_SYSENTER_EIP, 0x101234);
	fake_vmcs_set(VMCS_GUEST_FS_BASE, 0xF5000);
	fake_vmcs_set(VMCS_GUEST_GS_BASE, 0x65000);
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_NXE);
	return 0;
}

static uint64_t read_ok(uint32_t msr)
{
	uint64_t value = 0xDEAD;
	if (msr_read(vcpu, msr, &value) != 0)
		fail_msg("RDMSR 0x%x refused", msr);
	return value;
}

static void init_sets_power_on_state(void **state)
{
	(void)state;
	assert_int_equal(vcpu->msrs.apic_base, 0xFEE00100);
	assert_int_equal(vcpu->msrs.misc_enable, 0x1801);
	assert_int_equal(vcpu->msrs.mtrr_def_type, 0x806);
	static const uint32_t in_hardware[] = {
		MSR_IA32_STAR, MSR_IA32_LSTAR, MSR_IA32_CSTAR, MSR_IA32_FMASK,
		MSR_IA32_KERNEL_GS_BASE, MSR_IA32_TSC_AUX,
	};
	for (size_t i = 0; i < sizeof(in_hardware) / sizeof(in_hardware[0]); i++) {
		assert_true(fake_host_msr_written(in_hardware[i]));
		assert_int_equal(fake_host_msr(in_hardware[i]), 0);
	}
}

static void every_emulated_msr_reads(void **state)
{
	(void)state;
	fake_host_cpu_set_tsc(1000);
	fake_vmcs_set(VMCS_TSC_OFFSET, 500);
	static const struct {
		uint32_t msr;
		uint64_t value;
	} cases[] = {
		{ MSR_IA32_TIME_STAMP_COUNTER, 1500 },
		{ MSR_IA32_APIC_BASE, 0xFEE00100 },     /* BSP, default base, not enabled */
		{ MSR_IA32_FEATURE_CONTROL, 0x1 },      /* locked, VMX off */
		{ MSR_IA32_BIOS_SIGN_ID, 0 },
		{ MSR_IA32_MTRRCAP, 0 },
		{ MSR_IA32_SYSENTER_CS, 0x10 },
		{ MSR_IA32_SYSENTER_ESP, 0x7000 },
		{ MSR_IA32_SYSENTER_EIP, 0x101234 },
		{ MSR_IA32_MISC_ENABLE, 0x1801 },       /* fast strings, no BTS, no PEBS */
		{ MSR_IA32_PAT, PAT_POWER_ON },
		{ MSR_IA32_MTRR_DEF_TYPE, 0x806 },      /* E, WB */
		{ MSR_IA32_EFER, EFER_NXE },
		{ MSR_IA32_STAR, 0 },
		{ MSR_IA32_LSTAR, 0 },
		{ MSR_IA32_CSTAR, 0 },
		{ MSR_IA32_FMASK, 0 },
		{ MSR_IA32_FS_BASE, 0xF5000 },
		{ MSR_IA32_GS_BASE, 0x65000 },
		{ MSR_IA32_KERNEL_GS_BASE, 0 },
		{ MSR_IA32_TSC_AUX, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t got = read_ok(cases[i].msr);
		if (got != cases[i].value)
			fail_msg("RDMSR 0x%x = 0x%lx, expected 0x%lx", cases[i].msr,
				 (unsigned long)got, (unsigned long)cases[i].value);
	}
}

struct write_case {
	uint32_t msr;
	uint64_t value;
	const char *why;
};

static const struct write_case valid_writes[] = {
	{ MSR_IA32_PAT, 0x0007010600070106ull, "PA1 WC" },
	{ MSR_IA32_PAT, 0x0000000000000000ull, "all UC" },
	{ MSR_IA32_PAT, 0x0706050401000706ull, "every valid type" },
	{ MSR_IA32_EFER, EFER_SCE | EFER_NXE, "SCE" },
	{ MSR_IA32_EFER, EFER_LME, "LME with paging off" },
	{ MSR_IA32_SYSENTER_CS, 0x23, 0 },
	{ MSR_IA32_SYSENTER_ESP, 0xFFFF800000001000ull, "canonical high" },
	{ MSR_IA32_SYSENTER_EIP, 0x00007FFFFFFFFFFFull, "canonical top of the low half" },
	{ MSR_IA32_STAR, 0x0023001000000000ull, 0 },
	{ MSR_IA32_LSTAR, 0xFFFFFFFF80001000ull, 0 },
	{ MSR_IA32_CSTAR, 0xFFFFFFFF80002000ull, 0 },
	{ MSR_IA32_FMASK, 0x00047700, 0 },
	{ MSR_IA32_FS_BASE, 0x00007FFF12345000ull, 0 },
	{ MSR_IA32_GS_BASE, 0xFFFF800000001000ull, 0 },
	{ MSR_IA32_KERNEL_GS_BASE, 0x0000000012345000ull, 0 },
	{ MSR_IA32_TSC_AUX, 0x12345678, 0 },
	{ MSR_IA32_MTRR_DEF_TYPE, 0x000, "disabled, UC" },
	{ MSR_IA32_MTRR_DEF_TYPE, 0xC01, "E, FE, WC" },
	{ MSR_IA32_MTRR_DEF_TYPE, 0x804, "WT" },
	{ MSR_IA32_MTRR_DEF_TYPE, 0x805, "WP" },
	{ MSR_IA32_MISC_ENABLE, 0x1800, "fast strings off" },
	{ MSR_IA32_MISC_ENABLE, 0x1801 | (1u << 3) | (1u << 16) | (1u << 23), "hint bits" },
};

static const struct write_case invalid_writes[] = {
	{ MSR_IA32_PAT, 0x0007040600070402ull, "PA0 type 2 is reserved" },
	{ MSR_IA32_PAT, 0x0307040600070406ull, "PA7 type 3 is reserved" },
	{ MSR_IA32_PAT, 0x0007040600070408ull, "PA0 type 8 is reserved" },
	{ MSR_IA32_PAT, 0x0007040600F70406ull, "PA2 type 0xF7" },
	{ MSR_IA32_EFER, 1ull << 1, "bit 1 is reserved" },
	{ MSR_IA32_EFER, 1ull << 63, "bit 63 is reserved" },
	{ MSR_IA32_EFER, EFER_SCE | (1ull << 9), "bit 9 is reserved" },
	{ MSR_IA32_SYSENTER_ESP, 0x0000800000000000ull, "non-canonical" },
	{ MSR_IA32_SYSENTER_EIP, 0x8000000000000000ull, "non-canonical" },
	{ MSR_IA32_LSTAR, 0x8000000000000000ull, "non-canonical" },
	{ MSR_IA32_CSTAR, 0x0001000000000000ull, "non-canonical" },
	{ MSR_IA32_FMASK, 0x100000000ull, "bits 63:32 reserved" },
	{ MSR_IA32_FS_BASE, 0x0000800000000000ull, "non-canonical" },
	{ MSR_IA32_GS_BASE, 0x00FF000000000000ull, "non-canonical" },
	{ MSR_IA32_KERNEL_GS_BASE, 0x8000000000000000ull, "non-canonical" },
	{ MSR_IA32_TSC_AUX, 0x100000000ull, "bits 63:32 reserved" },
	{ MSR_IA32_MTRR_DEF_TYPE, 2, "type 2 is reserved" },
	{ MSR_IA32_MTRR_DEF_TYPE, 7, "type 7 (UC-) is PAT only" },
	{ MSR_IA32_MTRR_DEF_TYPE, 0x1806, "bit 12 is reserved" },
	{ MSR_IA32_MTRRCAP, 0, "read-only" },
	{ MSR_IA32_FEATURE_CONTROL, 0x5, "locked" },
	{ MSR_IA32_FEATURE_CONTROL, 0x1, "locked, even to its own value" },
	{ MSR_IA32_APIC_BASE, 0xFEE00900, "enable: there is no APIC" },
	{ MSR_IA32_APIC_BASE, 0xFEE00500, "x2APIC mode" },
	{ MSR_IA32_APIC_BASE, 0xFED00100, "another base" },
	{ MSR_IA32_APIC_BASE, 0xFEE00101, "reserved bit 0" },
	{ MSR_IA32_MISC_ENABLE, 0x1801 | (1ull << 22), "limit CPUID maxval" },
	{ MSR_IA32_MISC_ENABLE, 0x1801 | (1ull << 34), "XD disable" },
	{ MSR_IA32_MISC_ENABLE, 0x1801 | (1ull << 18), "MONITOR enable" },
	{ MSR_IA32_MISC_ENABLE, 0x0001, "BTS/PEBS unavailable are read-only" },
	{ MSR_IA32_VMX_BASIC, 0, "not emulated" },
	{ 0x12345678u, 0, "not an MSR" },
};

static void valid_writes_read_back(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(valid_writes) / sizeof(valid_writes[0]); i++) {
		const struct write_case *w = &valid_writes[i];
		if (msr_write(vcpu, w->msr, w->value) != 0)
			fail_msg("WRMSR 0x%x 0x%lx (%s) refused", w->msr, (unsigned long)w->value,
				 w->why ? w->why : "");
		uint64_t got = read_ok(w->msr);
		if (got != w->value)
			fail_msg("WRMSR 0x%x 0x%lx read back 0x%lx", w->msr, (unsigned long)w->value,
				 (unsigned long)got);
	}
}

static void invalid_writes_are_refused_and_change_nothing(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(invalid_writes) / sizeof(invalid_writes[0]); i++) {
		const struct write_case *w = &invalid_writes[i];
		uint64_t before = 0, after = 0;
		int readable = msr_read(vcpu, w->msr, &before) == 0;
		unsigned host_writes = fake_host_msr_write_count();
		if (msr_write(vcpu, w->msr, w->value) == 0)
			fail_msg("WRMSR 0x%x 0x%lx (%s) accepted", w->msr, (unsigned long)w->value,
				 w->why);
		if (readable && (msr_read(vcpu, w->msr, &after) != 0 || after != before))
			fail_msg("refused WRMSR 0x%x (%s) changed 0x%lx to 0x%lx", w->msr, w->why,
				 (unsigned long)before, (unsigned long)after);
		assert_int_equal(fake_host_msr_write_count(), host_writes);
	}
}

static void hardware_msrs_reach_the_hardware(void **state)
{
	(void)state;
	static const struct {
		uint32_t msr;
		uint64_t value;
	} cases[] = {
		{ MSR_IA32_STAR, 0x0023001000000000ull },
		{ MSR_IA32_LSTAR, 0xFFFFFFFF81000000ull },
		{ MSR_IA32_CSTAR, 0xFFFFFFFF81000100ull },
		{ MSR_IA32_FMASK, 0x47700 },
		{ MSR_IA32_KERNEL_GS_BASE, 0xFFFF888000000000ull },
		{ MSR_IA32_TSC_AUX, 7 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(msr_write(vcpu, cases[i].msr, cases[i].value), 0);
		assert_int_equal(fake_host_msr(cases[i].msr), cases[i].value);
	}
	/* The VMCS-held ones do not. */
	unsigned writes = fake_host_msr_write_count();
	assert_int_equal(msr_write(vcpu, MSR_IA32_FS_BASE, 0x1000), 0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_FS_BASE), 0x1000);
	assert_int_equal(msr_write(vcpu, MSR_IA32_PAT, 0x0606060606060606ull), 0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_IA32_PAT), 0x0606060606060606ull);
	assert_int_equal(fake_host_msr_write_count(), writes);
}

/*
 * SWAPGS exchanges GS.base and KERNEL_GS_BASE without an exit: RDMSR must give what the
 * hardware holds now, not what the guest last wrote.
 */
static void kernel_gs_base_read_follows_swapgs(void **state)
{
	(void)state;
	assert_int_equal(msr_write(vcpu, MSR_IA32_KERNEL_GS_BASE, 0xFFFF888000001000ull), 0);
	assert_int_equal(read_ok(MSR_IA32_KERNEL_GS_BASE), 0xFFFF888000001000ull);
	fake_host_msr_set(MSR_IA32_KERNEL_GS_BASE, 0x65000); /* SWAPGS: GS.base went there */
	assert_int_equal(read_ok(MSR_IA32_KERNEL_GS_BASE), 0x65000);
}

static void tsc_write_moves_the_offset(void **state)
{
	(void)state;
	fake_host_cpu_set_tsc(1000);
	assert_int_equal(msr_write(vcpu, MSR_IA32_TIME_STAMP_COUNTER, 5000), 0);
	assert_int_equal(fake_vmcs_get(VMCS_TSC_OFFSET), 4000);
	fake_host_cpu_set_tsc(1100);
	assert_int_equal(read_ok(MSR_IA32_TIME_STAMP_COUNTER), 5100);
	/* Backwards: the offset wraps, as the 64-bit field does. */
	assert_int_equal(msr_write(vcpu, MSR_IA32_TIME_STAMP_COUNTER, 100), 0);
	assert_int_equal(fake_vmcs_get(VMCS_TSC_OFFSET), (uint64_t)100 - 1100);
	assert_int_equal(read_ok(MSR_IA32_TIME_STAMP_COUNTER), 100);
}

static void efer_lme_cannot_change_under_paging(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_CR0, EXIT_TEST_CR0 | 0x80000000ull);
	assert_int_not_equal(msr_write(vcpu, MSR_IA32_EFER, EFER_NXE | EFER_LME), 0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_IA32_EFER), EFER_NXE);
	/* Other bits may change under paging. */
	assert_int_equal(msr_write(vcpu, MSR_IA32_EFER, EFER_NXE | EFER_SCE), 0);
	/* In long mode, writing LME|LMA again is fine; LMA itself cannot be cleared by WRMSR. */
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME | EFER_LMA);
	assert_int_equal(msr_write(vcpu, MSR_IA32_EFER, EFER_LME), 0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_IA32_EFER), EFER_LME | EFER_LMA);
}

static void efer_lma_written_is_ignored(void **state)
{
	(void)state;
	assert_int_equal(msr_write(vcpu, MSR_IA32_EFER, EFER_LMA), 0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_IA32_EFER), 0);
}

static void efer_nxe_needs_nx(void **state)
{
	(void)state;
	struct cpuid_regs ext = host_cpuid(0x80000001, 0);
	ext.edx &= ~(1u << 20);
	fake_host_cpuid_set(0x80000001, FAKE_CPUID_ANY_SUBLEAF, ext);
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, 0);
	assert_int_not_equal(msr_write(vcpu, MSR_IA32_EFER, EFER_NXE), 0);
	assert_int_equal(msr_write(vcpu, MSR_IA32_EFER, EFER_SCE), 0);
}

static void canonical_width_follows_cpuid(void **state)
{
	(void)state;
	/* 57-bit linear addresses: 0x00FF000000000000 becomes canonical. */
	fake_host_cpuid_set(0x80000008, FAKE_CPUID_ANY_SUBLEAF, (struct cpuid_regs){ 0x3934, 0, 0, 0 });
	assert_int_equal(msr_write(vcpu, MSR_IA32_GS_BASE, 0x00FF000000000000ull), 0);
	assert_int_not_equal(msr_write(vcpu, MSR_IA32_GS_BASE, 0x0100000000000000ull), 0);
}

static void tsc_aux_needs_rdtscp_or_rdpid(void **state)
{
	(void)state;
	struct cpuid_regs ext = host_cpuid(0x80000001, 0);
	ext.edx &= ~(1u << 27);
	fake_host_cpuid_set(0x80000001, FAKE_CPUID_ANY_SUBLEAF, ext);
	uint64_t value;
	assert_int_not_equal(msr_read(vcpu, MSR_IA32_TSC_AUX, &value), 0);
	assert_int_not_equal(msr_write(vcpu, MSR_IA32_TSC_AUX, 1), 0);
}

static void vmx_capability_msrs_and_unknown_ones_fault(void **state)
{
	(void)state;
	for (uint32_t msr = MSR_IA32_VMX_FIRST; msr <= MSR_IA32_VMX_LAST; msr++) {
		uint64_t value;
		assert_int_not_equal(msr_read(vcpu, msr, &value), 0);
		assert_int_not_equal(msr_write(vcpu, msr, 0), 0);
	}
	static const uint32_t unknown[] = { 0x0, 0x3B, 0x48, 0xCE, 0xE7, 0x179, 0x200, 0xC0000104,
					    0x40000000, 0xFFFFFFFF };
	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		uint64_t value;
		assert_int_not_equal(msr_read(vcpu, unknown[i], &value), 0);
		assert_int_not_equal(msr_write(vcpu, unknown[i], 0), 0);
	}
}

static void bios_sign_id_write_is_ignored(void **state)
{
	(void)state;
	assert_int_equal(msr_write(vcpu, MSR_IA32_BIOS_SIGN_ID, 0), 0);
	assert_int_equal(msr_write(vcpu, MSR_IA32_BIOS_SIGN_ID, 0x1234), 0);
	assert_int_equal(read_ok(MSR_IA32_BIOS_SIGN_ID), 0);
}

static void apic_base_write_of_its_value_is_accepted(void **state)
{
	(void)state;
	assert_int_equal(msr_write(vcpu, MSR_IA32_APIC_BASE, 0xFEE00100), 0);
	assert_int_equal(msr_write(vcpu, MSR_IA32_APIC_BASE, 0xFEE00000), 0); /* BSP read-only */
	assert_int_equal(read_ok(MSR_IA32_APIC_BASE), 0xFEE00100);
}

static void msr_names(void **state)
{
	(void)state;
	assert_string_equal(msr_name(0x277), "IA32_PAT");
	assert_string_equal(msr_name(0xC0000080), "IA32_EFER");
	assert_string_equal(msr_name(0x480), "IA32_VMX_BASIC");
	assert_string_equal(msr_name(0x493), "IA32_VMX_EXIT_CTLS2");
	assert_null(msr_name(0x12345678));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test_setup(init_sets_power_on_state, setup),
		exit_test_unit_test_setup(every_emulated_msr_reads, setup),
		exit_test_unit_test_setup(valid_writes_read_back, setup),
		exit_test_unit_test_setup(invalid_writes_are_refused_and_change_nothing, setup),
		exit_test_unit_test_setup(hardware_msrs_reach_the_hardware, setup),
		exit_test_unit_test_setup(kernel_gs_base_read_follows_swapgs, setup),
		exit_test_unit_test_setup(tsc_write_moves_the_offset, setup),
		exit_test_unit_test_setup(efer_lme_cannot_change_under_paging, setup),
		exit_test_unit_test_setup(efer_lma_written_is_ignored, setup),
		exit_test_unit_test_setup(efer_nxe_needs_nx, setup),
		exit_test_unit_test_setup(canonical_width_follows_cpuid, setup),
		exit_test_unit_test_setup(tsc_aux_needs_rdtscp_or_rdpid, setup),
		exit_test_unit_test_setup(vmx_capability_msrs_and_unknown_ones_fault, setup),
		exit_test_unit_test_setup(bios_sign_id_write_is_ignored, setup),
		exit_test_unit_test_setup(apic_base_write_of_its_value_is_accepted, setup),
		exit_test_unit_test_setup(msr_names, setup),
	};
	return cmocka_run_group_tests_name("msr_emulation", tests, NULL, NULL);
}
