/* The four MSR bitmaps in one frame (SDM Vol. 3, 25.6.9); see msr_bitmap.h. */
#include "vmx/msr_bitmap.h"

#include <string.h>

#define BITS_PER_BYTE 8
#define ALL_ONES      0xFF

/* The MSR's bit number within its range, or false when it is in neither range. */
static bool range_index(uint32_t msr, bool *high, uint32_t *index)
{
	if (msr - MSR_BITMAP_LOW_FIRST < MSR_BITMAP_RANGE_SIZE) {
		*high = false;
		*index = msr - MSR_BITMAP_LOW_FIRST;
		return true;
	}
	if (msr - MSR_BITMAP_HIGH_FIRST < MSR_BITMAP_RANGE_SIZE) {
		*high = true;
		*index = msr - MSR_BITMAP_HIGH_FIRST;
		return true;
	}
	return false;
}

/* For callers deciding whether an MSR can be passed through at all. */
bool msr_bitmap_covers(uint32_t msr)
{
	bool high;
	uint32_t index;
	return range_index(msr, &high, &index);
}

/* Offset of the bitmap for one kind of access (read or write, not both) to the low/high range. */
static uint32_t bitmap_offset(enum msr_access one_access, bool high)
{
	if (one_access == MSR_ACCESS_READ)
		return high ? MSR_BITMAP_READ_HIGH : MSR_BITMAP_READ_LOW;
	return high ? MSR_BITMAP_WRITE_HIGH : MSR_BITMAP_WRITE_LOW;
}

/* The byte holding the bit of one_access to the MSR at index in its range. */
static uint8_t *msr_byte(const struct msr_bitmap *bitmap, enum msr_access one_access, bool high,
			 uint32_t index)
{
	uint8_t *base = phys_to_virt(bitmap->frame);
	return base + bitmap_offset(one_access, high) + index / BITS_PER_BYTE;
}

int msr_bitmap_create(struct msr_bitmap *bitmap, enum msr_bitmap_init init)
{
	bitmap->frame = frame_alloc(FRAME_ZEROED);
	if (!bitmap->frame)
		return -1;
	if (init == MSR_BITMAP_INTERCEPT_ALL)
		memset(phys_to_virt(bitmap->frame), ALL_ONES, FRAME_SIZE);
	return 0;
}

void msr_bitmap_destroy(struct msr_bitmap *bitmap)
{
	if (bitmap->frame)
		frame_free(bitmap->frame);
	bitmap->frame = 0;
}

/* Read and write bits live in different quarters; set each one asked for. */
int msr_bitmap_set(struct msr_bitmap *bitmap, uint32_t msr, enum msr_access access, bool intercept)
{
	static const enum msr_access kinds[] = { MSR_ACCESS_READ, MSR_ACCESS_WRITE };
	bool high;
	uint32_t index;

	if (!range_index(msr, &high, &index))
		return -1;
	uint8_t mask = (uint8_t)(1u << (index % BITS_PER_BYTE));
	for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!(access & kinds[i]))
			continue;
		uint8_t *byte = msr_byte(bitmap, kinds[i], high, index);
		*byte = intercept ? (uint8_t)(*byte | mask) : (uint8_t)(*byte & ~mask);
	}
	return 0;
}

/* For MSR_ACCESS_READ_WRITE: whether either kind of access exits. */
bool msr_bitmap_intercepts(const struct msr_bitmap *bitmap, uint32_t msr, enum msr_access access)
{
	bool high;
	uint32_t index;

	if (!range_index(msr, &high, &index))
		return true;
	uint8_t mask = (uint8_t)(1u << (index % BITS_PER_BYTE));
	bool exits = false;
	if (access & MSR_ACCESS_READ)
		exits |= (*msr_byte(bitmap, MSR_ACCESS_READ, high, index) & mask) != 0;
	if (access & MSR_ACCESS_WRITE)
		exits |= (*msr_byte(bitmap, MSR_ACCESS_WRITE, high, index) & mask) != 0;
	return exits;
}
