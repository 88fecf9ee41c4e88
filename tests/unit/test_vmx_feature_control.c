/* vmx/feature_control.c: what to do with IA32_FEATURE_CONTROL. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vmx/feature_control.h"
#include "tests/unit/support/fake_log.h"

/* Bochs corei7_haswell_4770: 0x5, locked with VMX outside SMX. */
static void locked_with_vmx_outside_smx_is_ready(void **state)
{
	(void)state;
	uint64_t new_value = 0;

	assert_int_equal(feature_control_plan(0x5, false, &new_value), FEATURE_CONTROL_READY);
	assert_int_equal(new_value, 0x5);
	feature_control_log(FEATURE_CONTROL_READY, 0x5, new_value);
	assert_true(fake_log_contains("vmxhv: vmx: IA32_FEATURE_CONTROL 0x5: locked, VMXON outside SMX enabled\n"));
}

static void unlocked_is_enabled_and_locked(void **state)
{
	(void)state;
	uint64_t new_value = 0;

	assert_int_equal(feature_control_plan(0x0, false, &new_value), FEATURE_CONTROL_WRITE);
	assert_int_equal(new_value, FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMXON_OUTSIDE_SMX);
	assert_true(feature_control_ready(new_value));
	feature_control_log(FEATURE_CONTROL_WRITE, 0x0, new_value);
	assert_true(fake_log_contains("IA32_FEATURE_CONTROL 0x0: unlocked, writing 0x5 (VMXON enabled, locked)"));
}

static void inside_smx_enabled_only_with_smx(void **state)
{
	(void)state;
	uint64_t new_value = 0;

	assert_int_equal(feature_control_plan(0x0, true, &new_value), FEATURE_CONTROL_WRITE);
	assert_int_equal(new_value, 0x7);
	assert_int_equal(feature_control_plan(0x0, false, &new_value), FEATURE_CONTROL_WRITE);
	assert_int_equal(new_value & FEATURE_CONTROL_VMXON_INSIDE_SMX, 0);
}

/* SENTER enables (bits 14:8), SENTER global enable (15), SGX (18), LMCE (20) and the rest stay. */
static void every_other_bit_is_preserved(void **state)
{
	(void)state;
	uint64_t others[] = { 0xFF00ull, 0x40000ull, 0x100000ull, 0xFFFFFFFFFFFFFFF8ull, 0x8000000000000000ull };

	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		uint64_t new_value = 0;
		assert_int_equal(feature_control_plan(others[i] & ~FEATURE_CONTROL_LOCKED, false, &new_value),
				 FEATURE_CONTROL_WRITE);
		assert_int_equal(new_value & ~0x7ull, others[i] & ~0x7ull);
		assert_int_equal(new_value & 0x5, 0x5);
	}
}

static void locked_with_vmx_off_tells_user_to_enable_vt_x(void **state)
{
	(void)state;
	uint64_t new_value = 0;

	assert_int_equal(feature_control_plan(0x1, false, &new_value), FEATURE_CONTROL_LOCKED_OFF);
	assert_int_equal(new_value, 0x1); /* never a value to write */
	feature_control_log(FEATURE_CONTROL_LOCKED_OFF, 0x1, new_value);
	assert_true(fake_log_contains("vmxhv: error: vmx: IA32_FEATURE_CONTROL 0x1: locked with VMXON outside SMX disabled"));
	assert_true(fake_log_contains("enable VT-x (\"Intel Virtualization Technology\") in the firmware setup"));
}

/* Locked with only inside-SMX: vmxhv runs outside SMX, so VMX is still off for it. */
static void locked_inside_smx_only_is_off(void **state)
{
	(void)state;
	uint64_t new_value = 0;

	assert_int_equal(feature_control_plan(0x3, true, &new_value), FEATURE_CONTROL_LOCKED_OFF);
	assert_false(feature_control_ready(0x3));
	assert_false(feature_control_ready(0x4)); /* enabled but not locked */
	assert_true(feature_control_ready(0x7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(locked_with_vmx_outside_smx_is_ready, fake_log_setup),
		cmocka_unit_test_setup(unlocked_is_enabled_and_locked, fake_log_setup),
		cmocka_unit_test_setup(inside_smx_enabled_only_with_smx, fake_log_setup),
		cmocka_unit_test_setup(every_other_bit_is_preserved, fake_log_setup),
		cmocka_unit_test_setup(locked_with_vmx_off_tells_user_to_enable_vt_x, fake_log_setup),
		cmocka_unit_test_setup(locked_inside_smx_only_is_off, fake_log_setup),
	};
	return cmocka_run_group_tests_name("vmx_feature_control", tests, NULL, NULL);
}
