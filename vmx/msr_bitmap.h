/*
 * The MSR bitmaps (SDM Vol. 3, 25.6.9 "MSR-Bitmap Address"): with "use MSR bitmaps" on, an
 * RDMSR/WRMSR exits when the MSR's bit is 1. One 4 KiB frame holds four 1 KiB bitmaps:
 *   0x000 read-low   MSRs 0x00000000-0x00001FFF
 *   0x400 read-high  MSRs 0xC0000000-0xC0001FFF
 *   0x800 write-low  MSRs 0x00000000-0x00001FFF
 *   0xC00 write-high MSRs 0xC0000000-0xC0001FFF
 * An access to any other MSR always exits (27.1.3), so it has no bit: setting it is an error
 * the caller gets back, and the query answers "intercepted". Pure: only frames.
 */
#ifndef VMX_MSR_BITMAP_H
#define VMX_MSR_BITMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/frames.h"

#define MSR_BITMAP_LOW_FIRST   0x00000000u
#define MSR_BITMAP_HIGH_FIRST  0xC0000000u
#define MSR_BITMAP_RANGE_SIZE  0x2000u     /* MSRs in each range */

#define MSR_BITMAP_READ_LOW    0x000u      /* byte offsets of the four bitmaps */
#define MSR_BITMAP_READ_HIGH   0x400u
#define MSR_BITMAP_WRITE_LOW   0x800u
#define MSR_BITMAP_WRITE_HIGH  0xC00u

enum msr_bitmap_init {
	MSR_BITMAP_PASS_ALL,      /* all zeros: no access to a covered MSR exits */
	MSR_BITMAP_INTERCEPT_ALL, /* all ones: every access exits */
};

enum msr_access {
	MSR_ACCESS_READ = 1 << 0,
	MSR_ACCESS_WRITE = 1 << 1,
	MSR_ACCESS_READ_WRITE = MSR_ACCESS_READ | MSR_ACCESS_WRITE,
};

struct msr_bitmap {
	phys_addr_t frame; /* for VMCS_MSR_BITMAP */
};

/* One frame, initialised as asked. Returns 0, or -1 when memory is short. */
int msr_bitmap_create(struct msr_bitmap *bitmap, enum msr_bitmap_init init);
void msr_bitmap_destroy(struct msr_bitmap *bitmap);

/*
 * Make the given accesses (read, write or both) to msr exit or not. Returns 0, or -1 (nothing
 * changed) for an MSR outside both ranges: such accesses always exit.
 */
int msr_bitmap_set(struct msr_bitmap *bitmap, uint32_t msr, enum msr_access access, bool intercept);

/* Whether an access of this kind (read or write) to msr exits; true outside both ranges. */
bool msr_bitmap_intercepts(const struct msr_bitmap *bitmap, uint32_t msr, enum msr_access access);

/* Whether msr lies in one of the two ranges the bitmaps cover. */
bool msr_bitmap_covers(uint32_t msr);

#endif
