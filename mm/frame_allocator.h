/*
 * The physical frame allocator: which 4 KiB frames of RAM are free, as a bitmap.
 *
 * It manages frames [0, the end of the highest available region). A frame is usable when it
 * lies wholly inside an available region (Multiboot2 type 1; a region's partial frames at
 * either end are not usable), is not touched by any reserved range (kernel image, Multiboot2
 * information, modules, the bitmap's own storage...), and is not below 1 MiB (real-mode
 * tables, BIOS data, VGA memory and ROMs live there, and frame 0 is how "none" is said).
 * Usable frames are free until allocated.
 *
 * Two bitmaps, one bit a frame: "usable" (fixed at init) and "free". Allocation is first fit
 * from a hint below which no frame is free, so taking one frame is quick. The allocator does
 * not touch the memory it manages; zeroing is the caller's (mm/frames.c, through the direct
 * map). Pure: unit-tested on the host.
 */
#ifndef MM_FRAME_ALLOCATOR_H
#define MM_FRAME_ALLOCATOR_H

#include "mm/frames.h"

/* A physical range [start, end). */
struct phys_range {
	phys_addr_t start;
	phys_addr_t end;
};

/* Frames below this are never usable. */
#define FRAME_ALLOCATOR_LOW_LIMIT (1ull << 20)

struct frame_allocator {
	uint64_t *usable;          /* bit i: frame i may be handed out */
	uint64_t *free;            /* bit i: frame i is usable and not handed out */
	uint64_t frame_count;      /* frames [0, frame_count) are managed */
	uint64_t usable_frames;
	uint64_t free_frames;
	uint64_t hint;             /* no frame below this is free */
};

/* What frame_allocator_free found wrong; 0 is success. */
enum frame_free_error {
	FRAME_FREE_MISALIGNED = -1, /* the address is not on a frame boundary */
	FRAME_FREE_FOREIGN = -2,    /* some frame was never usable, or is not managed at all */
	FRAME_FREE_DOUBLE = -3,     /* some frame is usable but not allocated: freed twice */
};

/* The bytes of bitmap storage frame_allocator_init needs for these available regions. */
size_t frame_allocator_storage_bytes(const struct phys_range *available, size_t n_available);

/*
 * Find bytes of physical memory (rounded up to whole frames) for the bitmap storage: the
 * lowest frame-aligned place inside one available region, at or above 1 MiB, ending at or
 * below limit, and clear of every reserved range. Returns 0 and *phys, or -1 if none fits.
 * The caller reserves what it takes, for frame_allocator_init.
 */
int frame_allocator_find_storage(const struct phys_range *available, size_t n_available,
				 const struct phys_range *reserved, size_t n_reserved,
				 size_t bytes, phys_addr_t limit, phys_addr_t *phys);

/*
 * Set up fa over the available regions minus the reserved ranges (either may overlap others
 * and be unaligned), with its bitmaps in storage (8-byte aligned, storage_bytes at least
 * frame_allocator_storage_bytes). Returns 0, or -1 when the storage is missing or too small.
 */
int frame_allocator_init(struct frame_allocator *fa,
			 const struct phys_range *available, size_t n_available,
			 const struct phys_range *reserved, size_t n_reserved,
			 void *bitmap_storage, size_t storage_bytes);

/*
 * Allocate count contiguous free frames, the first on a multiple of align_frames frames (0 or
 * 1: any), wholly below 4 GiB when flags has FRAME_BELOW_4G (other flags are the caller's).
 * Returns the physical address of the first, or 0 when no such run is free.
 */
phys_addr_t frame_allocator_alloc(struct frame_allocator *fa, uint64_t count,
				  uint64_t align_frames, unsigned flags);

/*
 * Give back count frames from phys. Every frame is checked before any is freed: returns 0, or
 * a negative enum frame_free_error (and frees nothing).
 */
int frame_allocator_free(struct frame_allocator *fa, phys_addr_t phys, uint64_t count);

/* What a frame_allocator_free error means, for a panic message. */
const char *frame_allocator_free_error_text(int error);

/* Is the frame holding phys one the allocator may hand out (free or not)? Is it free now? */
bool frame_allocator_is_usable(const struct frame_allocator *fa, phys_addr_t phys);
bool frame_allocator_is_free(const struct frame_allocator *fa, phys_addr_t phys);

/* Counters, in frames: usable = free + allocated. */
uint64_t frame_allocator_usable_frames(const struct frame_allocator *fa);
uint64_t frame_allocator_free_frames(const struct frame_allocator *fa);
uint64_t frame_allocator_allocated_frames(const struct frame_allocator *fa);

#endif
