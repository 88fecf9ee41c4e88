/* vmx/io_bitmap.c: I/O bitmaps A and B. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vmx/io_bitmap.h"
#include "tests/unit/support/fake_frames.h"

static const uint8_t *bytes(phys_addr_t frame)
{
	return phys_to_virt(frame);
}

static size_t bits_set(phys_addr_t frame)
{
	size_t n = 0;
	for (size_t i = 0; i < FRAME_SIZE; i++)
		n += (size_t)__builtin_popcount(bytes(frame)[i]);
	return n;
}

static void pass_all_is_two_zeroed_frames(void **state)
{
	(void)state;
	struct io_bitmap bm;

	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_PASS_ALL), 0);
	assert_int_not_equal(bm.a, 0);
	assert_int_not_equal(bm.b, 0);
	assert_int_not_equal(bm.a, bm.b);
	assert_int_equal(fake_frames_in_use(), 2);
	assert_int_equal(bits_set(bm.a) + bits_set(bm.b), 0);
	assert_false(io_bitmap_intercepts(&bm, 0x0000));
	assert_false(io_bitmap_intercepts(&bm, 0xFFFF));
	io_bitmap_destroy(&bm);
	assert_int_equal(fake_frames_in_use(), 0);
}

static void intercept_all_is_two_full_frames(void **state)
{
	(void)state;
	struct io_bitmap bm;

	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_INTERCEPT_ALL), 0);
	assert_int_equal(bits_set(bm.a), FRAME_SIZE * 8);
	assert_int_equal(bits_set(bm.b), FRAME_SIZE * 8);
	for (uint32_t port = 0; port < IO_BITMAP_PORTS; port += 0x101)
		assert_true(io_bitmap_intercepts(&bm, (uint16_t)port));
	io_bitmap_destroy(&bm);
}

/* SDM 25.6.4: port p is bit p % 8 of byte (p & 0x7FFF) / 8 of A (p < 0x8000) or B. */
static void boundary_ports_land_where_the_sdm_says(void **state)
{
	(void)state;
	static const struct {
		uint16_t port;
		bool in_b;
		size_t byte;
		unsigned bit;
	} cases[] = {
		{ 0x0000, false, 0x000, 0 }, { 0x0007, false, 0x000, 7 }, { 0x1FFF, false, 0x3FF, 7 },
		{ 0x2000, false, 0x400, 0 }, { 0x03F8, false, 0x07F, 0 }, { 0x7FFF, false, 0xFFF, 7 },
		{ 0x8000, true, 0x000, 0 },  { 0x9FFF, true, 0x3FF, 7 },  { 0xA000, true, 0x400, 0 },
		{ 0xFFFF, true, 0xFFF, 7 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct io_bitmap bm;
		assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_PASS_ALL), 0);
		io_bitmap_set(&bm, cases[i].port, true);
		phys_addr_t frame = cases[i].in_b ? bm.b : bm.a;
		phys_addr_t other = cases[i].in_b ? bm.a : bm.b;
		assert_int_equal(bytes(frame)[cases[i].byte], 1u << cases[i].bit);
		assert_int_equal(bits_set(frame), 1);
		assert_int_equal(bits_set(other), 0);
		assert_true(io_bitmap_intercepts(&bm, cases[i].port));
		io_bitmap_destroy(&bm);
	}
}

/* Setting the ports one at a time turns on a new bit each time, and all 2 x 32768 in the end. */
static void every_port_has_its_own_bit(void **state)
{
	(void)state;
	struct io_bitmap bm;

	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_PASS_ALL), 0);
	for (uint32_t port = 0; port < IO_BITMAP_PORTS; port++) {
		assert_false(io_bitmap_intercepts(&bm, (uint16_t)port));
		io_bitmap_set(&bm, (uint16_t)port, true);
		assert_true(io_bitmap_intercepts(&bm, (uint16_t)port));
	}
	assert_int_equal(bits_set(bm.a), FRAME_SIZE * 8);
	assert_int_equal(bits_set(bm.b), FRAME_SIZE * 8);
	for (uint32_t port = 0; port < IO_BITMAP_PORTS; port++) {
		io_bitmap_set(&bm, (uint16_t)port, false);
		assert_false(io_bitmap_intercepts(&bm, (uint16_t)port));
	}
	assert_int_equal(bits_set(bm.a) + bits_set(bm.b), 0);
	io_bitmap_destroy(&bm);
}

static void clear_one_port_in_intercept_all(void **state)
{
	(void)state;
	struct io_bitmap bm;

	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_INTERCEPT_ALL), 0);
	io_bitmap_set(&bm, 0x80, false);
	assert_false(io_bitmap_intercepts(&bm, 0x80));
	assert_true(io_bitmap_intercepts(&bm, 0x7F));
	assert_true(io_bitmap_intercepts(&bm, 0x81));
	assert_int_equal(bits_set(bm.a), FRAME_SIZE * 8 - 1);
	io_bitmap_destroy(&bm);
}

static void ranges_across_the_a_b_boundary(void **state)
{
	(void)state;
	struct io_bitmap bm;

	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_PASS_ALL), 0);
	assert_int_equal(io_bitmap_set_range(&bm, 0x7FFC, 8, true), 0);
	assert_false(io_bitmap_intercepts(&bm, 0x7FFB));
	for (uint32_t p = 0x7FFC; p < 0x8004; p++)
		assert_true(io_bitmap_intercepts(&bm, (uint16_t)p));
	assert_false(io_bitmap_intercepts(&bm, 0x8004));
	assert_int_equal(bits_set(bm.a), 4);
	assert_int_equal(bits_set(bm.b), 4);

	assert_int_equal(io_bitmap_set_range(&bm, 0x7FFE, 4, false), 0);
	assert_int_equal(bits_set(bm.a) + bits_set(bm.b), 4);
	io_bitmap_destroy(&bm);
}

static void range_to_the_last_port_and_past_it(void **state)
{
	(void)state;
	struct io_bitmap bm;

	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_PASS_ALL), 0);
	assert_int_equal(io_bitmap_set_range(&bm, 0xFFF0, 0x10, true), 0);
	assert_true(io_bitmap_intercepts(&bm, 0xFFFF));
	assert_int_equal(bits_set(bm.b), 0x10);
	/* One port too many: refused, nothing changed. */
	assert_int_equal(io_bitmap_set_range(&bm, 0xFFE0, 0x21, true), -1);
	assert_false(io_bitmap_intercepts(&bm, 0xFFE0));
	assert_int_equal(bits_set(bm.b), 0x10);
	/* The whole space at once. */
	assert_int_equal(io_bitmap_set_range(&bm, 0, IO_BITMAP_PORTS, true), 0);
	assert_int_equal(bits_set(bm.a) + bits_set(bm.b), IO_BITMAP_PORTS);
	assert_int_equal(io_bitmap_set_range(&bm, 0, IO_BITMAP_PORTS + 1, false), -1);
	assert_int_equal(io_bitmap_set_range(&bm, 5, 0, false), 0);
	io_bitmap_destroy(&bm);
}

/* SDM 27.1.3: a multi-byte access exits if any byte's port is intercepted, or if it wraps. */
static void multi_byte_accesses(void **state)
{
	(void)state;
	struct io_bitmap bm;

	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_PASS_ALL), 0);
	io_bitmap_set(&bm, 0x3FB, true);
	assert_true(io_bitmap_access_exits(&bm, 0x3F8, 4));
	assert_false(io_bitmap_access_exits(&bm, 0x3F8, 2));
	assert_true(io_bitmap_access_exits(&bm, 0x3FB, 1));
	assert_false(io_bitmap_access_exits(&bm, 0xFFFC, 4));
	assert_true(io_bitmap_access_exits(&bm, 0xFFFE, 4)); /* wraps to 0x0000 */
	assert_true(io_bitmap_access_exits(&bm, 0xFFFF, 2));
	assert_false(io_bitmap_access_exits(&bm, 0xFFFF, 1));
	io_bitmap_destroy(&bm);
}

static void allocation_failure_leaks_nothing(void **state)
{
	(void)state;
	struct io_bitmap bm;

	fake_frames_fail_after(1); /* A succeeds, B fails */
	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_INTERCEPT_ALL), -1);
	assert_int_equal(fake_frames_in_use(), 0);
	assert_int_equal(bm.a, 0);
	assert_int_equal(bm.b, 0);
	fake_frames_fail_after(0);
	assert_int_equal(io_bitmap_create(&bm, IO_BITMAP_PASS_ALL), -1);
	assert_int_equal(fake_frames_in_use(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(pass_all_is_two_zeroed_frames, fake_frames_setup),
		cmocka_unit_test_setup(intercept_all_is_two_full_frames, fake_frames_setup),
		cmocka_unit_test_setup(boundary_ports_land_where_the_sdm_says, fake_frames_setup),
		cmocka_unit_test_setup(every_port_has_its_own_bit, fake_frames_setup),
		cmocka_unit_test_setup(clear_one_port_in_intercept_all, fake_frames_setup),
		cmocka_unit_test_setup(ranges_across_the_a_b_boundary, fake_frames_setup),
		cmocka_unit_test_setup(range_to_the_last_port_and_past_it, fake_frames_setup),
		cmocka_unit_test_setup(multi_byte_accesses, fake_frames_setup),
		cmocka_unit_test_setup(allocation_failure_leaks_nothing, fake_frames_setup),
	};
	return cmocka_run_group_tests_name("vmx_io_bitmap", tests, NULL, NULL);
}
