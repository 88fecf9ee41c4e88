/*
 * vmx/cpuid_view.c on the Haswell-like fake host: what is hidden, what is kept, what is made
 * up (topology, the hypervisor leaves), and what follows the guest's CR4 and VMX controls.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/support/fake_host_cpuid.h"
#include "vmx/control_regs.h"
#include "vmx/cpuid_view.h"
#include "vmx/hypercall.h"
#include "vmx/vmx_controls.h"

static int setup(void **state)
{
	(void)state;
	fake_host_cpuid_reset();
	return 0;
}

#define BIT(n) (1u << (n))

static void assert_bits(uint32_t value, uint32_t set, uint32_t clear, const char *what)
{
	if ((value & set) != set)
		fail_msg("%s 0x%08x lacks 0x%08x", what, value, set & ~value);
	if (value & clear)
		fail_msg("%s 0x%08x shows hidden 0x%08x", what, value, value & clear);
}

static void leaf1_hides_what_the_guest_cannot_use(void **state)
{
	(void)state;
	struct cpuid_regs r = cpuid_view(1, 0);
	assert_int_equal(r.eax, 0x000306C3); /* family, model, stepping as they are */
	/* ECX hidden: DTES64 2, MONITOR 3, DS-CPL 4, VMX 5, SMX 6, EST 7, TM2 8, xTPR 14,
	 * PDCM 15, x2APIC 21, TSC-deadline 24, OSXSAVE 27 (no guest state given). */
	assert_bits(r.ecx,
		    BIT(0) | BIT(1) | BIT(9) | BIT(12) | BIT(13) | BIT(17) | BIT(19) | BIT(20) |
			    BIT(22) | BIT(23) | BIT(25) | BIT(26) | BIT(28) | BIT(29) | BIT(30) | BIT(31),
		    BIT(2) | BIT(3) | BIT(4) | BIT(5) | BIT(6) | BIT(7) | BIT(8) | BIT(14) | BIT(15) |
			    BIT(21) | BIT(24) | BIT(27),
		    "leaf 1 ECX");
	/* EDX hidden: MCE 7, APIC 9, MCA 14, DS 21, ACPI 22, HTT 28, TM 29, PBE 31. */
	assert_bits(r.edx,
		    BIT(0) | BIT(3) | BIT(4) | BIT(5) | BIT(6) | BIT(8) | BIT(11) | BIT(12) |
			    BIT(13) | BIT(15) | BIT(16) | BIT(19) | BIT(23) | BIT(24) | BIT(25) | BIT(26),
		    BIT(7) | BIT(9) | BIT(14) | BIT(21) | BIT(22) | BIT(28) | BIT(29) | BIT(31),
		    "leaf 1 EDX");
	/* EBX: APIC id 0, one logical processor, CLFLUSH line size kept. */
	assert_int_equal(r.ebx, 0x00010800);
}

static void leaf1_osxsave_mirrors_the_guest(void **state)
{
	(void)state;
	struct cpuid_guest_state guest = { .cr4 = CR4_OSXSAVE };
	assert_true(cpuid_view_for_guest(1, 0, &guest).ecx & BIT(27));
	guest.cr4 = 0;
	assert_false(cpuid_view_for_guest(1, 0, &guest).ecx & BIT(27));
	/* Without XSAVE there is no OSXSAVE, whatever CR4 says. */
	struct cpuid_regs host = host_cpuid(1, 0);
	host.ecx &= ~BIT(26);
	fake_host_cpuid_set(1, FAKE_CPUID_ANY_SUBLEAF, host);
	guest.cr4 = CR4_OSXSAVE;
	assert_false(cpuid_view_for_guest(1, 0, &guest).ecx & BIT(27));
}

static void hypervisor_leaves(void **state)
{
	(void)state;
	struct cpuid_regs r = cpuid_view(0x40000000, 0);
	char signature[13] = { 0 };
	memcpy(signature, &r.ebx, 4);
	memcpy(signature + 4, &r.ecx, 4);
	memcpy(signature + 8, &r.edx, 4);
	assert_int_equal(r.eax, 0x40000001);
	assert_string_equal(signature, "vmxhv");
	assert_int_equal(r.ebx, 0x68786D76);
	assert_int_equal(r.ecx, 0x76);
	assert_int_equal(r.edx, 0);

	r = cpuid_view(0x40000001, 0);
	assert_int_equal(r.eax, VMXHV_HYPERCALL_VERSION);
	assert_int_equal(r.eax, (VMXHV_VERSION_MAJOR << 16) | VMXHV_VERSION_MINOR);
	assert_int_equal(r.ebx | r.ecx | r.edx, 0);

	static const uint32_t empty[] = { 0x40000002, 0x40000100, 0x4FFFFFFF };
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++) {
		r = cpuid_view(empty[i], 0);
		assert_int_equal(r.eax | r.ebx | r.ecx | r.edx, 0);
	}
}

static void topology_is_one_thread_one_core(void **state)
{
	(void)state;
	struct cpuid_regs r = cpuid_view(4, 0);
	assert_int_equal(r.eax, 0x00000121); /* cache level and type kept, sharing cleared */
	assert_int_equal(r.ebx, 0x01C0003F);

	r = cpuid_view(0xB, 0);
	assert_int_equal(r.eax, 0);
	assert_int_equal(r.ebx, 1);
	assert_int_equal(r.ecx, 0x100);
	assert_int_equal(r.edx, 0);
	r = cpuid_view(0xB, 1);
	assert_int_equal(r.ebx, 1);
	assert_int_equal(r.ecx, 0x201);
	r = cpuid_view(0xB, 2);
	assert_int_equal(r.ebx, 0);
	assert_int_equal(r.ecx, 2);
}

static void power_thermal_and_pmu_leaves_are_empty(void **state)
{
	(void)state;
	static const uint32_t leaves[] = { 0x5, 0x6, 0xA };
	for (size_t i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++) {
		struct cpuid_regs r = cpuid_view(leaves[i], 0);
		if (r.eax | r.ebx | r.ecx | r.edx)
			fail_msg("leaf 0x%x is not empty", leaves[i]);
	}
}

static void leaf7_hides_msr_backed_features(void **state)
{
	(void)state;
	struct cpuid_regs r = cpuid_view(7, 0);
	/* kept: FSGSBASE 0, BMI1 3, AVX2 5, SMEP 7, BMI2 8, ERMS 9, FPU CS/DS 13;
	 * hidden: TSC_ADJUST 1, INVPCID 10 (no control), PT 25 */
	assert_bits(r.ebx, BIT(0) | BIT(3) | BIT(5) | BIT(7) | BIT(8) | BIT(9) | BIT(13),
		    BIT(1) | BIT(10) | BIT(25), "leaf 7 EBX");
	/* kept: MD_CLEAR 10; hidden: IBRS 26, STIBP 27, L1D_FLUSH 28, ARCH_CAPABILITIES 29, SSBD 31 */
	assert_bits(r.edx, BIT(10), BIT(26) | BIT(27) | BIT(28) | BIT(29) | BIT(31), "leaf 7 EDX");

	struct cpuid_guest_state guest = { .secondary_controls = SECONDARY_ENABLE_INVPCID };
	assert_true(cpuid_view_for_guest(7, 0, &guest).ebx & BIT(10));
}

static void leaf7_rdpid_and_ospke_follow_the_guest(void **state)
{
	(void)state;
	fake_host_cpuid_set(7, 0, (struct cpuid_regs){ 0, 0, BIT(3) | BIT(22), 0 }); /* PKU, RDPID */
	struct cpuid_guest_state guest = { 0 };
	struct cpuid_regs r = cpuid_view_for_guest(7, 0, &guest);
	assert_bits(r.ecx, BIT(3), BIT(4) | BIT(22), "leaf 7 ECX, no controls");
	guest.cr4 = CR4_PKE;
	guest.secondary_controls = SECONDARY_ENABLE_RDTSCP;
	r = cpuid_view_for_guest(7, 0, &guest);
	assert_bits(r.ecx, BIT(3) | BIT(4) | BIT(22), 0, "leaf 7 ECX, PKE and RDTSCP");
}

static void xsave_leaf_offers_only_allowed_components(void **state)
{
	(void)state;
	fake_host_cpuid_set(0xD, 0, (struct cpuid_regs){ 0x2FF, 0x340, 0xA88, 0 }); /* MPX, PKRU too */
	fake_host_cpuid_set(0xD, 1, (struct cpuid_regs){ 0xF, 0, 0x100, 0 });        /* XSAVES, XSS */
	fake_host_cpuid_set(0xD, 3, (struct cpuid_regs){ 0x40, 0x3C0, 0, 0 });       /* MPX BNDREGS */
	struct cpuid_regs r = cpuid_view(0xD, 0);
	assert_int_equal(r.eax, 0x2E7); /* x87 SSE AVX opmask ZMM_Hi256 Hi16_ZMM PKRU */
	r = cpuid_view(0xD, 1);
	assert_int_equal(r.eax, 0x7);   /* XSAVEOPT, XSAVEC, XGETBV1; not XSAVES */
	assert_int_equal(r.ecx, 0);
	r = cpuid_view(0xD, 3);
	assert_int_equal(r.eax | r.ebx, 0);
	r = cpuid_view(0xD, 2);
	assert_int_equal(r.eax, 0x100); /* AVX component kept */
	assert_int_equal(cpuid_guest_xcr0_allowed(), 0x2E7);
}

static void extended_leaf_keeps_long_mode_and_hides_rdtscp(void **state)
{
	(void)state;
	struct cpuid_regs r = cpuid_view(0x80000001, 0);
	assert_bits(r.edx, BIT(11) | BIT(20) | BIT(26) | BIT(29), BIT(27), "0x80000001 EDX");
	struct cpuid_guest_state guest = { .secondary_controls = SECONDARY_ENABLE_RDTSCP };
	assert_true(cpuid_view_for_guest(0x80000001, 0, &guest).edx & BIT(27));
	assert_true(cpuid_guest_has_80000001_edx(BIT(20)));
	assert_false(cpuid_guest_has_80000001_edx(BIT(27)));
}

static void leaves_beyond_the_maximum_answer_the_highest_basic(void **state)
{
	(void)state;
	struct cpuid_regs high = cpuid_view(0xD, 0);
	struct cpuid_regs r = cpuid_view(0x14, 0);
	assert_memory_equal(&r, &high, sizeof(r));
	r = cpuid_view(0x80000009, 0);
	assert_memory_equal(&r, &high, sizeof(r));
	r = cpuid_view(0x7FFFFFFF, 0);
	assert_memory_equal(&r, &high, sizeof(r));
	/* The basic maximum is the host's. */
	assert_int_equal(cpuid_view(0, 0).eax, 0xD);
}

static void linear_address_width(void **state)
{
	(void)state;
	assert_int_equal(cpuid_linear_address_bits(), 48);
	fake_host_cpuid_set(0x80000008, FAKE_CPUID_ANY_SUBLEAF, (struct cpuid_regs){ 0x3934, 0, 0, 0 });
	assert_int_equal(cpuid_linear_address_bits(), 57);
	fake_host_cpuid_set(0x80000000, FAKE_CPUID_ANY_SUBLEAF, (struct cpuid_regs){ 0x80000004, 0, 0, 0 });
	assert_int_equal(cpuid_linear_address_bits(), 48);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(leaf1_hides_what_the_guest_cannot_use, setup),
		cmocka_unit_test_setup(leaf1_osxsave_mirrors_the_guest, setup),
		cmocka_unit_test_setup(hypervisor_leaves, setup),
		cmocka_unit_test_setup(topology_is_one_thread_one_core, setup),
		cmocka_unit_test_setup(power_thermal_and_pmu_leaves_are_empty, setup),
		cmocka_unit_test_setup(leaf7_hides_msr_backed_features, setup),
		cmocka_unit_test_setup(leaf7_rdpid_and_ospke_follow_the_guest, setup),
		cmocka_unit_test_setup(xsave_leaf_offers_only_allowed_components, setup),
		cmocka_unit_test_setup(extended_leaf_keeps_long_mode_and_hides_rdtscp, setup),
		cmocka_unit_test_setup(leaves_beyond_the_maximum_answer_the_highest_basic, setup),
		cmocka_unit_test_setup(linear_address_width, setup),
	};
	return cmocka_run_group_tests_name("cpuid_view", tests, NULL, NULL);
}
