/*
 * vmx/exit_host_event.c: a host interrupt or NMI that arrives while the guest runs exits, is
 * ended at its controller (interrupts), reported once, and the guest resumes untouched.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/support/exit_test.h"
#include "tests/unit/support/fake_host_cpu.h"
#include "vmx/event_injection.h"

#define TIMER_VECTOR 0x20

static uint32_t interruption_info(unsigned type, unsigned vector)
{
	return INTR_INFO_VALID | (type << INTR_INFO_TYPE_SHIFT) | vector;
}

static void host_interrupt(uint32_t info)
{
	exit_test_exit(EXIT_REASON_EXTERNAL_INTERRUPT, 0, 0);
	fake_vmcs_set(VMCS_VM_EXIT_INTERRUPTION_INFORMATION, info);
}

static void interrupt_is_ended_and_guest_resumes(void **state)
{
	(void)state;
	host_interrupt(interruption_info(EVENT_EXTERNAL_INTERRUPT, TIMER_VECTOR));
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	assert_int_equal(fake_host_interrupt_done_count(), 1);
	assert_int_equal(fake_host_interrupt_done_vector(), TIMER_VECTOR);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP); /* no instruction skipped */
	assert_int_equal(fake_vmcs_get(VMCS_VM_ENTRY_INTERRUPTION_INFORMATION), 0); /* nothing injected */
	assert_int_equal(exit_test.vcpu.end, VCPU_RUNNING);
	assert_true(fake_log_contains("host interrupt (vector 0x20) arrived while the guest ran"));
}

static void interrupt_is_reported_once(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++) {
		host_interrupt(interruption_info(EVENT_EXTERNAL_INTERRUPT, TIMER_VECTOR));
		assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	}
	assert_int_equal(fake_host_interrupt_done_count(), 3);
	assert_int_equal(fake_log_line_count(), 1);
	assert_int_equal(exit_test.vcpu.stats.by_reason[EXIT_REASON_EXTERNAL_INTERRUPT], 3);
}

/* Without "acknowledge interrupt on exit" the vector is unknown and nothing is acknowledged. */
static void unacknowledged_interrupt_is_left_alone(void **state)
{
	(void)state;
	host_interrupt(0);
	assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	assert_int_equal(fake_host_interrupt_done_count(), 0);
}

static void nmi_resumes_the_guest_once_reported(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++) {
		exit_test_exit(EXIT_REASON_EXCEPTION_NMI, 0, 0);
		fake_vmcs_set(VMCS_VM_EXIT_INTERRUPTION_INFORMATION,
			      interruption_info(EVENT_NMI, EXCEPTION_NMI));
		assert_int_equal(exit_test_dispatch(), EXIT_RESUME);
	}
	assert_int_equal(exit_test.vcpu.end, VCPU_RUNNING);
	assert_int_equal(fake_log_line_count(), 1);
	assert_true(fake_log_contains("host NMI arrived while the guest ran"));
}

/* The exception bitmap is 0: a guest exception exiting is not something vmxhv asked for. */
static void exception_exit_is_unexpected(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_EXCEPTION_NMI, 0, 0);
	fake_vmcs_set(VMCS_VM_EXIT_INTERRUPTION_INFORMATION,
		      interruption_info(EVENT_HARDWARE_EXCEPTION, EXCEPTION_GP));
	assert_int_equal(exit_test_dispatch(), EXIT_END);
	assert_int_equal(exit_test.vcpu.end, VCPU_END_GUEST_FAULT);
	assert_non_null(strstr(exit_test.vcpu.end_reason, "unexpected VM exit"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test(interrupt_is_ended_and_guest_resumes),
		exit_test_unit_test(interrupt_is_reported_once),
		exit_test_unit_test(unacknowledged_interrupt_is_left_alone),
		exit_test_unit_test(nmi_resumes_the_guest_once_reported),
		exit_test_unit_test(exception_exit_is_unexpected),
	};
	return cmocka_run_group_tests_name("exit_host_event", tests, NULL, NULL);
}
