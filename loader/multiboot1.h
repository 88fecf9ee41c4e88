/*
 * The Multiboot Specification, version 0.6.96: the header a Multiboot kernel carries, the
 * information structure a boot loader hands it, and the machine state it is entered in.
 * Names follow the specification's sections 3.1 (header), 3.2 (machine state), 3.3 (boot
 * information). All fields are little-endian; structures are laid out as the spec's tables.
 */
#ifndef LOADER_MULTIBOOT1_H
#define LOADER_MULTIBOOT1_H

#include <stdint.h>

/* 3.1: the header, within the first 8192 bytes of the image, 32-bit aligned. */
#define MB1_HEADER_MAGIC  0x1BADB002u
#define MB1_SEARCH_LIMIT  8192
#define MB1_HEADER_ALIGN  4

/* 3.1.2: header flags. Bits 0-15 are requirements: a loader that cannot honour one refuses. */
#define MB1_HEADER_PAGE_ALIGN  (1u << 0)  /* align boot modules on 4 KiB pages */
#define MB1_HEADER_MEMORY_INFO (1u << 1)  /* mem_* and mmap_* fields must be provided */
#define MB1_HEADER_VIDEO_MODE  (1u << 2)  /* the video mode fields request a mode */
#define MB1_HEADER_AOUT_KLUDGE (1u << 16) /* the address fields (offsets 12-28) are valid */
#define MB1_HEADER_REQUIRED_MASK 0x0000FFFFu

struct mb1_header {
	uint32_t magic;
	uint32_t flags;
	uint32_t checksum;       /* magic + flags + checksum == 0 (mod 2^32) */
	/* valid when MB1_HEADER_AOUT_KLUDGE is set */
	uint32_t header_addr;    /* physical address of the header itself */
	uint32_t load_addr;      /* physical address where the text segment begins */
	uint32_t load_end_addr;  /* end of the data segment; 0: to the end of the file */
	uint32_t bss_end_addr;   /* end of bss; 0: no bss */
	uint32_t entry_addr;
	/* valid when MB1_HEADER_VIDEO_MODE is set */
	uint32_t mode_type;
	uint32_t width;
	uint32_t height;
	uint32_t depth;
};

#define MB1_HEADER_MIN_SIZE  12 /* magic, flags, checksum */
#define MB1_HEADER_AOUT_SIZE 32 /* ... and the address fields */

/* 3.2: EAX holds this when the loader enters the kernel; EBX the information structure. */
#define MB1_BOOTLOADER_MAGIC 0x2BADB002u

/* 3.3: information structure flags: which fields are valid. */
#define MB1_INFO_MEMORY       (1u << 0)  /* mem_lower, mem_upper */
#define MB1_INFO_BOOTDEV      (1u << 1)
#define MB1_INFO_CMDLINE      (1u << 2)
#define MB1_INFO_MODS         (1u << 3)
#define MB1_INFO_AOUT_SYMS    (1u << 4)
#define MB1_INFO_ELF_SHDR     (1u << 5)
#define MB1_INFO_MEM_MAP      (1u << 6)
#define MB1_INFO_DRIVE_INFO   (1u << 7)
#define MB1_INFO_CONFIG_TABLE (1u << 8)
#define MB1_INFO_LOADER_NAME  (1u << 9)
#define MB1_INFO_APM_TABLE    (1u << 10)
#define MB1_INFO_VBE_INFO     (1u << 11)

struct mb1_info {
	uint32_t flags;
	uint32_t mem_lower;          /* KiB of memory from 0 */
	uint32_t mem_upper;          /* KiB of memory from 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;            /* physical address of a NUL-terminated string */
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];            /* a.out symbol table or ELF section headers */
	uint32_t mmap_length;        /* bytes of memory map */
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;   /* physical address of a NUL-terminated string */
	uint32_t apm_table;
	uint32_t vbe_control_info;
	uint32_t vbe_mode_info;
	uint16_t vbe_mode;
	uint16_t vbe_interface_seg;
	uint16_t vbe_interface_off;
	uint16_t vbe_interface_len;
};

_Static_assert(sizeof(struct mb1_info) == 88, "Multiboot 0.6.96 information structure");

/*
 * A memory map entry. mmap_addr points at its size field, which counts the bytes after it
 * (20 here), so the next entry starts size + 4 bytes further on.
 */
struct mb1_mmap_entry {
	uint32_t size;
	uint64_t base_addr;
	uint64_t length;
	uint32_t type;
} __attribute__((packed));

_Static_assert(sizeof(struct mb1_mmap_entry) == 24, "Multiboot memory map entry");

#define MB1_MEMORY_AVAILABLE 1 /* any other type is reserved */
#define MB1_MEMORY_RESERVED  2

#endif
