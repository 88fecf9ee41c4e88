/* vmx/msr_bitmap.c: the four MSR bitmaps in one frame. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vmx/msr_bitmap.h"
#include "kernel/msr_index.h"
#include "tests/unit/support/fake_frames.h"

#define QUARTER 0x400u /* bytes in each of the four bitmaps */

static const uint8_t *frame_bytes(const struct msr_bitmap *bm)
{
	return phys_to_virt(bm->frame);
}

static size_t bits_set_in(const struct msr_bitmap *bm, uint32_t offset, uint32_t length)
{
	size_t n = 0;
	for (uint32_t i = offset; i < offset + length; i++)
		n += (size_t)__builtin_popcount(frame_bytes(bm)[i]);
	return n;
}

static void pass_all_and_intercept_all(void **state)
{
	(void)state;
	struct msr_bitmap pass, all;

	assert_int_equal(msr_bitmap_create(&pass, MSR_BITMAP_PASS_ALL), 0);
	assert_int_equal(msr_bitmap_create(&all, MSR_BITMAP_INTERCEPT_ALL), 0);
	assert_int_equal(fake_frames_in_use(), 2);
	assert_int_equal(bits_set_in(&pass, 0, FRAME_SIZE), 0);
	assert_int_equal(bits_set_in(&all, 0, FRAME_SIZE), FRAME_SIZE * 8);
	assert_false(msr_bitmap_intercepts(&pass, MSR_IA32_EFER, MSR_ACCESS_READ_WRITE));
	assert_true(msr_bitmap_intercepts(&all, MSR_IA32_EFER, MSR_ACCESS_READ));
	assert_true(msr_bitmap_intercepts(&all, MSR_IA32_EFER, MSR_ACCESS_WRITE));
	msr_bitmap_destroy(&pass);
	msr_bitmap_destroy(&all);
	assert_int_equal(fake_frames_in_use(), 0);
}

/* SDM 25.6.9: read-low 0x000, read-high 0x400, write-low 0x800, write-high 0xC00. */
static void msrs_land_in_the_right_quarter(void **state)
{
	(void)state;
	static const struct {
		uint32_t msr;
		uint32_t read_offset, write_offset; /* quarter offsets */
		uint32_t byte;
		unsigned bit;
	} cases[] = {
		{ 0x00000000, MSR_BITMAP_READ_LOW, MSR_BITMAP_WRITE_LOW, 0x000, 0 },
		{ 0x0000003A, MSR_BITMAP_READ_LOW, MSR_BITMAP_WRITE_LOW, 0x007, 2 },
		{ 0x00001FFF, MSR_BITMAP_READ_LOW, MSR_BITMAP_WRITE_LOW, 0x3FF, 7 },
		{ 0xC0000000, MSR_BITMAP_READ_HIGH, MSR_BITMAP_WRITE_HIGH, 0x000, 0 },
		{ 0xC0000080, MSR_BITMAP_READ_HIGH, MSR_BITMAP_WRITE_HIGH, 0x010, 0 },
		{ 0xC0001FFF, MSR_BITMAP_READ_HIGH, MSR_BITMAP_WRITE_HIGH, 0x3FF, 7 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct msr_bitmap bm;
		assert_int_equal(msr_bitmap_create(&bm, MSR_BITMAP_PASS_ALL), 0);

		assert_int_equal(msr_bitmap_set(&bm, cases[i].msr, MSR_ACCESS_READ, true), 0);
		assert_int_equal(frame_bytes(&bm)[cases[i].read_offset + cases[i].byte], 1u << cases[i].bit);
		assert_int_equal(bits_set_in(&bm, 0, FRAME_SIZE), 1);
		assert_true(msr_bitmap_intercepts(&bm, cases[i].msr, MSR_ACCESS_READ));
		assert_false(msr_bitmap_intercepts(&bm, cases[i].msr, MSR_ACCESS_WRITE));

		assert_int_equal(msr_bitmap_set(&bm, cases[i].msr, MSR_ACCESS_WRITE, true), 0);
		assert_int_equal(frame_bytes(&bm)[cases[i].write_offset + cases[i].byte], 1u << cases[i].bit);
		assert_int_equal(bits_set_in(&bm, 0, FRAME_SIZE), 2);

		assert_int_equal(msr_bitmap_set(&bm, cases[i].msr, MSR_ACCESS_READ, false), 0);
		assert_false(msr_bitmap_intercepts(&bm, cases[i].msr, MSR_ACCESS_READ));
		assert_true(msr_bitmap_intercepts(&bm, cases[i].msr, MSR_ACCESS_WRITE));
		assert_true(msr_bitmap_intercepts(&bm, cases[i].msr, MSR_ACCESS_READ_WRITE));
		assert_int_equal(bits_set_in(&bm, cases[i].read_offset, QUARTER), 0);
		msr_bitmap_destroy(&bm);
	}
}

/* Outside both ranges: an error for the caller, never a crash, and always "intercepted". */
static void msrs_outside_both_ranges(void **state)
{
	(void)state;
	static const uint32_t outside[] = { 0x00002000, 0x0000FFFF, 0x40000000, 0xBFFFFFFF,
					    0xC0002000, 0xC0010000, 0xFFFFFFFF };
	struct msr_bitmap bm;

	assert_int_equal(msr_bitmap_create(&bm, MSR_BITMAP_PASS_ALL), 0);
	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++) {
		assert_false(msr_bitmap_covers(outside[i]));
		assert_int_equal(msr_bitmap_set(&bm, outside[i], MSR_ACCESS_READ_WRITE, true), -1);
		assert_int_equal(msr_bitmap_set(&bm, outside[i], MSR_ACCESS_READ, false), -1);
		assert_true(msr_bitmap_intercepts(&bm, outside[i], MSR_ACCESS_READ));
		assert_true(msr_bitmap_intercepts(&bm, outside[i], MSR_ACCESS_WRITE));
	}
	assert_int_equal(bits_set_in(&bm, 0, FRAME_SIZE), 0);
	assert_true(msr_bitmap_covers(0x1FFF));
	assert_true(msr_bitmap_covers(0xC0000000));
	assert_true(msr_bitmap_covers(0xC0001FFF));
	msr_bitmap_destroy(&bm);
}

/* Every covered MSR, read and write, has its own bit: 4 x 8192 bits fill the frame exactly. */
static void every_covered_msr_has_its_own_bits(void **state)
{
	(void)state;
	static const uint32_t bases[] = { MSR_BITMAP_LOW_FIRST, MSR_BITMAP_HIGH_FIRST };
	struct msr_bitmap bm;

	assert_int_equal(msr_bitmap_create(&bm, MSR_BITMAP_PASS_ALL), 0);
	for (size_t r = 0; r < 2; r++)
		for (uint32_t i = 0; i < MSR_BITMAP_RANGE_SIZE; i++) {
			uint32_t msr = bases[r] + i;
			assert_false(msr_bitmap_intercepts(&bm, msr, MSR_ACCESS_READ_WRITE));
			assert_int_equal(msr_bitmap_set(&bm, msr, MSR_ACCESS_READ_WRITE, true), 0);
			assert_true(msr_bitmap_intercepts(&bm, msr, MSR_ACCESS_READ));
			assert_true(msr_bitmap_intercepts(&bm, msr, MSR_ACCESS_WRITE));
		}
	assert_int_equal(bits_set_in(&bm, 0, FRAME_SIZE), FRAME_SIZE * 8);
	msr_bitmap_destroy(&bm);
}

static void pass_through_one_msr_in_intercept_all(void **state)
{
	(void)state;
	struct msr_bitmap bm;

	assert_int_equal(msr_bitmap_create(&bm, MSR_BITMAP_INTERCEPT_ALL), 0);
	assert_int_equal(msr_bitmap_set(&bm, MSR_IA32_FS_BASE, MSR_ACCESS_READ_WRITE, false), 0);
	assert_false(msr_bitmap_intercepts(&bm, MSR_IA32_FS_BASE, MSR_ACCESS_READ_WRITE));
	assert_true(msr_bitmap_intercepts(&bm, MSR_IA32_GS_BASE, MSR_ACCESS_READ));
	assert_int_equal(bits_set_in(&bm, 0, FRAME_SIZE), FRAME_SIZE * 8 - 2);
	msr_bitmap_destroy(&bm);
}

static void allocation_failure(void **state)
{
	(void)state;
	struct msr_bitmap bm;

	fake_frames_fail_after(0);
	assert_int_equal(msr_bitmap_create(&bm, MSR_BITMAP_INTERCEPT_ALL), -1);
	assert_int_equal(bm.frame, 0);
	assert_int_equal(fake_frames_in_use(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(pass_all_and_intercept_all, fake_frames_setup),
		cmocka_unit_test_setup(msrs_land_in_the_right_quarter, fake_frames_setup),
		cmocka_unit_test_setup(msrs_outside_both_ranges, fake_frames_setup),
		cmocka_unit_test_setup(every_covered_msr_has_its_own_bits, fake_frames_setup),
		cmocka_unit_test_setup(pass_through_one_msr_in_intercept_all, fake_frames_setup),
		cmocka_unit_test_setup(allocation_failure, fake_frames_setup),
	};
	return cmocka_run_group_tests_name("vmx_msr_bitmap", tests, NULL, NULL);
}
