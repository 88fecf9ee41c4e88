/*
 * The guest's platform: the port map, the debug-exit port, the reset ports and the i8042
 * stub, all driven through the bus as the VM exit handler drives them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/platform.h"
#include "tests/unit/support/fake_log.h"

static uint8_t sent[64];
static size_t sent_len;

static void capture(void *ctx, uint8_t byte)
{
	(void)ctx;
	sent[sent_len++] = byte;
}

static bool nothing_typed(void *ctx, uint8_t *byte)
{
	(void)ctx;
	(void)byte;
	return false;
}

static struct platform platform;

static int setup(void **state)
{
	(void)state;
	sent_len = 0;
	fake_log_clear();
	struct uart_backend backend = { capture, nothing_typed, NULL };
	assert_int_equal(platform_init(&platform, &backend), 0);
	return 0;
}

static uint32_t in(uint16_t port, uint8_t size)
{
	struct io_request req = { .port = port, .size = size, .write = false };
	io_bus_dispatch(&platform.bus, &req);
	return req.value;
}

static void out(uint16_t port, uint8_t size, uint32_t value)
{
	struct io_request req = { .port = port, .size = size, .write = true, .value = value };
	io_bus_dispatch(&platform.bus, &req);
}

static void com1_transmits_to_its_backend(void **state)
{
	(void)state;
	out(0x3F8, 1, 'o');
	out(0x3F8, 1, 'k');
	assert_int_equal(sent_len, 2);
	assert_memory_equal(sent, "ok", 2);
	assert_int_equal(in(0x3FD, 1), 0x60);
	assert_int_equal(in(0x3FA, 1), 0x01);
	assert_false(platform.bus.end.requested);
}

static void debug_exit_byte_ends_the_guest_with_that_status(void **state)
{
	(void)state;
	out(0xF4, 1, 42);
	assert_true(platform.bus.end.requested);
	assert_int_equal(platform.bus.end.cause, GUEST_END_EXIT_STATUS);
	assert_int_equal(platform.bus.end.status, 42);
	assert_string_equal(platform.bus.end.reason, "guest wrote to the debug-exit port");
}

static void debug_exit_wide_write_uses_the_low_byte(void **state)
{
	(void)state;
	out(0xF4, 4, 0x12345603);
	assert_true(platform.bus.end.requested);
	assert_int_equal(platform.bus.end.status, 3);
}

static void debug_exit_status_zero_is_a_request_too(void **state)
{
	(void)state;
	out(0xF4, 1, 0);
	assert_true(platform.bus.end.requested);
	assert_int_equal(platform.bus.end.status, 0);
}

static void debug_exit_covers_f4_to_f7_and_reads_all_ones(void **state)
{
	(void)state;
	assert_int_equal(in(0xF4, 1), 0xFF);
	assert_int_equal(in(0xF4, 4), 0xFFFFFFFFu);
	assert_false(platform.bus.end.requested);
	out(0xF7, 1, 9);
	assert_true(platform.bus.end.requested);
	assert_int_equal(platform.bus.end.status, 9);
	assert_int_equal(fake_log_line_count(), 0);
}

static void i8042_reset_command_ends_the_guest(void **state)
{
	(void)state;
	out(0x64, 1, 0xFE);
	assert_true(platform.bus.end.requested);
	assert_int_equal(platform.bus.end.cause, GUEST_END_RESET);
	assert_string_equal(platform.bus.end.reason,
			    "guest requested a reset via port 0x64 (0xFE)");
}

static void i8042_status_shows_an_idle_controller(void **state)
{
	(void)state;
	uint8_t status = (uint8_t)in(0x64, 1);
	assert_int_equal(status & (I8042_STR_OBF | I8042_STR_IBF), 0);
	assert_true(status & I8042_STR_SYS);
	assert_int_equal(status, 0x14);
	out(0x64, 1, 0x20); /* read command byte: dropped by the stub */
	assert_int_equal(in(0x64, 1), 0x1C);
	out(0x60, 1, 0x47);
	assert_int_equal(in(0x64, 1), 0x14);
	assert_int_equal(in(0x60, 1), 0x00);
	assert_false(platform.bus.end.requested);
	assert_int_equal(fake_log_line_count(), 0);
}

static void port_61_is_not_the_i8042s(void **state)
{
	(void)state;
	assert_int_equal(in(0x61, 1), 0xFF);
	assert_true(fake_log_contains("unclaimed port 0x61 (read)"));
}

static void cf9_with_rst_cpu_ends_the_guest(void **state)
{
	(void)state;
	assert_int_equal(in(0xCF9, 1), 0x00);
	out(0xCF9, 1, RST_CNT_SYS_RST); /* Linux reboot=pci: reset type first ... */
	assert_false(platform.bus.end.requested);
	assert_int_equal(in(0xCF9, 1), RST_CNT_SYS_RST);
	out(0xCF9, 1, RST_CNT_SYS_RST | RST_CNT_RST_CPU); /* ... then the reset */
	assert_true(platform.bus.end.requested);
	assert_int_equal(platform.bus.end.cause, GUEST_END_RESET);
	assert_string_equal(platform.bus.end.reason,
			    "guest requested a reset via port 0xCF9 (RST_CPU)");
}

static void pci_config_address_writes_never_reset(void **state)
{
	(void)state;
	out(0xCF8, 4, 0x8000FC00u); /* byte at 0xCF9 is 0xFC: RST_CPU set */
	assert_false(platform.bus.end.requested);
	assert_int_equal(in(0xCF8, 4), 0xFFFFFFFFu);
	assert_int_equal(in(0xCFC, 4), 0xFFFFFFFFu);
}

static void other_ports_read_all_ones_and_log_once(void **state)
{
	(void)state;
	assert_int_equal(in(0x2F8, 1), 0xFF); /* COM2 absent */
	assert_int_equal(in(0x2F8, 1), 0xFF);
	out(0x80, 1, 0x55);
	out(0x80, 1, 0x56);
	assert_int_equal(fake_log_line_count(), 2);
	assert_true(fake_log_contains("vmxhv: unclaimed port 0x2f8 (read), returning all ones"));
	assert_true(fake_log_contains("vmxhv: unclaimed port 0x80 (write), ignoring"));
}

static void statistics_cover_claimed_and_unclaimed_ports(void **state)
{
	(void)state;
	out(0x3F8, 1, 'a');
	in(0x3FD, 1);
	out(0x80, 1, 0);
	out(0xF4, 1, 0);
	const struct access_counters *counts = &platform.bus.port_counts;
	size_t n = access_counters_entries(counts);
	assert_int_equal(n, 4);
	uint16_t expected[] = { 0x80, 0xF4, 0x3F8, 0x3FD };
	for (size_t i = 0; i < n; i++)
		assert_int_equal(access_counters_entry(counts, i)->key, expected[i]);
	assert_int_equal(access_counters_entry(counts, 3)->reads, 1);
	assert_int_equal(access_counters_entry(counts, 2)->writes, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(com1_transmits_to_its_backend, setup),
		cmocka_unit_test_setup(debug_exit_byte_ends_the_guest_with_that_status, setup),
		cmocka_unit_test_setup(debug_exit_wide_write_uses_the_low_byte, setup),
		cmocka_unit_test_setup(debug_exit_status_zero_is_a_request_too, setup),
		cmocka_unit_test_setup(debug_exit_covers_f4_to_f7_and_reads_all_ones, setup),
		cmocka_unit_test_setup(i8042_reset_command_ends_the_guest, setup),
		cmocka_unit_test_setup(i8042_status_shows_an_idle_controller, setup),
		cmocka_unit_test_setup(port_61_is_not_the_i8042s, setup),
		cmocka_unit_test_setup(cf9_with_rst_cpu_ends_the_guest, setup),
		cmocka_unit_test_setup(pci_config_address_writes_never_reset, setup),
		cmocka_unit_test_setup(other_ports_read_all_ones_and_log_once, setup),
		cmocka_unit_test_setup(statistics_cover_claimed_and_unclaimed_ports, setup),
	};
	return cmocka_run_group_tests_name("platform", tests, NULL, NULL);
}
