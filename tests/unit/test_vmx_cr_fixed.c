/* vmx/cr_fixed.c: CR0/CR4 against IA32_VMX_CRn_FIXED0/FIXED1. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vmx/cr_fixed.h"
#include "tests/unit/support/fake_log.h"

/* Bochs corei7_haswell_4770. */
#define CR0_FIXED0 0x80000021ull
#define CR0_FIXED1 0xffffffffull
#define CR4_FIXED0 0x2000ull
#define CR4_FIXED1 0x1727ffull

static void good_values_pass(void **state)
{
	(void)state;
	assert_true(cr_fixed_ok(0x80000031, CR0_FIXED0, CR0_FIXED1));
	assert_true(cr_fixed_ok(0x26a0, CR4_FIXED0, CR4_FIXED1));
}

/* The seed's check always passed; these must not. */
static void missing_fixed0_bit_fails(void **state)
{
	(void)state;
	assert_false(cr_fixed_ok(0x80000011, CR0_FIXED0, CR0_FIXED1)); /* NE (bit 5) clear */
	assert_false(cr_fixed_ok(0x6a0, CR4_FIXED0, CR4_FIXED1));       /* VMXE clear */
	assert_false(cr_fixed_ok(0, CR4_FIXED0, CR4_FIXED1));
}

static void forbidden_bit_fails(void **state)
{
	(void)state;
	assert_false(cr_fixed_ok(0x2000 | (1ull << 23), CR4_FIXED0, CR4_FIXED1)); /* bit 23 not in FIXED1 */
	assert_false(cr_fixed_ok(0x2000 | (1ull << 32), CR4_FIXED0, CR4_FIXED1));
	assert_false(cr_fixed_ok(0x80000021 | (1ull << 40), CR0_FIXED0, CR0_FIXED1));
}

static void apply_sets_fixed0_and_clears_outside_fixed1(void **state)
{
	(void)state;
	assert_int_equal(cr_fixed_apply(0x80000011, CR0_FIXED0, CR0_FIXED1), 0x80000031);
	assert_int_equal(cr_fixed_apply(0x6a0 | (1ull << 23), CR4_FIXED0, CR4_FIXED1), 0x26a0);
	for (uint64_t v = 0; v < 0x100000; v += 0x1111)
		assert_true(cr_fixed_ok(cr_fixed_apply(v, CR4_FIXED0, CR4_FIXED1), CR4_FIXED0, CR4_FIXED1));
}

static void check_logs_ok_line(void **state)
{
	(void)state;
	assert_true(cr_fixed_check_and_log("CR4", 0x26a0, CR4_FIXED0, CR4_FIXED1));
	assert_true(fake_log_contains("vmxhv: vmx: CR4 0x00000000000026a0 (FIXED0 0x2000, FIXED1 0x1727ff): ok\n"));
}

static void check_logs_offending_bits(void **state)
{
	(void)state;
	assert_false(cr_fixed_check_and_log("CR0", 0x80000011 | (1ull << 33), CR0_FIXED0, CR0_FIXED1));
	assert_true(fake_log_contains("vmxhv: error: vmx: CR0 0x0000000280000011 (FIXED0 0x80000021, "
				      "FIXED1 0xffffffff): bits 0x20 must be 1, bits 0x200000000 must be 0"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(good_values_pass, fake_log_setup),
		cmocka_unit_test_setup(missing_fixed0_bit_fails, fake_log_setup),
		cmocka_unit_test_setup(forbidden_bit_fails, fake_log_setup),
		cmocka_unit_test_setup(apply_sets_fixed0_and_clears_outside_fixed1, fake_log_setup),
		cmocka_unit_test_setup(check_logs_ok_line, fake_log_setup),
		cmocka_unit_test_setup(check_logs_offending_bits, fake_log_setup),
	};
	return cmocka_run_group_tests_name("vmx_cr_fixed", tests, NULL, NULL);
}
