/*
 * The Multiboot2 boot information: what GRUB tells the kernel (command line, modules, memory
 * map, framebuffer, firmware tables), checked and copied into a struct mb2_info.
 *
 * The information is a u32 total_size, a u32 reserved, then tags, each starting on an 8-byte
 * boundary with a u32 type and a u32 size (the size counts the tag's 8-byte header but not the
 * padding after it); the last tag is the end tag (type 0, size 8). Values below are the
 * Multiboot2 specification's, version 2.0.
 *
 * Pure: mb2_parse reads only the bytes it was given and is unit-tested on the host.
 */
#ifndef KERNEL_MULTIBOOT2_H
#define KERNEL_MULTIBOOT2_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The value in EAX when a Multiboot2 loader jumps to the kernel. */
#define MB2_BOOTLOADER_MAGIC 0x36d76289u

/* Tag types. */
#define MB2_TAG_END                   0
#define MB2_TAG_CMDLINE               1
#define MB2_TAG_BOOT_LOADER_NAME      2
#define MB2_TAG_MODULE                3
#define MB2_TAG_BASIC_MEMINFO         4
#define MB2_TAG_BOOTDEV               5
#define MB2_TAG_MMAP                  6
#define MB2_TAG_VBE                   7
#define MB2_TAG_FRAMEBUFFER           8
#define MB2_TAG_ELF_SECTIONS          9
#define MB2_TAG_APM                   10
#define MB2_TAG_EFI32                 11
#define MB2_TAG_EFI64                 12
#define MB2_TAG_SMBIOS                13
#define MB2_TAG_ACPI_OLD              14
#define MB2_TAG_ACPI_NEW              15
#define MB2_TAG_NETWORK               16
#define MB2_TAG_EFI_MMAP              17
#define MB2_TAG_EFI_BS                18
#define MB2_TAG_EFI32_IH              19
#define MB2_TAG_EFI64_IH              20
#define MB2_TAG_LOAD_BASE_ADDR        21

/* Memory map entry types. Every other value means reserved. */
#define MB2_MEMORY_AVAILABLE          1
#define MB2_MEMORY_RESERVED           2
#define MB2_MEMORY_ACPI_RECLAIMABLE   3
#define MB2_MEMORY_NVS                4
#define MB2_MEMORY_BADRAM             5

/* Framebuffer types. */
#define MB2_FRAMEBUFFER_TYPE_INDEXED  0
#define MB2_FRAMEBUFFER_TYPE_RGB      1
#define MB2_FRAMEBUFFER_TYPE_EGA_TEXT 2

/* The smallest memory map entry the specification allows (base, length, type, reserved). */
#define MB2_MMAP_ENTRY_MIN_SIZE 24

#define MB2_MAX_MODULES        16
#define MB2_MAX_MEMORY_REGIONS 128

/* A boot module: physical [start, end) and the string GRUB gave it (its command line). */
struct mb2_module {
	uint32_t start;
	uint32_t end;
	const char *string;
};

/* One memory map entry: physical [base, base + length) of the given MB2_MEMORY_* type. */
struct mb2_memory_region {
	uint64_t base;
	uint64_t length;
	uint32_t type;
};

/* The framebuffer: where it is and its shape. type 2 (EGA text) is the VGA text screen. */
struct mb2_framebuffer {
	uint64_t addr;
	uint32_t pitch;
	uint32_t width;
	uint32_t height;
	uint8_t bpp;
	uint8_t type;
};

/*
 * What the kernel uses from the information. Pointers point into the information itself, so it
 * must stay mapped and reserved while they are used.
 */
struct mb2_info {
	/* The information's own bytes: physical [info_phys, info_phys + total_size). */
	uint64_t info_phys;
	uint32_t total_size;

	const char *cmdline;            /* NULL when there is no command-line tag */
	const char *boot_loader_name;   /* NULL when there is none */

	size_t module_count;
	struct mb2_module modules[MB2_MAX_MODULES];

	/*
	 * The memory map, in the loader's order. Entries next to each other in the map that touch
	 * and have the same type are merged into one region.
	 */
	bool has_memory_map;
	size_t memory_region_count;
	struct mb2_memory_region memory_regions[MB2_MAX_MEMORY_REGIONS];

	bool has_basic_meminfo;
	uint32_t mem_lower_kib;         /* memory below 1 MiB */
	uint32_t mem_upper_kib;         /* memory from 1 MiB to the first hole */

	bool has_framebuffer;
	struct mb2_framebuffer framebuffer;

	bool has_efi_system_table;      /* booted from UEFI */
	uint64_t efi_system_table;      /* its physical address (tag 11 or 12) */
	bool efi_boot_services_active;  /* tag 18: the loader left boot services running */

	const void *acpi_rsdp;          /* the loader's copy of the RSDP; NULL when none */
	uint32_t acpi_rsdp_size;
	bool acpi_rsdp_is_v2;           /* from tag 15 (ACPI 2.0+), which wins over tag 14 */

	bool has_load_base_addr;
	uint32_t load_base_addr;        /* where the loader put the image (tag 21) */

	unsigned tag_count;             /* tags before the end tag */
	unsigned unknown_tag_count;     /* tags of a type this file does not know, skipped */
};

/*
 * Check the information at info (physical address info_phys, of which available_bytes may be
 * read) and fill *out. Nothing is read before it is known to lie inside total_size and
 * available_bytes. Returns 0, or -1 with a message for a person in error (when error_len > 0),
 * in the form "multiboot2: <what>" or, for a tag,
 * "multiboot2: <tag name> tag (type N) at offset 0xOFF: <what>".
 */
int mb2_parse(const void *info, uint64_t info_phys, size_t available_bytes, struct mb2_info *out,
	      char *error, size_t error_len);

/* "available", "reserved", "ACPI reclaimable", "ACPI NVS", "bad RAM"; "reserved" otherwise. */
const char *mb2_memory_type_name(uint32_t type);

/* The specification's name for a tag type ("memory map", "module"...); "unknown" otherwise. */
const char *mb2_tag_name(uint32_t type);

#endif
