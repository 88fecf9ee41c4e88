/* Where things are: the kernel's virtual layout (boot/layout.inc keeps the same values). */
#ifndef KERNEL_LAYOUT_H
#define KERNEL_LAYOUT_H

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_TSS         0x18

/* Physical memory is mapped at DIRECT_MAP_BASE + phys (PML4 slot 256). */
#define DIRECT_MAP_BASE 0xFFFF800000000000ull

/* The kernel image, from the linker script. */
extern char kernel_image_start[], kernel_image_end[];

#endif
