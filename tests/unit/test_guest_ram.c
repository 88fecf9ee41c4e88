/*
 * mm/guest_ram.c over the fake frame pool: chunks are 2 MiB-aligned and zeroed, look-ups and
 * copies work across chunk boundaries, ranges not wholly RAM are refused untouched, and every
 * frame comes back on destroy and on a failed create.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm/guest_ram.h"
#include "tests/unit/support/fake_frames.h"

#define MiB (1ull << 20)
#define RAM_SIZE (8 * MiB)
#define CHUNK_FRAMES (GUEST_RAM_CHUNK_SIZE / FRAME_SIZE)

static struct guest_ram ram;

static int teardown(void **state)
{
	(void)state;
	guest_ram_destroy(&ram);
	return 0;
}

/* Is every byte of guest [gpa, gpa + len) equal to byte? Looks through guest_ram_ptr. */
static bool ram_is(uint64_t gpa, uint64_t len, uint8_t byte)
{
	for (uint64_t i = 0; i < len; i++) {
		if (*(uint8_t *)guest_ram_ptr(&ram, gpa + i, NULL) != byte)
			return false;
	}
	return true;
}

static void test_create_zeroed_aligned_chunks(void **state)
{
	(void)state;
	assert_int_equal(guest_ram_create(&ram, RAM_SIZE), 0);
	assert_int_equal(ram.size, RAM_SIZE);
	assert_int_equal(ram.chunk_count, 4);
	assert_int_equal(fake_frames_in_use(), 4 * CHUNK_FRAMES + 1);     /* chunks and the table */
	for (uint64_t i = 0; i < ram.chunk_count; i++) {
		assert_int_equal(ram.chunks[i] % GUEST_RAM_CHUNK_SIZE, 0);
		assert_true(ram.chunks[i] >= fake_frames_base());
		assert_true(ram.chunks[i] + GUEST_RAM_CHUNK_SIZE <= fake_frames_base() + FAKE_FRAMES_POOL_SIZE);
		for (uint64_t j = 0; j < i; j++)
			assert_int_not_equal(ram.chunks[i], ram.chunks[j]);
	}
	assert_true(ram_is(0, 4096, 0));                       /* the pool starts as 0xA5 garbage */
	assert_true(ram_is(RAM_SIZE - 4096, 4096, 0));
	assert_true(ram_is(3 * GUEST_RAM_CHUNK_SIZE - 100, 200, 0));
}

static void test_size_rounds_up_to_chunks(void **state)
{
	(void)state;
	assert_int_equal(guest_ram_create(&ram, 3 * MiB), 0);
	assert_int_equal(ram.size, 4 * MiB);
	assert_int_equal(ram.chunk_count, 2);
	guest_ram_destroy(&ram);
	assert_int_equal(guest_ram_create(&ram, 1), 0);
	assert_int_equal(ram.size, 2 * MiB);
	guest_ram_destroy(&ram);

	assert_int_equal(guest_ram_create(&ram, 0), -1);
	assert_int_equal(guest_ram_create(&ram, UINT64_MAX), -1);
	assert_int_equal(fake_frames_in_use(), 0);
}

static void test_ptr_lookup(void **state)
{
	(void)state;
	assert_int_equal(guest_ram_create(&ram, RAM_SIZE), 0);
	uint64_t contiguous = 0;

	assert_ptr_equal(guest_ram_ptr(&ram, 0, &contiguous), phys_to_virt(ram.chunks[0]));
	assert_int_equal(contiguous, GUEST_RAM_CHUNK_SIZE);
	assert_ptr_equal(guest_ram_ptr(&ram, 2 * MiB - 1, &contiguous),
			 (uint8_t *)phys_to_virt(ram.chunks[0]) + 2 * MiB - 1);
	assert_int_equal(contiguous, 1);
	assert_ptr_equal(guest_ram_ptr(&ram, 5 * MiB + 123, &contiguous),
			 (uint8_t *)phys_to_virt(ram.chunks[2]) + 1 * MiB + 123);
	assert_int_equal(contiguous, 1 * MiB - 123);
	assert_non_null(guest_ram_ptr(&ram, RAM_SIZE - 1, &contiguous));
	assert_int_equal(contiguous, 1);

	contiguous = 77;
	assert_null(guest_ram_ptr(&ram, RAM_SIZE, &contiguous));
	assert_null(guest_ram_ptr(&ram, UINT64_MAX, &contiguous));
	assert_int_equal(contiguous, 77);
}

static void test_copies_across_chunks(void **state)
{
	(void)state;
	assert_int_equal(guest_ram_create(&ram, RAM_SIZE), 0);
	enum { LEN = 3 * 1024 * 1024 };              /* spans three chunks */
	uint8_t *src = malloc(LEN), *dst = malloc(LEN);
	assert_non_null(src);
	assert_non_null(dst);
	for (size_t i = 0; i < LEN; i++)
		src[i] = (uint8_t)(i * 7 + i / 251);

	uint64_t gpa = 2 * MiB - 3000;
	assert_int_equal(guest_ram_write(&ram, gpa, src, LEN), 0);
	assert_int_equal(guest_ram_read(&ram, gpa, dst, LEN), 0);
	assert_memory_equal(src, dst, LEN);
	assert_true(ram_is(gpa - 16, 16, 0));                 /* neighbours untouched */
	assert_true(ram_is(gpa + LEN, 16, 0));
	assert_int_equal(*(uint8_t *)guest_ram_ptr(&ram, 2 * MiB, NULL), src[3000]);

	assert_int_equal(guest_ram_fill(&ram, 4 * MiB - 10, 0x5a, 20), 0);
	assert_true(ram_is(4 * MiB - 10, 20, 0x5a));
	assert_int_equal(guest_ram_fill(&ram, 0, 0xee, RAM_SIZE), 0);
	assert_true(ram_is(0, 64, 0xee));
	assert_true(ram_is(RAM_SIZE - 64, 64, 0xee));
	assert_true(ram_is(6 * MiB - 32, 64, 0xee));
	free(src);
	free(dst);
}

static void test_ranges_outside_ram_refused_whole(void **state)
{
	(void)state;
	assert_int_equal(guest_ram_create(&ram, RAM_SIZE), 0);
	uint8_t buf[20];
	memset(buf, 0x11, sizeof(buf));

	assert_int_equal(guest_ram_write(&ram, RAM_SIZE - 10, buf, 20), -1);
	assert_true(ram_is(RAM_SIZE - 10, 10, 0));            /* nothing written, not even the part inside */
	assert_int_equal(guest_ram_fill(&ram, RAM_SIZE - 10, 0x22, 20), -1);
	assert_true(ram_is(RAM_SIZE - 10, 10, 0));
	assert_int_equal(guest_ram_read(&ram, RAM_SIZE - 10, buf, 20), -1);
	for (size_t i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0x11);               /* nothing read */

	assert_int_equal(guest_ram_write(&ram, RAM_SIZE, buf, 1), -1);
	assert_int_equal(guest_ram_write(&ram, 8, buf, UINT64_MAX), -1);   /* gpa + len wraps */
	assert_int_equal(guest_ram_read(&ram, UINT64_MAX, buf, 2), -1);
	assert_int_equal(guest_ram_fill(&ram, 1ull << 40, 0, 1), -1);
	assert_true(ram_is(0, 32, 0));

	/* Empty ranges inside or at the end of RAM are fine and do nothing. */
	assert_int_equal(guest_ram_write(&ram, RAM_SIZE, buf, 0), 0);
	assert_int_equal(guest_ram_fill(&ram, 0, 0x33, 0), 0);
	assert_int_equal(guest_ram_write(&ram, RAM_SIZE + 1, buf, 0), -1);
	assert_true(ram_is(0, 1, 0));

	/* The last byte exactly is RAM. */
	assert_int_equal(guest_ram_write(&ram, RAM_SIZE - 1, buf, 1), 0);
	assert_true(ram_is(RAM_SIZE - 1, 1, 0x11));
}

static void test_destroy_frees_everything(void **state)
{
	(void)state;
	struct guest_ram other;
	assert_int_equal(guest_ram_create(&ram, RAM_SIZE), 0);
	assert_int_equal(guest_ram_create(&other, 4 * MiB), 0);
	assert_int_equal(fake_frames_in_use(), 6 * CHUNK_FRAMES + 2);
	guest_ram_destroy(&other);
	assert_int_equal(fake_frames_in_use(), 4 * CHUNK_FRAMES + 1);
	guest_ram_destroy(&ram);
	assert_int_equal(fake_frames_in_use(), 0);
	assert_int_equal(ram.size, 0);
	assert_int_equal(ram.chunk_count, 0);
	assert_null(ram.chunks);
	assert_null(guest_ram_ptr(&ram, 0, NULL));
	guest_ram_destroy(&ram);                              /* again: nothing to do */
	assert_int_equal(guest_ram_write(&ram, 0, "x", 1), -1);
}

static void test_failed_create_gives_everything_back(void **state)
{
	(void)state;
	/* 8 MiB takes five allocations: the table, then four chunks. Fail each in turn. */
	for (long n = 0; n < 5; n++) {
		fake_frames_fail_after(n);
		assert_int_equal(guest_ram_create(&ram, RAM_SIZE), -1);
		assert_int_equal(fake_frames_in_use(), 0);
		assert_null(ram.chunks);
		assert_int_equal(ram.size, 0);
	}
	fake_frames_fail_after(5);
	assert_int_equal(guest_ram_create(&ram, RAM_SIZE), 0);
	guest_ram_destroy(&ram);
	fake_frames_fail_after(-1);

	/* More than the pool holds: runs out part way, gives everything back. */
	assert_int_equal(guest_ram_create(&ram, 2 * FAKE_FRAMES_POOL_SIZE), -1);
	assert_int_equal(fake_frames_in_use(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_zeroed_aligned_chunks, fake_frames_setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_rounds_up_to_chunks, fake_frames_setup, teardown),
		cmocka_unit_test_setup_teardown(test_ptr_lookup, fake_frames_setup, teardown),
		cmocka_unit_test_setup_teardown(test_copies_across_chunks, fake_frames_setup, teardown),
		cmocka_unit_test_setup_teardown(test_ranges_outside_ram_refused_whole, fake_frames_setup, teardown),
		cmocka_unit_test_setup_teardown(test_destroy_frees_everything, fake_frames_setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_create_gives_everything_back, fake_frames_setup, teardown),
	};
	return cmocka_run_group_tests_name("guest_ram", tests, NULL, NULL);
}
