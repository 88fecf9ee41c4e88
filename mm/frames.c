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

static struct frame_allocator allocator;

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
	if (highest > DIRECT_MAP_BOOT_LIMIT && direct_map_extend(highest) < highest)
		panic("frames: could not direct-map memory up to 0x%llx", (unsigned long long)highest);

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
