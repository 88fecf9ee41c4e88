/*
 * The frame interface: how code that needs physical memory (VMX regions, bitmaps, EPT tables,
 * guest RAM) gets it, one 4 KiB frame or a contiguous run at a time.
 *
 * The kernel implements it over its boot frame allocator (mm/frames.c). Host unit tests link
 * their own implementation over ordinary memory (tests/unit/support/fake_frames.c), the way the
 * seed's AxVCpuHal lets a test supply frames. Code above this interface never knows which.
 */
#ifndef MM_FRAMES_H
#define MM_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t phys_addr_t;

#define FRAME_SHIFT 12
#define FRAME_SIZE  (1ull << FRAME_SHIFT)

enum frame_flags {
	FRAME_ZEROED   = 1u << 0, /* fill the frames with zeros before handing them out */
	FRAME_BELOW_4G = 1u << 1, /* end below 4 GiB (VMX regions when IA32_VMX_BASIC[48] = 1) */
};

/* One frame, or 0 when none is left: frame 0 is never handed out. */
phys_addr_t frame_alloc(unsigned flags);

/* count contiguous frames, the first on a multiple of align_frames frames; 0 when none fit. */
phys_addr_t frame_alloc_contiguous(uint64_t count, uint64_t align_frames, unsigned flags);

/* Give frames back. Freeing a frame twice, or one never handed out, is a fatal bug. */
void frame_free(phys_addr_t frame);
void frame_free_contiguous(phys_addr_t first, uint64_t count);

/* The direct map: where the kernel reaches any physical address. */
void *phys_to_virt(phys_addr_t phys);
phys_addr_t virt_to_phys(const void *virt);

#endif
