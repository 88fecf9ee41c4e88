/*
 * vmx/caps_log.c and vmx/requirements.c: the boot log block and the verdict on guests, checked
 * line by line (the Bochs boot tests match these lines).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vmx/caps_log.h"
#include "vmx/requirements.h"
#include "vmx/vmx_controls.h"
#include "tests/unit/support/cpu_fixtures.h"
#include "tests/unit/support/fake_log.h"

/* Like Bochs bx_generic: VMX with secondary controls, but no EPT, VPID or unrestricted guest. */
static struct vmx_msr_values generic(void)
{
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.basic &= ~VMX_BASIC_TRUE_CONTROLS;
	v.has_true_ctls = false;
	v.pinbased_ctls = 0x0000003f00000016ull; /* no preemption timer */
	v.procbased_ctls2 = 0x0000004900000000ull; /* APIC accesses, RDTSCP, WBINVD exiting */
	v.ept_vpid_cap = 0;
	v.has_ept_vpid_cap = false;
	return v;
}

#define assert_logged(line) assert_true(fake_log_contains("vmxhv: " line "\n"))

static void haswell_block(void **state)
{
	(void)state;
	struct vmx_caps caps = cpu_caps_decode(cpu_haswell_msrs());

	vmx_caps_log(&caps);
	assert_logged("vmx: IA32_VMX_BASIC 0x00d810000000002b: revision id 0x2b, region size 4096, "
		      "memory type WB, 32-bit addresses no, INS/OUTS info yes, TRUE controls yes");
	assert_logged("vmx: controls allowed-0/allowed-1 (TRUE MSRs): pin-based 0x00000016/0x0000007f, "
		      "primary 0x04006172/0xfff9fffe, secondary 0x00000000/0x00047fff, "
		      "exit 0x00036dfb/0x007fffff, entry 0x000011fb/0x0000ffff");
	assert_logged("vmx: IA32_VMX_MISC 0x00000000000401e5: preemption timer rate 2^5 TSC, CR3 targets 4, "
		      "MSR list max 512, activity HLT yes shutdown yes wait-for-SIPI yes");
	assert_logged("vmx: IA32_VMX_EPT_VPID_CAP 0x00000f0106334141: 4-level walk yes, WB yes, UC yes, "
		      "2M pages yes, 1G pages yes, A/D yes, execute-only yes, INVEPT yes, INVVPID yes");
	assert_logged("vmx: IA32_VMX_CR0_FIXED0 0x80000021 FIXED1 0xffffffff, "
		      "IA32_VMX_CR4_FIXED0 0x2000 FIXED1 0x1727ff");
	assert_logged("vmx: IA32_VMX_VMCS_ENUM 0x2e: highest field index 23");
	assert_logged("vmx: features: EPT yes, VPID yes, unrestricted guest yes, EPT pages 4K 2M 1G, "
		      "EPT A/D yes, preemption timer yes");
	assert_int_equal(fake_log_line_count(), 7);
}

static void generic_block(void **state)
{
	(void)state;
	struct vmx_caps caps = cpu_caps_decode(generic());

	vmx_caps_log(&caps);
	assert_logged("vmx: IA32_VMX_BASIC 0x005810000000002b: revision id 0x2b, region size 4096, "
		      "memory type WB, 32-bit addresses no, INS/OUTS info yes, TRUE controls no");
	assert_logged("vmx: IA32_VMX_EPT_VPID_CAP not present (no EPT, no VPID)");
	assert_logged("vmx: features: EPT no, VPID no, unrestricted guest no, EPT pages none, "
		      "EPT A/D no, preemption timer no");
	assert_true(fake_log_contains("(non-TRUE MSRs): pin-based 0x00000016/0x0000003f, "
				      "primary 0x0401e172/0xfff9fffe, secondary 0x00000000/0x00000049"));
}

static void memory_type_names(void **state)
{
	(void)state;
	assert_string_equal(vmx_memory_type_name(0), "UC");
	assert_string_equal(vmx_memory_type_name(6), "WB");
	assert_string_equal(vmx_memory_type_name(4), "WT");
	assert_string_equal(vmx_memory_type_name(2), "reserved");
	assert_string_equal(vmx_memory_type_name(15), "reserved");
}

static void haswell_meets_the_requirements(void **state)
{
	(void)state;
	struct vmx_caps caps = cpu_caps_decode(cpu_haswell_msrs());

	assert_int_equal(vmx_check_requirements(&caps), VMX_REQUIREMENTS_MET);
	assert_logged("vmx: EPT and unrestricted guest supported: guests can run");
	assert_int_equal(fake_log_line_count(), 1);
}

/* bx_generic must hear about EPT, in words, rather than fail obscurely later. */
static void generic_lacks_ept(void **state)
{
	(void)state;
	struct vmx_caps caps = cpu_caps_decode(generic());

	assert_int_equal(vmx_check_requirements(&caps), VMX_MISSING_EPT);
	assert_logged("error: vmx: EPT is not supported by this CPU: vmxhv needs EPT to run guests");
	assert_logged("error: vmx: unrestricted guest is not supported by this CPU: vmxhv needs it to "
		      "run real-mode guests");
	assert_false(fake_log_contains("guests can run"));
}

static void generic_without_secondary_controls(void **state)
{
	(void)state;
	struct vmx_msr_values v = generic();
	v.procbased_ctls &= ~((uint64_t)PROCBASED_ACTIVATE_SECONDARY_CONTROLS << 32);
	v.has_procbased_ctls2 = false;
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_int_equal(vmx_check_requirements(&caps), VMX_MISSING_EPT);
	assert_true(fake_log_contains("EPT is not supported by this CPU"));
}

static void ept_without_unrestricted_guest(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.procbased_ctls2 &= ~((uint64_t)SECONDARY_UNRESTRICTED_GUEST << 32);
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_int_equal(vmx_check_requirements(&caps), VMX_MISSING_UNRESTRICTED_GUEST);
	assert_false(fake_log_contains("EPT is not supported"));
	assert_true(fake_log_contains("unrestricted guest is not supported by this CPU"));
}

static void ept_that_cannot_be_used(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.ept_vpid_cap &= ~(1ull << 6); /* no 4-level walk */
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_int_equal(vmx_check_requirements(&caps), VMX_MISSING_EPT);
	assert_true(fake_log_contains("vmx: EPT on this CPU has no 4-level page walk: vmxhv cannot use it"));

	fake_log_clear();
	v = cpu_haswell_msrs();
	v.ept_vpid_cap &= ~((1ull << 8) | (1ull << 14)); /* neither UC nor WB */
	caps = cpu_caps_decode(v);
	assert_int_equal(vmx_check_requirements(&caps), VMX_MISSING_EPT);
	assert_true(fake_log_contains("allows neither WB nor UC"));
}

static void bitmaps_required(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.true_procbased_ctls &= ~((uint64_t)PROCBASED_USE_MSR_BITMAPS << 32);
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_int_equal(vmx_check_requirements(&caps), VMX_MISSING_BITMAPS);
	assert_logged("error: vmx: I/O bitmaps supported, MSR bitmaps not supported: vmxhv needs both");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(haswell_block, fake_log_setup),
		cmocka_unit_test_setup(generic_block, fake_log_setup),
		cmocka_unit_test_setup(memory_type_names, fake_log_setup),
		cmocka_unit_test_setup(haswell_meets_the_requirements, fake_log_setup),
		cmocka_unit_test_setup(generic_lacks_ept, fake_log_setup),
		cmocka_unit_test_setup(generic_without_secondary_controls, fake_log_setup),
		cmocka_unit_test_setup(ept_without_unrestricted_guest, fake_log_setup),
		cmocka_unit_test_setup(ept_that_cannot_be_used, fake_log_setup),
		cmocka_unit_test_setup(bitmaps_required, fake_log_setup),
	};
	return cmocka_run_group_tests_name("vmx_caps_log", tests, NULL, NULL);
}
