/*
 * The physical frame allocator (see frame_allocator.h): two bitmaps over frame numbers, and a
 * few range operations on them.
 */
#include "mm/frame_allocator.h"

#define FRAMES_BELOW_4G ((1ull << 32) >> FRAME_SHIFT)

/* ---- bitmaps ---- */

static uint64_t words_for(uint64_t bits)
{
	return (bits + 63) / 64;
}

static bool test_bit(const uint64_t *map, uint64_t i)
{
	return (map[i / 64] >> (i % 64)) & 1;
}

static void put_bit(uint64_t *map, uint64_t i, bool value)
{
	if (value)
		map[i / 64] |= 1ull << (i % 64);
	else
		map[i / 64] &= ~(1ull << (i % 64));
}

/* Set bits [first, end) of map to value: bit by bit at the edges, whole words between. */
static void put_bits(uint64_t *map, uint64_t first, uint64_t end, bool value)
{
	for (; first < end && first % 64 != 0; first++)
		put_bit(map, first, value);
	for (; first < end && end - first >= 64; first += 64)
		map[first / 64] = value ? ~0ull : 0;
	for (; first < end; first++)
		put_bit(map, first, value);
}

/* The first bit in [from, to) of map that equals value, or to when there is none. */
static uint64_t find_bit(const uint64_t *map, uint64_t from, uint64_t to, bool value)
{
	while (from < to) {
		uint64_t word = value ? map[from / 64] : ~map[from / 64];
		word &= ~0ull << (from % 64);
		if (word != 0) {
			uint64_t bit = from / 64 * 64 + (uint64_t)__builtin_ctzll(word);
			return bit < to ? bit : to;
		}
		from = (from / 64 + 1) * 64;
	}
	return to;
}

/* The number of set bits in words [0, n) of map. */
static uint64_t count_bits(const uint64_t *map, uint64_t n)
{
	uint64_t count = 0;
	for (uint64_t i = 0; i < n; i++) {
		for (uint64_t word = map[i]; word != 0; word &= word - 1)
			count++;
	}
	return count;
}

/* ---- frame arithmetic ---- */

/* The first frame wholly at or after addr. */
static uint64_t frame_up(phys_addr_t addr)
{
	return addr / FRAME_SIZE + (addr % FRAME_SIZE != 0);
}

/* The frame holding addr (so frames [.., frame_down(end)) end at or before end). */
static uint64_t frame_down(phys_addr_t addr)
{
	return addr / FRAME_SIZE;
}

static uint64_t round_up(uint64_t n, uint64_t multiple)
{
	return (n + multiple - 1) / multiple * multiple;
}

/* One past the last frame wholly inside any available region. */
static uint64_t managed_frames(const struct phys_range *available, size_t n_available)
{
	uint64_t end = 0;
	for (size_t i = 0; i < n_available; i++) {
		if (available[i].end > available[i].start && frame_down(available[i].end) > end)
			end = frame_down(available[i].end);
	}
	return end;
}

/* ---- set-up ---- */

/* See frame_allocator.h. */
size_t frame_allocator_storage_bytes(const struct phys_range *available, size_t n_available)
{
	return 2 * words_for(managed_frames(available, n_available)) * sizeof(uint64_t);
}

/* The first reserved range that overlaps frames [first, end), or NULL. */
static const struct phys_range *reserved_overlap(const struct phys_range *reserved,
						 size_t n_reserved, uint64_t first, uint64_t end)
{
	for (size_t i = 0; i < n_reserved; i++) {
		if (reserved[i].end > reserved[i].start && frame_down(reserved[i].start) < end &&
		    frame_up(reserved[i].end) > first)
			return &reserved[i];
	}
	return NULL;
}

/* See frame_allocator.h. */
int frame_allocator_find_storage(const struct phys_range *available, size_t n_available,
				 const struct phys_range *reserved, size_t n_reserved,
				 size_t bytes, phys_addr_t limit, phys_addr_t *phys)
{
	uint64_t need = frame_up(bytes);
	uint64_t best = UINT64_MAX;

	for (size_t i = 0; i < n_available; i++) {
		uint64_t first = frame_up(available[i].start);
		uint64_t end = frame_down(available[i].end);
		if (first < frame_down(FRAME_ALLOCATOR_LOW_LIMIT))
			first = frame_down(FRAME_ALLOCATOR_LOW_LIMIT);
		if (end > frame_down(limit))
			end = frame_down(limit);
		while (first < end && need <= end - first) {
			const struct phys_range *r =
				reserved_overlap(reserved, n_reserved, first, first + need);
			if (r == NULL) {
				if (first < best)
					best = first;
				break;
			}
			first = frame_up(r->end);
		}
	}
	if (best == UINT64_MAX)
		return -1;
	*phys = best * FRAME_SIZE;
	return 0;
}

/* See frame_allocator.h. */
int frame_allocator_init(struct frame_allocator *fa,
			 const struct phys_range *available, size_t n_available,
			 const struct phys_range *reserved, size_t n_reserved,
			 void *bitmap_storage, size_t storage_bytes)
{
	uint64_t frames = managed_frames(available, n_available);
	uint64_t words = words_for(frames);

	if (storage_bytes < frame_allocator_storage_bytes(available, n_available))
		return -1;
	if (words > 0 && bitmap_storage == NULL)
		return -1;
	if ((uintptr_t)bitmap_storage % sizeof(uint64_t) != 0)
		return -1;

	*fa = (struct frame_allocator){
		.usable = bitmap_storage,
		.free = (uint64_t *)bitmap_storage + words,
		.frame_count = frames,
	};
	put_bits(fa->usable, 0, words * 64, false);
	for (size_t i = 0; i < n_available; i++) {
		uint64_t first = frame_up(available[i].start);
		uint64_t end = frame_down(available[i].end);
		if (first < frame_down(FRAME_ALLOCATOR_LOW_LIMIT))
			first = frame_down(FRAME_ALLOCATOR_LOW_LIMIT);
		if (first < end)
			put_bits(fa->usable, first, end, true);
	}
	for (size_t i = 0; i < n_reserved; i++) {
		uint64_t first = frame_down(reserved[i].start);
		uint64_t end = frame_up(reserved[i].end);
		if (end > frames)
			end = frames;
		if (reserved[i].end > reserved[i].start && first < end)
			put_bits(fa->usable, first, end, false);
	}
	for (uint64_t i = 0; i < words; i++)
		fa->free[i] = fa->usable[i];
	fa->usable_frames = count_bits(fa->usable, words);
	fa->free_frames = fa->usable_frames;
	fa->hint = find_bit(fa->free, 0, frames, true);
	return 0;
}

/* ---- allocation ---- */

/* See frame_allocator.h. */
phys_addr_t frame_allocator_alloc(struct frame_allocator *fa, uint64_t count,
				  uint64_t align_frames, unsigned flags)
{
	uint64_t limit = fa->frame_count;
	uint64_t first = fa->hint;

	if ((flags & FRAME_BELOW_4G) && limit > FRAMES_BELOW_4G)
		limit = FRAMES_BELOW_4G;
	if (align_frames == 0)
		align_frames = 1;
	if (count == 0)
		return 0;
	for (;;) {
		first = round_up(find_bit(fa->free, first, limit, true), align_frames);
		if (first >= limit || count > limit - first)
			return 0;
		uint64_t taken = find_bit(fa->free, first, first + count, false);
		if (taken == first + count)
			break;
		first = taken + 1;
	}
	put_bits(fa->free, first, first + count, false);
	fa->free_frames -= count;
	fa->hint = find_bit(fa->free, fa->hint, fa->frame_count, true);
	return first * FRAME_SIZE;
}

/* See frame_allocator.h. */
int frame_allocator_free(struct frame_allocator *fa, phys_addr_t phys, uint64_t count)
{
	uint64_t first = phys / FRAME_SIZE;

	if (phys % FRAME_SIZE != 0)
		return FRAME_FREE_MISALIGNED;
	if (first >= fa->frame_count || count > fa->frame_count - first)
		return FRAME_FREE_FOREIGN;
	if (find_bit(fa->usable, first, first + count, false) != first + count)
		return FRAME_FREE_FOREIGN;
	if (find_bit(fa->free, first, first + count, true) != first + count)
		return FRAME_FREE_DOUBLE;
	put_bits(fa->free, first, first + count, true);
	fa->free_frames += count;
	if (first < fa->hint)
		fa->hint = first;
	return 0;
}

/* See frame_allocator.h. */
const char *frame_allocator_free_error_text(int error)
{
	switch (error) {
	case 0:                     return "no error";
	case FRAME_FREE_MISALIGNED: return "the address is not on a 4 KiB frame boundary";
	case FRAME_FREE_FOREIGN:
		return "not a usable frame (reserved, not RAM, or beyond the managed range)";
	case FRAME_FREE_DOUBLE:     return "double free: the frame is not allocated";
	default:                    return "unknown error";
	}
}

/* ---- queries ---- */

/* See frame_allocator.h. */
bool frame_allocator_is_usable(const struct frame_allocator *fa, phys_addr_t phys)
{
	uint64_t frame = phys / FRAME_SIZE;
	return frame < fa->frame_count && test_bit(fa->usable, frame);
}

/* See frame_allocator.h. */
bool frame_allocator_is_free(const struct frame_allocator *fa, phys_addr_t phys)
{
	uint64_t frame = phys / FRAME_SIZE;
	return frame < fa->frame_count && test_bit(fa->free, frame);
}

/* See frame_allocator.h. */
uint64_t frame_allocator_usable_frames(const struct frame_allocator *fa)
{
	return fa->usable_frames;
}

/* See frame_allocator.h. */
uint64_t frame_allocator_free_frames(const struct frame_allocator *fa)
{
	return fa->free_frames;
}

/* See frame_allocator.h. */
uint64_t frame_allocator_allocated_frames(const struct frame_allocator *fa)
{
	return fa->usable_frames - fa->free_frames;
}
