/* vmx/caps.c: decoding the VMX capability MSRs and the predicates over them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vmx/caps.h"
#include "vmx/vmx_controls.h"
#include "tests/unit/support/cpu_fixtures.h"

static void basic_fields_of_haswell(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_int_equal(caps.revision_id, 0x2b);
	assert_int_equal(caps.region_size, 4096);
	assert_false(caps.phys_addr_32bit);
	assert_int_equal(caps.memory_type, VMX_MEMORY_TYPE_WB);
	assert_true(caps.ins_outs_info);
	assert_true(caps.true_controls);
	assert_int_equal(caps.basic, 0x00d810000000002bull);
}

static void basic_bit_fields_at_their_edges(void **state)
{
	(void)state;
	struct vmx_msr_values v = { 0 };
	/* revision id all 30:0 ones, bit 31 set (must not leak), size 0x1FFF, bit 48, type 0 */
	v.basic = 0xFFFFFFFFull | (0x1FFFull << 32) | (1ull << 48);
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_int_equal(caps.revision_id, 0x7FFFFFFF);
	assert_int_equal(caps.region_size, 0x1FFF);
	assert_true(caps.phys_addr_32bit);
	assert_int_equal(caps.memory_type, VMX_MEMORY_TYPE_UC);
	assert_false(caps.ins_outs_info);
	assert_false(caps.true_controls);
}

static void true_controls_used_when_basic_55_set(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	struct vmx_caps caps = cpu_caps_decode(v);

	/* The TRUE MSR lets CR3-load/store exiting (bits 15, 16) be 0; default1 still reports them. */
	assert_int_equal(caps.procbased.allowed0, 0x04006172);
	assert_int_equal(caps.procbased.allowed1, 0xfff9fffe);
	assert_int_equal(caps.procbased.default1, 0x0401e172);
	assert_int_equal(caps.exit.allowed0, 0x00036dfb);
	assert_int_equal(caps.exit.default1, 0x00036dff);
	assert_int_equal(caps.entry.allowed0, 0x000011fb);
	assert_int_equal(caps.pinbased.allowed1, 0x7f);
}

static void non_true_controls_when_basic_55_clear(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.basic &= ~VMX_BASIC_TRUE_CONTROLS; /* the true_* values must now be ignored */
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_false(caps.true_controls);
	assert_int_equal(caps.procbased.allowed0, 0x0401e172);
	assert_int_equal(caps.procbased.default1, 0x0401e172);
	assert_int_equal(caps.exit.allowed0, 0x00036dff);
	assert_int_equal(caps.entry.allowed0, 0x000011ff);
}

static void true_msrs_not_read_means_non_true(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.has_true_ctls = false;
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_false(caps.true_controls);
	assert_int_equal(caps.procbased.allowed0, 0x0401e172);
}

static void which_optional_msrs_to_read(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	assert_true(vmx_msr_values_want_procbased_ctls2(&v));
	assert_true(vmx_msr_values_want_ept_vpid_cap(&v));

	/* Secondary controls without EPT or VPID: EPT_VPID_CAP does not exist. */
	v.procbased_ctls2 = 0x0000000100000000ull; /* only "virtualize APIC accesses" */
	assert_false(vmx_msr_values_want_ept_vpid_cap(&v));
	v.procbased_ctls2 = (uint64_t)SECONDARY_ENABLE_VPID << 32;
	assert_true(vmx_msr_values_want_ept_vpid_cap(&v));

	/* No "activate secondary controls": neither optional MSR exists. */
	v = cpu_haswell_msrs();
	v.procbased_ctls &= ~((uint64_t)PROCBASED_ACTIVATE_SECONDARY_CONTROLS << 32);
	assert_false(vmx_msr_values_want_procbased_ctls2(&v));
	assert_false(vmx_msr_values_want_ept_vpid_cap(&v));

	/* Secondary allowed but not read (yet): do not read EPT_VPID_CAP on its say-so. */
	v = cpu_haswell_msrs();
	v.has_procbased_ctls2 = false;
	assert_false(vmx_msr_values_want_ept_vpid_cap(&v));
}

static void secondary_ignored_without_activate_secondary(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.procbased_ctls &= ~((uint64_t)PROCBASED_ACTIVATE_SECONDARY_CONTROLS << 32);
	v.true_procbased_ctls &= ~((uint64_t)PROCBASED_ACTIVATE_SECONDARY_CONTROLS << 32);
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_false(vmx_caps_has_secondary(&caps));
	assert_int_equal(caps.procbased2.allowed1, 0);
	assert_int_equal(caps.ept_vpid_cap, 0);
	assert_false(vmx_caps_has_ept(&caps));
	assert_false(vmx_caps_has_vpid(&caps));
	assert_false(vmx_caps_has_unrestricted_guest(&caps));
	assert_false(vmx_caps_ept_2m(&caps));
}

static void haswell_predicates(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_true(vmx_caps_has_secondary(&caps));
	assert_true(vmx_caps_has_ept(&caps));
	assert_true(vmx_caps_has_vpid(&caps));
	assert_true(vmx_caps_has_unrestricted_guest(&caps));
	assert_true(vmx_caps_has_preemption_timer(&caps));
	assert_true(vmx_caps_has_io_bitmaps(&caps));
	assert_true(vmx_caps_has_msr_bitmaps(&caps));
	assert_true(vmx_caps_ept_4level(&caps));
	assert_true(vmx_caps_ept_wb(&caps));
	assert_true(vmx_caps_ept_uc(&caps));
	assert_true(vmx_caps_ept_2m(&caps));
	assert_true(vmx_caps_ept_1g(&caps));
	assert_true(vmx_caps_ept_ad(&caps));
	assert_true(vmx_caps_ept_execute_only(&caps));
	assert_true(vmx_caps_has_invept(&caps));
	assert_true(vmx_caps_has_invvpid(&caps));
	assert_true(vmx_caps_has_invvpid_single_context(&caps));
	assert_true(vmx_caps_has_invvpid_all_context(&caps));
}

/* Each EPT capability bit is read from its own SDM position (A.10). */
static void ept_cap_bits_one_at_a_time(void **state)
{
	(void)state;
	static const struct {
		uint64_t bit;
		bool (*predicate)(const struct vmx_caps *);
	} cases[] = {
		{ 1ull << 0, vmx_caps_ept_execute_only }, { 1ull << 6, vmx_caps_ept_4level },
		{ 1ull << 8, vmx_caps_ept_uc },           { 1ull << 14, vmx_caps_ept_wb },
		{ 1ull << 16, vmx_caps_ept_2m },          { 1ull << 17, vmx_caps_ept_1g },
		{ 1ull << 20, vmx_caps_has_invept },      { 1ull << 21, vmx_caps_ept_ad },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vmx_msr_values v = cpu_haswell_msrs();
		v.ept_vpid_cap = cases[i].bit;
		struct vmx_caps caps = cpu_caps_decode(v);
		assert_true(cases[i].predicate(&caps));
		v.ept_vpid_cap = ~cases[i].bit;
		caps = cpu_caps_decode(v);
		assert_false(cases[i].predicate(&caps));
	}
}

/* The INVVPID types (bits 41, 42) count only with INVVPID itself (bit 32). */
static void invvpid_types_need_invvpid(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.ept_vpid_cap = VMX_VPID_INVVPID | VMX_VPID_INVVPID_ALL_CONTEXT;
	struct vmx_caps caps = cpu_caps_decode(v);
	assert_false(vmx_caps_has_invvpid_single_context(&caps));
	assert_true(vmx_caps_has_invvpid_all_context(&caps));

	v.ept_vpid_cap = VMX_VPID_INVVPID | VMX_VPID_INVVPID_SINGLE_CONTEXT;
	caps = cpu_caps_decode(v);
	assert_true(vmx_caps_has_invvpid_single_context(&caps));
	assert_false(vmx_caps_has_invvpid_all_context(&caps));

	v.ept_vpid_cap = VMX_VPID_INVVPID_SINGLE_CONTEXT | VMX_VPID_INVVPID_ALL_CONTEXT;
	caps = cpu_caps_decode(v);
	assert_false(vmx_caps_has_invvpid_single_context(&caps));
	assert_false(vmx_caps_has_invvpid_all_context(&caps));
}

static void unrestricted_guest_needs_ept(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.procbased_ctls2 = (uint64_t)(SECONDARY_UNRESTRICTED_GUEST | SECONDARY_ENABLE_VPID) << 32;
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_false(vmx_caps_has_ept(&caps));
	assert_false(vmx_caps_has_unrestricted_guest(&caps));
	/* EPT capability bits mean nothing without EPT itself. */
	assert_false(vmx_caps_ept_2m(&caps));
	assert_true(vmx_caps_has_vpid(&caps));
	assert_true(vmx_caps_has_invvpid(&caps));
}

static void ept_vpid_cap_ignored_without_ept_or_vpid(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	v.procbased_ctls2 = 0x0000000100000000ull; /* has_ept_vpid_cap stays true: a stale value */
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_int_equal(caps.ept_vpid_cap, 0);
}

static void misc_and_vmcs_enum(void **state)
{
	(void)state;
	struct vmx_msr_values v = cpu_haswell_msrs();
	struct vmx_caps caps = cpu_caps_decode(v);

	assert_int_equal(vmx_caps_preemption_timer_rate(&caps), 5);
	assert_int_equal(vmx_caps_cr3_target_count(&caps), 4);
	assert_int_equal(vmx_caps_max_msr_list(&caps), 512);
	assert_int_equal(vmx_caps_vmcs_max_index(&caps), 0x17);

	v.misc = (2ull << 25) | (0x1FFull << 16) | 0x1F;
	caps = cpu_caps_decode(v);
	assert_int_equal(vmx_caps_max_msr_list(&caps), 1536);
	assert_int_equal(vmx_caps_cr3_target_count(&caps), 0x1FF);
	assert_int_equal(vmx_caps_preemption_timer_rate(&caps), 31);
}

static void control_allowed_and_forced(void **state)
{
	(void)state;
	struct vmx_control_caps c = vmx_control_caps_from_msr(0x0000007f00000016ull, 0x0000007f00000016ull);

	assert_true(vmx_control_allowed(c, PIN_BASED_NMI_EXITING | PIN_BASED_VIRTUAL_NMIS));
	assert_false(vmx_control_allowed(c, PIN_BASED_PROCESS_POSTED_INTERRUPTS));
	assert_true(vmx_control_forced(c, 1u << 1));
	assert_false(vmx_control_forced(c, PIN_BASED_NMI_EXITING));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(basic_fields_of_haswell),
		cmocka_unit_test(basic_bit_fields_at_their_edges),
		cmocka_unit_test(true_controls_used_when_basic_55_set),
		cmocka_unit_test(non_true_controls_when_basic_55_clear),
		cmocka_unit_test(true_msrs_not_read_means_non_true),
		cmocka_unit_test(which_optional_msrs_to_read),
		cmocka_unit_test(secondary_ignored_without_activate_secondary),
		cmocka_unit_test(haswell_predicates),
		cmocka_unit_test(ept_cap_bits_one_at_a_time),
		cmocka_unit_test(invvpid_types_need_invvpid),
		cmocka_unit_test(unrestricted_guest_needs_ept),
		cmocka_unit_test(ept_vpid_cap_ignored_without_ept_or_vpid),
		cmocka_unit_test(misc_and_vmcs_enum),
		cmocka_unit_test(control_allowed_and_forced),
	};
	return cmocka_run_group_tests_name("vmx_caps", tests, NULL, NULL);
}
