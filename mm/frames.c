/*
 * The kernel's side of the frame interface (mm/frames.h): one frame allocator over the
 * firmware's memory map, zeroing through the direct map, and a panic on a bad free, which is
 * always a kernel bug.
 */
#include "mm/frames.h"
#include "mm/frames_init.h"
#include "mm/direct_map.h"
#include "mm/frame_allocator.h"
#include "kernel/layout.h"
#include "kernel/log.h"
#include "kernel/panic.h"
#include "kernel/stop.h"

#include <string.h>

#define MAX_RESERVED (MB2_MAX_MODULES + 4)
#define MIB          (1ull << 20)
#define GIB          (1ull << 30)
#define CANARY       0x766D786876000000ull /* "vmxhv", XORed with the frame's address */

static struct frame_allocator allocator;
extern char boot_stack_guard[]; /* boot/entry.asm: the page below the boot stack */

static size_t available_ranges(const struct mb2_info *info, struct phys_range *out)
{
	size_t n = 0;
	for (size_t i = 0; i < info->memory_region_count; i++) {
		const struct mb2_memory_region *r = &info->memory_regions[i];
		if (r->type != MB2_MEMORY_AVAILABLE || r->base >= DIRECT_MAP_MAX_LIMIT)
			continue;
		uint64_t end = r->base + r->length;
		out[n++] = (struct phys_range){ r->base, end < DIRECT_MAP_MAX_LIMIT ? end : DIRECT_MAP_MAX_LIMIT };
	}
	return n;
}

/* What must never be handed out besides the first MiB: us, GRUB's information, the modules. */
static size_t reserved_ranges(const struct mb2_info *info, struct phys_range *out)
{
	size_t n = 0;
	out[n++] = (struct phys_range){ (phys_addr_t)kernel_image_start, (phys_addr_t)kernel_image_end };
	out[n++] = (struct phys_range){ info->info_phys, info->info_phys + info->total_size };
	for (size_t i = 0; i < info->module_count; i++)
		out[n++] = (struct phys_range){ info->modules[i].start, info->modules[i].end };
	return n;
}

/* The highest usable frame in [low, high), or 0 when there is none. */
static phys_addr_t top_usable_frame(phys_addr_t low, phys_addr_t high)
{
	for (phys_addr_t frame = (high - 1) & ~(FRAME_SIZE - 1); frame >= low; frame -= FRAME_SIZE)
		if (frame_allocator_is_usable(&allocator, frame))
			return frame;
	return 0;
}

/*
 * Prove the direct map above 4 GiB by use: write a canary that names its own address into the
 * top usable frame of every GiB there, then read them all back. A missing page directory
 * faults; one that maps the wrong GiB makes two of them land on the same memory.
 */
static void check_direct_map(phys_addr_t end)
{
	enum { MAX_CHECKED = DIRECT_MAP_MAX_LIMIT / GIB };
	phys_addr_t frames[MAX_CHECKED];
	uint64_t saved[MAX_CHECKED];
	unsigned n = 0;

	for (phys_addr_t low = DIRECT_MAP_BOOT_LIMIT; low < end && n < MAX_CHECKED; low += GIB) {
		phys_addr_t frame = top_usable_frame(low, low + GIB < end ? low + GIB : end);
		if (!frame)
			continue;
		frames[n] = frame;
		saved[n] = *(volatile uint64_t *)phys_to_virt(frame);
		*(volatile uint64_t *)phys_to_virt(frame) = CANARY ^ frame;
		n++;
	}
	for (unsigned i = 0; i < n; i++) {
		volatile uint64_t *word = phys_to_virt(frames[i]);
		if (*word != (CANARY ^ frames[i]))
			panic("frames: the direct map does not reach frame 0x%llx",
			      (unsigned long long)frames[i]);
		*word = saved[i];
	}
	if (n)
		log_info("frames: direct map above 4 GiB checked at %u frames, the last 0x%llx", n,
			 (unsigned long long)frames[n - 1]);
}

void frames_init(const struct mb2_info *info)
{
	struct phys_range available[MB2_MAX_MEMORY_REGIONS], reserved[MAX_RESERVED];
	size_t n_available = available_ranges(info, available);
	size_t n_reserved = reserved_ranges(info, reserved);
	size_t bytes = frame_allocator_storage_bytes(available, n_available);
	phys_addr_t storage;

	if (frame_allocator_find_storage(available, n_available, reserved, n_reserved, bytes,
					 DIRECT_MAP_BOOT_LIMIT, &storage) != 0) {
		log_error("frames: no room for the allocator's %zu-byte bitmap in available memory", bytes);
		kernel_stop(STOP_FAILURE, "no usable memory");
	}
	reserved[n_reserved++] = (struct phys_range){ storage, storage + bytes };
	if (frame_allocator_init(&allocator, available, n_available, reserved, n_reserved,
				 phys_to_virt(storage), bytes) != 0)
		panic("frames: the allocator refused its own storage");

	phys_addr_t highest = 0;
	for (size_t i = 0; i < n_available; i++)
		if (available[i].end > highest)
			highest = available[i].end;
	if (highest > DIRECT_MAP_BOOT_LIMIT) {
		if (direct_map_extend(highest) < highest)
			panic("frames: could not direct-map memory up to 0x%llx",
			      (unsigned long long)highest);
		check_direct_map(highest);
	}

	/* The boot code runs below 2 MiB with its stack above its page tables: fault, not
	 * corrupt, on a NULL pointer or a stack overflow. */
	if (direct_map_unmap_page(0) != 0 || direct_map_unmap_page((phys_addr_t)boot_stack_guard) != 0)
		panic("frames: no frame left for the guard pages' page table");

	uint64_t usable = frame_allocator_usable_frames(&allocator);
	log_info("frames: %llu usable (%llu MiB), %llu free; bitmap of %zu bytes at 0x%llx",
		 (unsigned long long)usable, (unsigned long long)(usable * FRAME_SIZE / MIB),
		 (unsigned long long)frame_allocator_free_frames(&allocator), bytes,
		 (unsigned long long)storage);
}

phys_addr_t frame_alloc_contiguous(uint64_t count, uint64_t align_frames, unsigned flags)
{
	phys_addr_t first = frame_allocator_alloc(&allocator, count, align_frames, flags);
	if (first && (flags & FRAME_ZEROED))
		memset(phys_to_virt(first), 0, count * FRAME_SIZE);
	return first;
}

phys_addr_t frame_alloc(unsigned flags)
{
	return frame_alloc_contiguous(1, 1, flags);
}

void frame_free_contiguous(phys_addr_t first, uint64_t count)
{
	int error = frame_allocator_free(&allocator, first, count);
	if (error)
		panic("frames: freeing %llu frame(s) at 0x%llx: %s", (unsigned long long)count,
		      (unsigned long long)first, frame_allocator_free_error_text(error));
}

void frame_free(phys_addr_t frame)
{
	frame_free_contiguous(frame, 1);
}
