/*
 * vmx/guest_timeout.c: the guest's time budget on the VMX-preemption timer, handed out in
 * 32-bit slices, and the end of the guest when it is spent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/support/exit_test.h"
#include "vmx/guest_timeout.h"

#define SLICE_MAX 0xFFFFFFFFull

static enum exit_action timer_expires(void)
{
	exit_test_exit(EXIT_REASON_PREEMPTION_TIMER, 0, 0);
	fake_vmcs_set(VMCS_VMX_PREEMPTION_TIMER_VALUE, 0);
	return exit_test_dispatch();
}

static void ticks_follow_the_tsc_and_the_rate(void **state)
{
	(void)state;
	assert_int_equal(guest_timeout_ticks(4000000, 0, 2), 8000000);
	assert_int_equal(guest_timeout_ticks(3000000000ull, 5, 10), (3000000000ull >> 5) * 10);
	assert_int_equal(guest_timeout_ticks(3000000000ull, 5, 0), 0);
}

static void a_short_budget_is_one_slice_and_then_the_end(void **state)
{
	(void)state;
	guest_timeout_start(&exit_test.vcpu, 8000000, 2);
	assert_int_equal(fake_vmcs_get(VMCS_VMX_PREEMPTION_TIMER_VALUE), 8000000);
	assert_int_equal(timer_expires(), EXIT_END);
	assert_int_equal(exit_test.vcpu.end, VCPU_END_GUEST_FAULT);
	assert_string_equal(exit_test.vcpu.end_reason,
			    "the guest used up its time: guest_timeout=2 seconds of guest time");
}

static void a_long_budget_comes_in_slices(void **state)
{
	(void)state;
	guest_timeout_start(&exit_test.vcpu, 2 * SLICE_MAX + 5, 600);
	assert_int_equal(fake_vmcs_get(VMCS_VMX_PREEMPTION_TIMER_VALUE), SLICE_MAX);
	assert_int_equal(timer_expires(), EXIT_RESUME);
	assert_int_equal(fake_vmcs_get(VMCS_VMX_PREEMPTION_TIMER_VALUE), SLICE_MAX);
	assert_int_equal(timer_expires(), EXIT_RESUME);
	assert_int_equal(fake_vmcs_get(VMCS_VMX_PREEMPTION_TIMER_VALUE), 5);
	assert_int_equal(exit_test.vcpu.end, VCPU_RUNNING);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP); /* the guest goes on where it was */
	assert_int_equal(timer_expires(), EXIT_END);
	assert_int_equal(exit_test.vcpu.end, VCPU_END_GUEST_FAULT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test(ticks_follow_the_tsc_and_the_rate),
		exit_test_unit_test(a_short_budget_is_one_slice_and_then_the_end),
		exit_test_unit_test(a_long_budget_comes_in_slices),
	};
	return cmocka_run_group_tests_name("guest_timeout", tests, NULL, NULL);
}
