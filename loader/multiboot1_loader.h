/*
 * Loading a Multiboot (version 0.6.96) kernel as the guest: an ELF32 or ELF64 file, or any
 * file whose Multiboot header carries the a.out-kludge address fields. Pure: it writes guest
 * RAM and describes the entry state; the VM set-up does the rest.
 *
 * The loader's own data sits in the boot information area, guest-physical [0x8000, 0x10000),
 * which the image must not overlap:
 *
 *   0x8000  the information structure (EBX points here)
 *   0x8100  the memory map, three entries
 *   0x8200  the boot loader name, "vmxhv"
 *   0x8400  the command line, up to 0x7BFF bytes and a NUL
 *
 * The memory map describes guest RAM as a PC's: [0, 0x9FC00) available (mem_lower 639 KiB),
 * [0x9FC00, 0x100000) reserved (EBDA, video memory, ROMs), [0x100000, RAM size) available
 * (mem_upper). Guest RAM must be larger than 1 MiB.
 *
 * The header's requirement flags: bit 0 (page-align modules) holds trivially, as the guest
 * gets no modules; bit 1 (memory information) is always given; bit 2 (video mode) is a
 * request we decline, as a boot loader may, since the guest has no framebuffer; bit 16 selects
 * the a.out-kludge fields over the ELF headers. Any other bit of 0-15 is refused.
 */
#ifndef LOADER_MULTIBOOT1_LOADER_H
#define LOADER_MULTIBOOT1_LOADER_H

#include <stdbool.h>
#include <stddef.h>

#include "loader/guest_boot.h"
#include "mm/guest_ram.h"

#define MB1_INFO_AREA_START   0x8000u
#define MB1_INFO_AREA_END     0x10000u
#define MB1_INFO_ADDR         0x8000u
#define MB1_MMAP_ADDR         0x8100u
#define MB1_LOADER_NAME_ADDR  0x8200u
#define MB1_CMDLINE_ADDR      0x8400u
#define MB1_CMDLINE_MAX       (MB1_INFO_AREA_END - MB1_CMDLINE_ADDR - 1)

#define MB1_LOADER_NAME       "vmxhv"
#define MB1_LOWER_MEMORY_END  0x9FC00u
#define MB1_UPPER_MEMORY_BASE 0x100000u

/* Whether image has a valid Multiboot header where one must be: the first 8192 bytes. */
bool multiboot1_probe(const void *image, size_t image_size);

/*
 * Load image into ram, write the boot information with cmdline (NULL: empty) as the command
 * line, and describe the entry state in *out: 32-bit flat protected mode, EIP the entry point,
 * EAX 0x2BADB002, EBX the information structure. Returns 0, or -1 with one line in error
 * saying what is wrong with the image.
 */
int multiboot1_load(const void *image, size_t image_size, const char *cmdline,
		    const struct guest_ram *ram, struct guest_boot_state *out,
		    char *error, size_t error_len);

#endif
