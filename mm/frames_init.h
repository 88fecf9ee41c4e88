/* Bringing up physical memory management from the boot information (mm/frames.c). */
#ifndef MM_FRAMES_INIT_H
#define MM_FRAMES_INIT_H

#include "kernel/multiboot2.h"

/*
 * Build the frame allocator over the memory map's available regions, keeping out the first
 * MiB, the kernel image, the boot information and every module; extend the direct map over
 * all of it; print the totals. Stops the kernel when there is no memory to manage.
 */
void frames_init(const struct mb2_info *info);

#endif
