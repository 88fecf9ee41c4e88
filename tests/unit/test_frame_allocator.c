/*
 * mm/frame_allocator.c: which frames are usable (holes, partial frames at region edges,
 * reserved ranges, the first 1 MiB), allocation (below 4 GiB, contiguous and aligned,
 * exhaustion), the checks on free, finding bitmap storage, and a long randomized run checked
 * against an independent model of every frame.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mm/frame_allocator.h"

#define KiB (1ull << 10)
#define MiB (1ull << 20)
#define GiB (1ull << 30)
#define N(array) (sizeof(array) / sizeof(array[0]))

/* Room for the bitmaps of up to 8 GiB of managed frames. */
static uint64_t storage[2 * (8 * GiB / FRAME_SIZE) / 64];
static struct frame_allocator fa;

/* Initialise fa over the given ranges, insisting on success. */
static void init(const struct phys_range *available, size_t n_available,
		 const struct phys_range *reserved, size_t n_reserved)
{
	size_t bytes = frame_allocator_storage_bytes(available, n_available);
	assert_true(bytes <= sizeof(storage));
	assert_int_equal(frame_allocator_init(&fa, available, n_available, reserved, n_reserved,
					      storage, bytes), 0);
}

/* Is every frame of [start, end) usable (want true) or not usable (want false)? */
static void assert_usable(phys_addr_t start, phys_addr_t end, bool want)
{
	for (phys_addr_t p = start; p < end; p += FRAME_SIZE) {
		if (frame_allocator_is_usable(&fa, p) != want)
			fail_msg("frame 0x%llx: usable is %d, want %d", (unsigned long long)p, !want, want);
	}
}

static void test_regions_with_holes_and_partial_frames(void **state)
{
	(void)state;
	const struct phys_range available[] = {
		{ 1 * MiB, 2 * MiB },
		{ 3 * MiB + 0x800, 5 * MiB - 0x10 },   /* partial frames at both ends */
		{ 8 * MiB, 8 * MiB + 0xfff },          /* less than one whole frame */
	};
	init(available, N(available), NULL, 0);

	assert_int_equal(fa.frame_count, 8 * MiB / FRAME_SIZE);
	assert_usable(1 * MiB, 2 * MiB, true);
	assert_usable(2 * MiB, 3 * MiB + 0x1000, false);
	assert_usable(3 * MiB + 0x1000, 5 * MiB - 0x1000, true);
	assert_usable(5 * MiB - 0x1000, 8 * MiB + 0x2000, false);
	uint64_t want = 256 + (2 * MiB - 0x2000) / FRAME_SIZE;
	assert_int_equal(frame_allocator_usable_frames(&fa), want);
	assert_int_equal(frame_allocator_free_frames(&fa), want);
	assert_int_equal(frame_allocator_allocated_frames(&fa), 0);
	assert_false(frame_allocator_is_usable(&fa, 1ull << 40));
	assert_false(frame_allocator_is_free(&fa, 1ull << 40));
}

static void test_reserved_ranges_over_region_edges(void **state)
{
	(void)state;
	const struct phys_range available[] = { { 1 * MiB, 4 * MiB }, { 6 * MiB, 8 * MiB } };
	const struct phys_range reserved[] = {
		{ 0x0f0000, 0x101800 },             /* over the first region's start, ends mid-frame */
		{ 0x200800, 0x201000 },             /* inside one frame */
		{ 4 * MiB - 0x10, 6 * MiB + 0x10 }, /* across the hole between the regions */
		{ 7 * MiB, 7 * MiB },               /* empty: reserves nothing */
		{ 16 * MiB, 32 * MiB },             /* beyond the managed range */
	};
	init(available, N(available), reserved, N(reserved));

	assert_usable(1 * MiB, 0x102000, false);
	assert_usable(0x102000, 0x200000, true);
	assert_usable(0x200000, 0x201000, false);
	assert_usable(0x201000, 4 * MiB - 0x1000, true);
	assert_usable(4 * MiB - 0x1000, 6 * MiB + 0x1000, false);
	assert_usable(6 * MiB + 0x1000, 8 * MiB, true);
	assert_int_equal(frame_allocator_usable_frames(&fa),
			 (0x200000 - 0x102000 + 4 * MiB - 0x1000 - 0x201000 + 2 * MiB - 0x1000) / FRAME_SIZE);
}

static void test_first_mib_never_handed_out(void **state)
{
	(void)state;
	const struct phys_range available[] = { { 0, 640 * KiB }, { 0, 4 * MiB } };
	init(available, N(available), NULL, 0);
	assert_usable(0, 1 * MiB, false);
	assert_int_equal(frame_allocator_usable_frames(&fa), 3 * MiB / FRAME_SIZE);

	uint64_t n = 0;
	for (phys_addr_t p; (p = frame_allocator_alloc(&fa, 1, 1, 0)) != 0; n++) {
		assert_true(p >= 1 * MiB && p < 4 * MiB);
		assert_int_equal(p, 1 * MiB + n * FRAME_SIZE);     /* first fit, in order */
	}
	assert_int_equal(n, 3 * MiB / FRAME_SIZE);
	assert_int_equal(frame_allocator_free_frames(&fa), 0);
	assert_int_equal(frame_allocator_allocated_frames(&fa), n);
	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, 0), 0);     /* exhausted */

	/* Freed frames are found again, lowest first. */
	assert_int_equal(frame_allocator_free(&fa, 3 * MiB, 2), 0);
	assert_int_equal(frame_allocator_free(&fa, 2 * MiB, 1), 0);
	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, 0), 2 * MiB);
	assert_int_equal(frame_allocator_alloc(&fa, 2, 1, 0), 3 * MiB);
	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, 0), 0);
}

static void test_below_4g(void **state)
{
	(void)state;
	const struct phys_range available[] = {
		{ 1 * MiB, 2 * MiB },
		{ 4 * GiB - 16 * KiB, 4 * GiB + 1 * MiB },     /* straddles 4 GiB */
	};
	init(available, N(available), NULL, 0);

	/* Every frame below 4 GiB, and none above, is handed out with the flag. */
	uint64_t n = 0;
	for (phys_addr_t p; (p = frame_allocator_alloc(&fa, 1, 1, FRAME_BELOW_4G)) != 0; n++)
		assert_true(p + FRAME_SIZE <= 4 * GiB);
	assert_int_equal(n, 256 + 4);
	assert_int_equal(frame_allocator_free_frames(&fa), 256);

	/* Without the flag, memory above 4 GiB is still there. */
	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, 0), 4 * GiB);

	/* A run that would cross 4 GiB is refused with the flag, allowed without. */
	assert_int_equal(frame_allocator_free(&fa, 4 * GiB - 8 * KiB, 2), 0);
	assert_int_equal(frame_allocator_free(&fa, 4 * GiB, 1), 0);
	assert_int_equal(frame_allocator_alloc(&fa, 3, 1, FRAME_BELOW_4G), 0);
	assert_int_equal(frame_allocator_alloc(&fa, 2, 1, FRAME_BELOW_4G), 4 * GiB - 8 * KiB);
	assert_int_equal(frame_allocator_free(&fa, 4 * GiB - 8 * KiB, 2), 0);
	assert_int_equal(frame_allocator_alloc(&fa, 3, 1, 0), 4 * GiB - 8 * KiB);
}

static void test_only_memory_above_4g(void **state)
{
	(void)state;
	const struct phys_range available[] = { { 4 * GiB, 4 * GiB + 16 * MiB } };
	init(available, N(available), NULL, 0);
	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, FRAME_BELOW_4G), 0);
	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, 0), 4 * GiB);
}

static void test_contiguous_aligned_runs(void **state)
{
	(void)state;
	const struct phys_range available[] = { { 1 * MiB, 64 * MiB } };
	const struct phys_range reserved[] = { { 4 * MiB + 4 * KiB, 4 * MiB + 8 * KiB } };
	init(available, N(available), reserved, N(reserved));

	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, 0), 1 * MiB);
	assert_int_equal(frame_allocator_alloc(&fa, 512, 512, 0), 2 * MiB);
	assert_int_equal(frame_allocator_alloc(&fa, 3, 4, 0), 1 * MiB + 16 * KiB);
	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, 0), 1 * MiB + 4 * KiB);
	assert_int_equal(frame_allocator_alloc(&fa, 512, 512, FRAME_BELOW_4G), 6 * MiB); /* 4M run broken */

	/* The rest of the 2 MiB-aligned runs: 8M..64M, all disjoint and aligned. */
	uint64_t n = 0;
	phys_addr_t last = 6 * MiB;
	for (phys_addr_t p; (p = frame_allocator_alloc(&fa, 512, 512, 0)) != 0; n++) {
		assert_int_equal(p % (2 * MiB), 0);
		assert_true(p >= last + 2 * MiB);
		last = p;
	}
	assert_int_equal(n, 28);
	assert_int_equal(frame_allocator_allocated_frames(&fa), 1 + 512 + 3 + 1 + 512 + 28 * 512);

	/* A 1 MiB-aligned run still fits in the half of 4M..6M after the reserved frame. */
	assert_int_equal(frame_allocator_alloc(&fa, 256, 256, 0), 5 * MiB);
	assert_int_equal(frame_allocator_alloc(&fa, 256, 256, 0), 0);
	assert_int_equal(frame_allocator_alloc(&fa, 0, 1, 0), 0);                 /* nothing asked */
	assert_int_equal(frame_allocator_alloc(&fa, 1ull << 40, 1, 0), 0);        /* more than exists */
}

static void test_bad_frees_are_detected(void **state)
{
	(void)state;
	const struct phys_range available[] = { { 1 * MiB, 8 * MiB } };
	const struct phys_range reserved[] = { { 2 * MiB, 3 * MiB } };
	init(available, N(available), reserved, N(reserved));

	phys_addr_t p = frame_allocator_alloc(&fa, 4, 1, 0);
	assert_int_equal(p, 1 * MiB);
	assert_int_equal(frame_allocator_free(&fa, p, 4), 0);
	assert_int_equal(frame_allocator_free(&fa, p, 4), FRAME_FREE_DOUBLE);
	assert_int_equal(frame_allocator_free(&fa, p + FRAME_SIZE, 1), FRAME_FREE_DOUBLE);

	/* A partly double free frees nothing. */
	phys_addr_t q = frame_allocator_alloc(&fa, 2, 1, 0);
	uint64_t free_before = frame_allocator_free_frames(&fa);
	assert_int_equal(frame_allocator_free(&fa, q, 3), FRAME_FREE_DOUBLE);
	assert_int_equal(frame_allocator_free_frames(&fa), free_before);
	assert_false(frame_allocator_is_free(&fa, q));
	assert_false(frame_allocator_is_free(&fa, q + FRAME_SIZE));

	assert_int_equal(frame_allocator_free(&fa, 2 * MiB, 1), FRAME_FREE_FOREIGN);      /* reserved */
	assert_int_equal(frame_allocator_free(&fa, 0x1000, 1), FRAME_FREE_FOREIGN);       /* below 1 MiB */
	assert_int_equal(frame_allocator_free(&fa, 0, 1), FRAME_FREE_FOREIGN);
	assert_int_equal(frame_allocator_free(&fa, 8 * MiB, 1), FRAME_FREE_FOREIGN);      /* beyond */
	assert_int_equal(frame_allocator_free(&fa, 1ull << 50, 1), FRAME_FREE_FOREIGN);
	assert_int_equal(frame_allocator_free(&fa, q, UINT64_MAX), FRAME_FREE_FOREIGN);
	assert_int_equal(frame_allocator_free(&fa, q + 1, 1), FRAME_FREE_MISALIGNED);
	phys_addr_t r = frame_allocator_alloc(&fa, 1, 1, 0);
	assert_int_equal(frame_allocator_free(&fa, r, 2 * MiB / FRAME_SIZE), FRAME_FREE_FOREIGN); /* runs into reserved */
	assert_int_equal(frame_allocator_free_frames(&fa), free_before - 1);

	assert_int_equal(frame_allocator_free(&fa, q, 2), 0);
	assert_int_equal(frame_allocator_free(&fa, r, 1), 0);
	assert_int_equal(frame_allocator_allocated_frames(&fa), 0);

	assert_string_equal(frame_allocator_free_error_text(FRAME_FREE_DOUBLE),
			    "double free: the frame is not allocated");
	assert_string_equal(frame_allocator_free_error_text(FRAME_FREE_FOREIGN),
			    "not a usable frame (reserved, not RAM, or beyond the managed range)");
	assert_string_equal(frame_allocator_free_error_text(FRAME_FREE_MISALIGNED),
			    "the address is not on a 4 KiB frame boundary");
}

static void test_storage(void **state)
{
	(void)state;
	const struct phys_range available[] = {
		{ 0, 640 * KiB }, { 1 * MiB, 16 * MiB }, { 4 * GiB, 8 * GiB },
	};
	const struct phys_range reserved[] = {
		{ 1 * MiB, 3 * MiB },                          /* kernel */
		{ 3 * MiB + 0x100, 3 * MiB + 0x300 },          /* Multiboot2 information */
		{ 3 * MiB + 8 * KiB, 5 * MiB },                /* modules */
	};
	size_t bytes = frame_allocator_storage_bytes(available, N(available));
	assert_int_equal(bytes, 2 * (8 * GiB / FRAME_SIZE / 64) * 8);

	phys_addr_t at = 0;
	assert_int_equal(frame_allocator_find_storage(available, N(available), reserved, N(reserved),
						      0x5000, UINT64_MAX, &at), 0);
	assert_int_equal(at, 5 * MiB);
	assert_int_equal(frame_allocator_find_storage(available, N(available), reserved, N(reserved),
						      0x1000, UINT64_MAX, &at), 0);
	assert_int_equal(at, 3 * MiB + 4 * KiB);                  /* the one-frame gap fits one frame */
	assert_int_equal(frame_allocator_find_storage(available, N(available), reserved, N(reserved),
						      1 * GiB, UINT64_MAX, &at), 0);
	assert_int_equal(at, 4 * GiB);
	assert_int_equal(frame_allocator_find_storage(available, N(available), reserved, N(reserved),
						      0x5000, 5 * MiB + 16 * KiB, &at), -1);
	assert_int_equal(frame_allocator_find_storage(available, 1, NULL, 0, 0x1000, UINT64_MAX, &at), -1);

	/* The kernel's sequence: find storage, reserve it, initialise. */
	struct phys_range with_bitmap[N(reserved) + 1];
	memcpy(with_bitmap, reserved, sizeof(reserved));
	assert_int_equal(frame_allocator_find_storage(available, N(available), reserved, N(reserved),
						      bytes, UINT64_MAX, &at), 0);
	assert_int_equal(at, 5 * MiB);
	with_bitmap[N(reserved)] = (struct phys_range){ at, at + bytes };
	assert_int_equal(frame_allocator_init(&fa, available, N(available), with_bitmap, N(with_bitmap),
					      storage, bytes), 0);
	assert_usable(at, at + bytes, false);
	assert_true(frame_allocator_is_usable(&fa, at + ((bytes + FRAME_SIZE - 1) & ~(FRAME_SIZE - 1))));

	/* Storage too small or misaligned is refused. */
	assert_int_equal(frame_allocator_init(&fa, available, N(available), NULL, 0, storage, bytes - 8), -1);
	assert_int_equal(frame_allocator_init(&fa, available, N(available), NULL, 0,
					      (uint8_t *)storage + 4, bytes), -1);
	assert_int_equal(frame_allocator_init(&fa, available, N(available), NULL, 0, NULL, bytes), -1);

	/* No memory at all: an empty allocator that hands out nothing. */
	assert_int_equal(frame_allocator_storage_bytes(NULL, 0), 0);
	assert_int_equal(frame_allocator_init(&fa, NULL, 0, NULL, 0, NULL, 0), 0);
	assert_int_equal(frame_allocator_alloc(&fa, 1, 1, 0), 0);
	assert_int_equal(frame_allocator_free(&fa, 1 * MiB, 1), FRAME_FREE_FOREIGN);
}

/* ---- the randomized run ---- */

static const struct phys_range random_available[] = {
	{ 0, 0x9fc00 },
	{ 1 * MiB, 3 * MiB + 0x123 },
	{ 3 * MiB + 512 * KiB, 9 * MiB },
	{ 4 * GiB - 2 * MiB, 4 * GiB + 1 * MiB },
};
static const struct phys_range random_reserved[] = {
	{ 1 * MiB, 1 * MiB + 256 * KiB },              /* kernel */
	{ 2 * MiB + 5, 2 * MiB + 0x3000 },             /* Multiboot2 information */
	{ 5 * MiB, 5 * MiB + 512 * KiB },              /* modules */
	{ 4 * GiB - 1 * MiB + 0x10, 4 * GiB - 1 * MiB + 0x20 },
};

/* The model's own answer, straight from the ranges: may frame f be handed out? */
static bool model_usable(uint64_t f)
{
	phys_addr_t start = f * FRAME_SIZE, end = start + FRAME_SIZE;
	bool inside = false;

	if (start < 1 * MiB)
		return false;
	for (size_t i = 0; i < N(random_available); i++)
		inside |= random_available[i].start <= start && end <= random_available[i].end;
	for (size_t i = 0; i < N(random_reserved); i++) {
		if (random_reserved[i].start < end && start < random_reserved[i].end)
			return false;
	}
	return inside;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

/* xorshift64: the same sequence on every machine. */
static uint64_t random_below(uint64_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state % n;
}

struct live { phys_addr_t phys; uint64_t count; };

static void test_randomized_against_model(void **state)
{
	(void)state;
	init(random_available, N(random_available), random_reserved, N(random_reserved));

	uint64_t frames = fa.frame_count;
	uint8_t *allocated = calloc(frames, 1);
	uint64_t *usable_list = calloc(frames, sizeof(uint64_t));
	struct live *live = calloc(4096, sizeof(struct live));
	uint64_t usable_count = 0, live_count = 0, live_frames = 0, failures = 0;
	assert_non_null(allocated);
	assert_non_null(usable_list);
	assert_non_null(live);

	for (uint64_t f = 0; f < frames; f++) {
		if (model_usable(f))
			usable_list[usable_count++] = f;
		if (frame_allocator_is_usable(&fa, f * FRAME_SIZE) != model_usable(f))
			fail_msg("frame 0x%llx: usable disagrees with the model", (unsigned long long)f * FRAME_SIZE);
	}
	assert_int_equal(frame_allocator_usable_frames(&fa), usable_count);

	for (int step = 0; step < 20000; step++) {
		if (live_count < 4096 && random_below(100) < 60) {
			static const uint64_t aligns[] = { 1, 1, 1, 2, 4, 8, 16, 512 };
			uint64_t count = 1 + random_below(random_below(4) == 0 ? 64 : 8);
			uint64_t align = aligns[random_below(N(aligns))];
			unsigned flags = random_below(4) == 0 ? FRAME_BELOW_4G : 0;
			uint64_t limit = flags ? (4 * GiB) / FRAME_SIZE : frames;
			phys_addr_t p = frame_allocator_alloc(&fa, count, align, flags);
			if (p == 0) {
				/* Refused: the model must agree that no aligned free run exists. */
				failures++;
				for (uint64_t i = 0; i < usable_count; i++) {
					uint64_t f = usable_list[i], n = 0;
					if (f % align != 0 || f + count > limit)
						continue;
					while (n < count && f + n < frames && model_usable(f + n) && !allocated[f + n])
						n++;
					if (n == count)
						fail_msg("step %d: %llu frames (align %llu) refused, but 0x%llx fits",
							 step, (unsigned long long)count, (unsigned long long)align,
							 (unsigned long long)f * FRAME_SIZE);
				}
				continue;
			}
			uint64_t first = p / FRAME_SIZE;
			assert_int_equal(p % FRAME_SIZE, 0);
			assert_int_equal(first % align, 0);
			assert_true(first + count <= limit);
			for (uint64_t f = first; f < first + count; f++) {
				if (!model_usable(f) || allocated[f])
					fail_msg("step %d: frame 0x%llx handed out but %s", step,
						 (unsigned long long)f * FRAME_SIZE,
						 allocated[f] ? "already allocated" : "not usable");
				allocated[f] = 1;
			}
			live[live_count++] = (struct live){ p, count };
			live_frames += count;
		} else if (live_count > 0) {
			uint64_t i = random_below(live_count);
			struct live l = live[i];
			assert_int_equal(frame_allocator_free(&fa, l.phys, l.count), 0);
			for (uint64_t f = l.phys / FRAME_SIZE; f < l.phys / FRAME_SIZE + l.count; f++)
				allocated[f] = 0;
			live[i] = live[--live_count];
			live_frames -= l.count;
			if (random_below(8) == 0)      /* and now a double free of it */
				assert_int_equal(frame_allocator_free(&fa, l.phys, l.count), FRAME_FREE_DOUBLE);
		}
		assert_int_equal(frame_allocator_usable_frames(&fa), usable_count);
		assert_int_equal(frame_allocator_allocated_frames(&fa), live_frames);
		assert_int_equal(frame_allocator_free_frames(&fa), usable_count - live_frames);
		if (step % 1000 == 0) {
			for (uint64_t i = 0; i < usable_count; i++) {
				uint64_t f = usable_list[i];
				assert_int_equal(frame_allocator_is_free(&fa, f * FRAME_SIZE), !allocated[f]);
			}
		}
	}
	assert_true(failures > 100);            /* memory did run out, many times */

	while (live_count > 0) {
		live_count--;
		assert_int_equal(frame_allocator_free(&fa, live[live_count].phys, live[live_count].count), 0);
	}
	assert_int_equal(frame_allocator_free_frames(&fa), usable_count);
	free(allocated);
	free(usable_list);
	free(live);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regions_with_holes_and_partial_frames),
		cmocka_unit_test(test_reserved_ranges_over_region_edges),
		cmocka_unit_test(test_first_mib_never_handed_out),
		cmocka_unit_test(test_below_4g),
		cmocka_unit_test(test_only_memory_above_4g),
		cmocka_unit_test(test_contiguous_aligned_runs),
		cmocka_unit_test(test_bad_frees_are_detected),
		cmocka_unit_test(test_storage),
		cmocka_unit_test(test_randomized_against_model),
	};
	return cmocka_run_group_tests_name("frame_allocator", tests, NULL, NULL);
}
