/* The I/O bus: decode kinds, splitting, the unclaimed rule, statistics, string I/O, guest end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/io_bus.h"
#include "tests/unit/support/fake_log.h"

/* A fake device: a register file over its ports that records every call it gets. */
struct recorder {
	uint16_t base;
	uint8_t reg[16];
	int calls;
	struct io_request last;
	bool end_on_write;
};

static void recorder_io(void *state, struct io_request *req, struct guest_end *end)
{
	struct recorder *r = state;
	r->calls++;
	r->last = *req;
	for (uint8_t i = 0; i < req->size; i++) {
		uint8_t *reg = &r->reg[req->port - r->base + i];
		if (req->write)
			*reg = (uint8_t)(req->value >> (8 * i));
	}
	if (!req->write) {
		req->value = 0;
		for (uint8_t i = 0; i < req->size; i++)
			req->value |= (uint32_t)r->reg[req->port - r->base + i] << (8 * i);
	}
	if (req->write && r->end_on_write)
		guest_end_request(end, GUEST_END_EXIT_STATUS, (int)req->value, "recorder");
}

static struct io_bus bus;

static int setup(void **state)
{
	(void)state;
	io_bus_init(&bus);
	fake_log_clear();
	return 0;
}

static void add(struct recorder *r, const char *name, uint16_t first, uint16_t last,
		enum io_decode decode)
{
	memset(r, 0, sizeof(*r));
	r->base = first;
	struct io_device device = { name, first, last, decode, recorder_io, r };
	assert_int_equal(io_bus_register(&bus, &device), 0);
}

static uint32_t in(uint16_t port, uint8_t size)
{
	struct io_request req = { .port = port, .size = size, .write = false, .value = 0x12345678 };
	io_bus_dispatch(&bus, &req);
	return req.value;
}

static void out(uint16_t port, uint8_t size, uint32_t value)
{
	struct io_request req = { .port = port, .size = size, .write = true, .value = value };
	io_bus_dispatch(&bus, &req);
}

static void unclaimed_reads_all_ones_at_each_size(void **state)
{
	(void)state;
	assert_int_equal(in(0x2F8, 1), 0xFF);
	assert_int_equal(in(0x2F8, 2), 0xFFFF);
	assert_int_equal(in(0x2F8, 4), 0xFFFFFFFFu);
}

static void unclaimed_port_is_logged_once(void **state)
{
	(void)state;
	out(0x80, 1, 0x00);
	out(0x80, 1, 0xFF);
	in(0x80, 1);
	assert_int_equal(fake_log_line_count(), 1);
	assert_true(fake_log_contains("vmxhv: unclaimed port 0x80 (write), ignoring"));
	in(0x2E8, 1);
	assert_int_equal(fake_log_line_count(), 2);
	assert_true(fake_log_contains("unclaimed port 0x2e8 (read), returning all ones"));
}

static void unclaimed_dword_logs_its_first_port_only(void **state)
{
	(void)state;
	out(0xCF8, 4, 0x80000000u);
	assert_int_equal(fake_log_line_count(), 1);
	assert_true(fake_log_contains("unclaimed port 0xcf8 (write)"));
}

static void overlapping_registration_is_refused(void **state)
{
	(void)state;
	struct recorder a, b;
	add(&a, "a", 0x3F8, 0x3FF, IO_DECODE_ISA8);
	struct io_device clash = { "b", 0x3FF, 0x400, IO_DECODE_ISA8, recorder_io, &b };
	assert_int_equal(io_bus_register(&bus, &clash), -1);
	assert_true(fake_log_contains("device b (ports 0x3ff-0x400) overlaps a (0x3f8-0x3ff)"));
	struct io_device empty = { "c", 0x10, 0x0F, IO_DECODE_ISA8, recorder_io, &b };
	assert_int_equal(io_bus_register(&bus, &empty), -1);
}

static void a_full_bus_refuses_more_devices(void **state)
{
	(void)state;
	static struct recorder r[IO_BUS_MAX_DEVICES];
	for (int i = 0; i < IO_BUS_MAX_DEVICES; i++)
		add(&r[i], "r", (uint16_t)(0x100 + 16 * i), (uint16_t)(0x100 + 16 * i + 3),
		    IO_DECODE_ISA8);
	struct io_device one_more = { "late", 0x900, 0x900, IO_DECODE_ISA8, recorder_io, &r[0] };
	assert_int_equal(io_bus_register(&bus, &one_more), -1);
	assert_true(fake_log_contains("no room for device late"));
}

static void byte_access_to_isa8_device_is_one_call(void **state)
{
	(void)state;
	struct recorder uart;
	add(&uart, "uart", 0x3F8, 0x3FF, IO_DECODE_ISA8);
	out(0x3FB, 1, 0x83);
	assert_int_equal(uart.calls, 1);
	assert_int_equal(uart.last.port, 0x3FB);
	assert_int_equal(uart.last.size, 1);
	assert_int_equal(uart.reg[3], 0x83);
	assert_int_equal(in(0x3FB, 1), 0x83);
}

static void word_access_to_isa8_device_is_split_into_bytes(void **state)
{
	(void)state;
	struct recorder uart;
	add(&uart, "uart", 0x3F8, 0x3FF, IO_DECODE_ISA8);
	uart.reg[0] = 0x34;
	uart.reg[1] = 0x12;
	assert_int_equal(in(0x3F8, 2), 0x1234);
	assert_int_equal(uart.calls, 2);
	assert_int_equal(uart.last.port, 0x3F9);
	assert_int_equal(uart.last.size, 1);

	out(0x3FC, 4, 0xAABBCCDD);
	assert_int_equal(uart.calls, 6);
	assert_int_equal(uart.reg[4], 0xDD);
	assert_int_equal(uart.reg[7], 0xAA);
}

static void access_across_a_device_boundary_reads_ff_beyond_it(void **state)
{
	(void)state;
	struct recorder uart;
	add(&uart, "uart", 0x3F8, 0x3FF, IO_DECODE_ISA8);
	uart.reg[7] = 0x5A;
	assert_int_equal(in(0x3FF, 2), 0xFF5A);
	assert_int_equal(uart.calls, 1);
	assert_true(fake_log_contains("unclaimed port 0x400 (read)"));
	out(0x3FE, 4, 0x11223344);
	assert_int_equal(uart.reg[6], 0x44);
	assert_int_equal(uart.reg[7], 0x33);
	assert_true(fake_log_contains("unclaimed port 0x401 (write)"));
}

static void wide_device_takes_whole_accesses(void **state)
{
	(void)state;
	struct recorder wide;
	add(&wide, "wide", 0xF4, 0xF7, IO_DECODE_WIDE);
	out(0xF4, 4, 0xCAFEF00D);
	assert_int_equal(wide.calls, 1);
	assert_int_equal(wide.last.size, 4);
	assert_int_equal(wide.last.value, 0xCAFEF00D);
	assert_int_equal(in(0xF6, 2), 0xCAFE);
	assert_int_equal(wide.calls, 2);
	/* Sticking out of its range: byte by byte. */
	assert_int_equal(in(0xF6, 4), 0xFFFFCAFE);
	assert_int_equal(wide.calls, 4);
}

static void byte_register_ignores_wider_accesses(void **state)
{
	(void)state;
	struct recorder rc;
	add(&rc, "rc", 0xCF9, 0xCF9, IO_DECODE_BYTE);
	rc.end_on_write = true;
	out(0xCF8, 4, 0x8000FF00u); /* a PCI configuration address: byte 1 is 0xFF */
	out(0xCF8, 2, 0xFFFF);
	assert_int_equal(rc.calls, 0);
	assert_false(bus.end.requested);
	assert_int_equal(in(0xCF8, 4), 0xFFFFFFFFu);
	out(0xCF9, 1, 0x06);
	assert_int_equal(rc.calls, 1);
	assert_true(bus.end.requested);
}

static void write_value_is_masked_to_access_size(void **state)
{
	(void)state;
	struct recorder wide;
	add(&wide, "wide", 0xF4, 0xF7, IO_DECODE_WIDE);
	out(0xF4, 1, 0xFFFFFF2A);
	assert_int_equal(wide.last.value, 0x2A);
}

static void access_at_top_of_port_space_does_not_wrap(void **state)
{
	(void)state;
	struct recorder low, top;
	add(&low, "low", 0x0, 0x0, IO_DECODE_ISA8);
	add(&top, "top", 0xFFFF, 0xFFFF, IO_DECODE_ISA8);
	top.reg[0] = 0x77;
	assert_int_equal(in(0xFFFF, 2), 0xFF77);
	out(0xFFFF, 2, 0x1234);
	assert_int_equal(top.reg[0], 0x34);
	assert_int_equal(low.calls, 0);
}

static void bad_access_size_is_refused(void **state)
{
	(void)state;
	struct recorder r;
	add(&r, "r", 0x10, 0x1F, IO_DECODE_WIDE);
	assert_int_equal(in(0x10, 3), 0xFFFFFFFFu);
	assert_int_equal(r.calls, 0);
	assert_true(fake_log_contains("access of 3 bytes to port 0x10"));
}

static void port_statistics_are_sorted_and_counted(void **state)
{
	(void)state;
	struct recorder uart;
	add(&uart, "uart", 0x3F8, 0x3FF, IO_DECODE_ISA8);
	out(0x3F8, 1, 'a');
	out(0x3F8, 1, 'b');
	in(0x3FD, 1);
	in(0x80, 1);
	out(0x80, 1, 0);
	in(0x3F8, 2); /* one request, counted once at its first port */
	const struct access_counters *counts = &bus.port_counts;
	assert_int_equal(access_counters_entries(counts), 3);
	const struct access_count *s0 = access_counters_entry(counts, 0);
	const struct access_count *s1 = access_counters_entry(counts, 1);
	const struct access_count *s2 = access_counters_entry(counts, 2);
	assert_int_equal(s0->key, 0x80);
	assert_int_equal(s0->reads, 1);
	assert_int_equal(s0->writes, 1);
	assert_int_equal(s1->key, 0x3F8);
	assert_int_equal(s1->reads, 1);
	assert_int_equal(s1->writes, 2);
	assert_int_equal(s2->key, 0x3FD);
	assert_int_equal(s2->reads, 1);
	assert_int_equal(s0->faults + s1->faults + s2->faults, 0);
	assert_null(access_counters_entry(counts, 3));
}

static void port_statistics_overflow_into_other_ports(void **state)
{
	(void)state;
	fake_log_clear();
	for (unsigned p = ACCESS_COUNTERS_MAX + 9; p > 0; p--)
		in((uint16_t)(0x1000 + p), 1);
	out(0x1001, 1, 0); /* a port that found the table full */
	const struct access_counters *counts = &bus.port_counts;
	assert_int_equal(access_counters_entries(counts), ACCESS_COUNTERS_MAX);
	assert_int_equal(counts->other.reads, 9);
	assert_int_equal(counts->other.writes, 1);
}

static void string_output_sends_each_element(void **state)
{
	(void)state;
	struct recorder wide;
	add(&wide, "wide", 0x500, 0x503, IO_DECODE_WIDE);
	uint8_t elements[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 };
	assert_int_equal(io_bus_dispatch_string(&bus, 0x500, 2, true, elements, 3), 3);
	assert_int_equal(wide.calls, 3);
	assert_int_equal(wide.last.value, 0x0605);
	assert_int_equal(access_counters_entry(&bus.port_counts, 0)->writes, 3);
}

static void string_input_fills_the_buffer(void **state)
{
	(void)state;
	struct recorder r;
	add(&r, "r", 0x500, 0x503, IO_DECODE_WIDE);
	memcpy(r.reg, "\x11\x22\x33\x44", 4);
	uint8_t elements[8] = { 0 };
	assert_int_equal(io_bus_dispatch_string(&bus, 0x500, 4, false, elements, 2), 2);
	assert_memory_equal(elements, "\x11\x22\x33\x44\x11\x22\x33\x44", 8);
	uint8_t unclaimed[3] = { 0 };
	assert_int_equal(io_bus_dispatch_string(&bus, 0x600, 1, false, unclaimed, 3), 3);
	assert_memory_equal(unclaimed, "\xFF\xFF\xFF", 3);
}

static void string_output_stops_when_the_guest_ends(void **state)
{
	(void)state;
	struct recorder r;
	add(&r, "r", 0xF4, 0xF4, IO_DECODE_ISA8);
	r.end_on_write = true;
	uint8_t elements[] = { 7, 8, 9 };
	assert_int_equal(io_bus_dispatch_string(&bus, 0xF4, 1, true, elements, 3), 1);
	assert_true(bus.end.requested);
	assert_int_equal(bus.end.status, 7);
	assert_int_equal(io_bus_dispatch_string(&bus, 0xF4, 1, true, elements, 3), 0);
}

static void first_end_request_wins(void **state)
{
	(void)state;
	struct guest_end end = { 0 };
	guest_end_request(&end, GUEST_END_EXIT_STATUS, 3, "first");
	guest_end_request(&end, GUEST_END_RESET, 0, "second");
	assert_true(end.requested);
	assert_int_equal(end.cause, GUEST_END_EXIT_STATUS);
	assert_int_equal(end.status, 3);
	assert_string_equal(end.reason, "first");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(unclaimed_reads_all_ones_at_each_size, setup),
		cmocka_unit_test_setup(unclaimed_port_is_logged_once, setup),
		cmocka_unit_test_setup(unclaimed_dword_logs_its_first_port_only, setup),
		cmocka_unit_test_setup(overlapping_registration_is_refused, setup),
		cmocka_unit_test_setup(a_full_bus_refuses_more_devices, setup),
		cmocka_unit_test_setup(byte_access_to_isa8_device_is_one_call, setup),
		cmocka_unit_test_setup(word_access_to_isa8_device_is_split_into_bytes, setup),
		cmocka_unit_test_setup(access_across_a_device_boundary_reads_ff_beyond_it, setup),
		cmocka_unit_test_setup(wide_device_takes_whole_accesses, setup),
		cmocka_unit_test_setup(byte_register_ignores_wider_accesses, setup),
		cmocka_unit_test_setup(write_value_is_masked_to_access_size, setup),
		cmocka_unit_test_setup(access_at_top_of_port_space_does_not_wrap, setup),
		cmocka_unit_test_setup(bad_access_size_is_refused, setup),
		cmocka_unit_test_setup(port_statistics_are_sorted_and_counted, setup),
		cmocka_unit_test_setup(port_statistics_overflow_into_other_ports, setup),
		cmocka_unit_test_setup(string_output_sends_each_element, setup),
		cmocka_unit_test_setup(string_input_fills_the_buffer, setup),
		cmocka_unit_test_setup(string_output_stops_when_the_guest_ends, setup),
		cmocka_unit_test_setup(first_end_request_wins, setup),
	};
	return cmocka_run_group_tests_name("io_bus", tests, NULL, NULL);
}
