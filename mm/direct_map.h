/* The direct map: all physical memory at DIRECT_MAP_BASE + phys (mm/direct_map.c). */
#ifndef MM_DIRECT_MAP_H
#define MM_DIRECT_MAP_H

#include "mm/frames.h"

/* What the boot page tables map: the first 4 GiB. */
#define DIRECT_MAP_BOOT_LIMIT (4ull << 30)
/* What one PDPT of 2 MiB pages can map, the most the direct map covers. */
#define DIRECT_MAP_MAX_LIMIT (512ull << 30)

/*
 * Map physical [DIRECT_MAP_BOOT_LIMIT, limit) too, in 2 MiB pages, taking page-directory
 * frames (below 4 GiB) from the frame allocator. Returns the limit now mapped.
 */
phys_addr_t direct_map_extend(phys_addr_t limit);

/*
 * Unmap the page at physical address phys in both views of the first 4 GiB (identity and
 * direct map share their page directories), splitting its 2 MiB page into 4 KiB pages with a
 * page-table frame from the allocator. For guard pages: page 0, so that a NULL pointer faults,
 * and the page below the boot stack, so that an overflow faults (and is reported as a double
 * fault on its own stack) instead of overwriting what lies below. Returns 0, or -1 when no
 * frame is left.
 */
int direct_map_unmap_page(phys_addr_t phys);

#endif
