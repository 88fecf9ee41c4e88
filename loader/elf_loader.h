/*
 * Loading an ELF32 or ELF64 executable into guest RAM: each PT_LOAD segment's file bytes at
 * its physical address (p_paddr), the rest of its memory size zeroed. Pure; shared by loaders
 * whose images are ELF files (Multiboot 1 now).
 *
 * Accepted: little-endian, ELF version 1, type ET_EXEC or ET_DYN (loaded where p_paddr says,
 * not relocated), machine EM_386 or EM_X86_64 in either class. Every PT_LOAD must have
 * p_filesz <= p_memsz, its file bytes inside the file and its memory inside guest RAM, clear
 * of the loader's reserved range. Segments are numbered by their index in the program header
 * table, from 0, in messages.
 */
#ifndef LOADER_ELF_LOADER_H
#define LOADER_ELF_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/guest_ram.h"

/* A range of guest-physical memory the image must not overlap: [start, end). */
struct guest_range {
	uint64_t start, end;
	const char *name;  /* for messages, e.g. "the boot information area" */
};

/* Whether image starts with the ELF magic number. */
bool elf_is_elf(const void *image, size_t image_size);

/*
 * Check the whole file, then load its segments. *entry is the physical entry point: e_entry,
 * translated to the physical address when it falls inside a segment's virtual range (as GRUB
 * does for kernels linked at a higher virtual address); it must lie in a loaded segment and,
 * when must_be_32bit, below 4 GiB. Returns 0, or -1 with the reason in error.
 */
int elf_load(const void *image, size_t image_size, const struct guest_ram *ram,
	     const struct guest_range *reserved, bool must_be_32bit, uint64_t *entry,
	     char *error, size_t error_len);

#endif
