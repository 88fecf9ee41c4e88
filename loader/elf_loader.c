/* Loading an ELF32 or ELF64 executable into guest RAM; see elf_loader.h. */
#include "loader/elf_loader.h"
#include "loader/elf.h"
#include "loader/load_error.h"

#include <string.h>

/* The file header fields the loader uses, whichever the class. */
struct elf_file {
	bool is64;
	uint64_t entry;
	uint64_t phoff;
	uint16_t phentsize, phnum;
};

/* A program header, whichever the class. */
struct elf_segment {
	uint32_t type;
	uint64_t offset, vaddr, paddr, filesz, memsz;
};

/* Whether [start, start + length) lies inside [0, limit), without overflowing. */
static bool fits(uint64_t start, uint64_t length, uint64_t limit)
{
	return start <= limit && length <= limit - start;
}

/* Whether [start, start + length) shares a byte with range (none when range is NULL). */
static bool overlaps(uint64_t start, uint64_t length, const struct guest_range *range)
{
	return range && length && start < range->end && range->start < start + length;
}

/* See elf_loader.h. */
bool elf_is_elf(const void *image, size_t image_size)
{
	const uint8_t *ident = image;
	return image_size >= 4 && ident[EI_MAG0] == ELFMAG0 && ident[EI_MAG0 + 1] == ELFMAG1 &&
	       ident[EI_MAG0 + 2] == ELFMAG2 && ident[EI_MAG0 + 3] == ELFMAG3;
}

/* e_ident, e_type and e_machine of either class, which sit at the same offsets in both. */
static int check_identity(const uint8_t *image, size_t image_size, char *error, size_t len)
{
	if (!elf_is_elf(image, image_size))
		return load_error(error, len, "not an ELF file (no ELF magic number)");
	if (image_size < EI_NIDENT)
		return load_error(error, len, "truncated ELF header");
	uint8_t class = image[EI_CLASS];
	if (class != ELFCLASS32 && class != ELFCLASS64)
		return load_error(error, len, "unsupported ELF class %u (1 is ELF32, 2 is ELF64)",
				  class);
	if (image[EI_DATA] != ELFDATA2LSB)
		return load_error(error, len, "ELF file is not little-endian (EI_DATA %u)",
				  image[EI_DATA]);
	if (image[EI_VERSION] != EV_CURRENT)
		return load_error(error, len, "unsupported ELF version %u", image[EI_VERSION]);
	size_t header_size = class == ELFCLASS64 ? sizeof(struct elf64_ehdr)
						 : sizeof(struct elf32_ehdr);
	if (image_size < header_size)
		return load_error(error, len, "truncated ELF header (%zu of %zu bytes)", image_size,
				  header_size);
	uint16_t type, machine;
	memcpy(&type, image + offsetof(struct elf32_ehdr, e_type), sizeof(type));
	memcpy(&machine, image + offsetof(struct elf32_ehdr, e_machine), sizeof(machine));
	if (type != ET_EXEC && type != ET_DYN)
		return load_error(error, len, "ELF type %u is not an executable", type);
	if (machine != EM_386 && machine != EM_X86_64)
		return load_error(error, len,
				  "unsupported ELF machine 0x%x "
				  "(EM_386 0x3 or EM_X86_64 0x3e expected)",
				  machine);
	return 0;
}

/* The file header, in one form for both classes, with its program header table checked. */
static int read_file_header(const uint8_t *image, size_t image_size, struct elf_file *file,
			    char *error, size_t len)
{
	if (check_identity(image, image_size, error, len))
		return -1;
	file->is64 = image[EI_CLASS] == ELFCLASS64;
	if (file->is64) {
		struct elf64_ehdr h;
		memcpy(&h, image, sizeof(h));
		*file = (struct elf_file){ true, h.e_entry, h.e_phoff, h.e_phentsize, h.e_phnum };
	} else {
		struct elf32_ehdr h;
		memcpy(&h, image, sizeof(h));
		*file = (struct elf_file){ false, h.e_entry, h.e_phoff, h.e_phentsize, h.e_phnum };
	}
	size_t entry_size = file->is64 ? sizeof(struct elf64_phdr) : sizeof(struct elf32_phdr);
	if (file->phnum == 0)
		return load_error(error, len, "ELF file has no program headers");
	if (file->phentsize < entry_size)
		return load_error(error, len, "ELF program header size %u is below %zu",
				  file->phentsize, entry_size);
	if (!fits(file->phoff, (uint64_t)file->phentsize * file->phnum, image_size))
		return load_error(error, len,
				  "truncated ELF program header table "
				  "(%u entries at offset 0x%llx, file is 0x%zx bytes)",
				  file->phnum, (unsigned long long)file->phoff, image_size);
	return 0;
}

/* Program header i, which read_file_header has shown to lie inside the file. */
static struct elf_segment read_segment(const uint8_t *image, const struct elf_file *file,
				       uint16_t i)
{
	const uint8_t *at = image + file->phoff + (uint64_t)i * file->phentsize;
	if (file->is64) {
		struct elf64_phdr p;
		memcpy(&p, at, sizeof(p));
		return (struct elf_segment){ p.p_type, p.p_offset, p.p_vaddr, p.p_paddr,
					     p.p_filesz, p.p_memsz };
	}
	struct elf32_phdr p;
	memcpy(&p, at, sizeof(p));
	return (struct elf_segment){ p.p_type, p.p_offset, p.p_vaddr, p.p_paddr, p.p_filesz,
				     p.p_memsz };
}

/* A PT_LOAD segment that can be loaded: its bytes in the file, its memory in guest RAM. */
static int check_segment(const struct elf_segment *s, uint16_t i, size_t image_size,
			 const struct guest_ram *ram, const struct guest_range *reserved,
			 char *error, size_t len)
{
	if (s->filesz > s->memsz)
		return load_error(error, len,
				  "ELF segment %u: file size 0x%llx exceeds memory size 0x%llx", i,
				  (unsigned long long)s->filesz, (unsigned long long)s->memsz);
	if (!fits(s->offset, s->filesz, image_size))
		return load_error(error, len,
				  "ELF segment %u (offset 0x%llx, filesz 0x%llx) "
				  "extends past the end of the file (0x%zx bytes)",
				  i, (unsigned long long)s->offset, (unsigned long long)s->filesz,
				  image_size);
	if (!fits(s->paddr, s->memsz, ram->size))
		return load_error(error, len,
				  "ELF segment %u (paddr 0x%llx, memsz 0x%llx) "
				  "lies outside guest RAM (%llu MiB)",
				  i, (unsigned long long)s->paddr, (unsigned long long)s->memsz,
				  (unsigned long long)(ram->size >> 20));
	if (overlaps(s->paddr, s->memsz, reserved))
		return load_error(error, len,
				  "ELF segment %u (paddr 0x%llx, memsz 0x%llx) overlaps %s "
				  "[0x%llx, 0x%llx)",
				  i, (unsigned long long)s->paddr, (unsigned long long)s->memsz,
				  reserved->name, (unsigned long long)reserved->start,
				  (unsigned long long)reserved->end);
	return 0;
}

/*
 * The physical entry point: e_entry moved from the virtual to the physical range of the
 * segment that holds it; it must then lie in the memory of a loaded segment.
 */
static int find_entry(const uint8_t *image, const struct elf_file *file, bool must_be_32bit,
		      uint64_t *entry, char *error, size_t len)
{
	uint64_t physical = file->entry;
	for (uint16_t i = 0; i < file->phnum; i++) {
		struct elf_segment s = read_segment(image, file, i);
		bool holds = file->entry >= s.vaddr && file->entry - s.vaddr < s.memsz;
		if (s.type == PT_LOAD && holds) {
			physical = file->entry - s.vaddr + s.paddr;
			break;
		}
	}
	if (must_be_32bit && physical >> 32)
		return load_error(error, len,
				  "ELF entry point 0x%llx lies above 4 GiB, "
				  "but the guest starts in 32-bit mode",
				  (unsigned long long)physical);
	for (uint16_t i = 0; i < file->phnum; i++) {
		struct elf_segment s = read_segment(image, file, i);
		if (s.type == PT_LOAD && physical >= s.paddr && physical - s.paddr < s.memsz) {
			*entry = physical;
			return 0;
		}
	}
	return load_error(error, len, "ELF entry point 0x%llx lies in no loadable segment",
			  (unsigned long long)file->entry);
}

/*
 * See elf_loader.h. Everything is checked before the first byte is written, so a refused
 * image leaves guest RAM as it was.
 */
int elf_load(const void *image, size_t image_size, const struct guest_ram *ram,
	     const struct guest_range *reserved, bool must_be_32bit, uint64_t *entry,
	     char *error, size_t error_len)
{
	const uint8_t *bytes = image;
	struct elf_file file;
	if (read_file_header(bytes, image_size, &file, error, error_len))
		return -1;

	bool any = false;
	for (uint16_t i = 0; i < file.phnum; i++) {
		struct elf_segment s = read_segment(bytes, &file, i);
		if (s.type != PT_LOAD)
			continue;
		if (check_segment(&s, i, image_size, ram, reserved, error, error_len))
			return -1;
		any |= s.memsz != 0;
	}
	if (!any)
		return load_error(error, error_len, "ELF file has no loadable segment");
	if (find_entry(bytes, &file, must_be_32bit, entry, error, error_len))
		return -1;

	for (uint16_t i = 0; i < file.phnum; i++) {
		struct elf_segment s = read_segment(bytes, &file, i);
		if (s.type != PT_LOAD || s.memsz == 0)
			continue;
		if (guest_ram_write(ram, s.paddr, bytes + s.offset, s.filesz) ||
		    guest_ram_fill(ram, s.paddr + s.filesz, 0, s.memsz - s.filesz))
			return load_error(error, error_len, "could not write ELF segment %u", i);
	}
	return 0;
}
