/* Loading a Multiboot 1 kernel as the guest; see multiboot1_loader.h for the memory layout. */
#include "loader/multiboot1_loader.h"
#include "loader/elf_loader.h"
#include "loader/load_error.h"
#include "loader/multiboot1.h"

#include <string.h>

static const struct guest_range info_area = {
	MB1_INFO_AREA_START, MB1_INFO_AREA_END, "the boot information area",
};

/* A little-endian 32-bit field of the image, at any alignment. */
static uint32_t read32(const uint8_t *at)
{
	uint32_t value;
	memcpy(&value, at, sizeof(value));
	return value;
}

/* Whether a header with the magic number and a matching checksum begins at offset. */
static bool valid_header_at(const uint8_t *image, size_t offset)
{
	uint32_t magic = read32(image + offset);
	uint32_t flags = read32(image + offset + 4);
	uint32_t checksum = read32(image + offset + 8);
	return magic == MB1_HEADER_MAGIC && magic + flags + checksum == 0;
}

/*
 * The offset of the first valid header that begins at a 4-byte boundary and whose first 12
 * bytes end within [from, to) (and the file), or -1. The a.out-kludge fields that flag 16
 * adds are held to the same limits once the flags are known (multiboot1_load).
 */
static long find_header(const uint8_t *image, size_t image_size, size_t from, size_t to)
{
	if (to > image_size)
		to = image_size;
	for (size_t offset = from; offset + MB1_HEADER_MIN_SIZE <= to; offset += MB1_HEADER_ALIGN)
		if (valid_header_at(image, offset))
			return (long)offset;
	return -1;
}

/* See multiboot1_loader.h. */
bool multiboot1_probe(const void *image, size_t image_size)
{
	return find_header(image, image_size, 0, MB1_SEARCH_LIMIT) >= 0;
}

/*
 * No valid header in the first 8192 bytes: say whether there is a magic number with a bad
 * checksum there, or a valid header further on, or nothing at all.
 */
static int explain_missing_header(const uint8_t *image, size_t image_size, char *error,
				  size_t len)
{
	size_t limit = image_size < MB1_SEARCH_LIMIT ? image_size : MB1_SEARCH_LIMIT;
	for (size_t offset = 0; offset + MB1_HEADER_MIN_SIZE <= limit; offset += MB1_HEADER_ALIGN) {
		if (read32(image + offset) != MB1_HEADER_MAGIC)
			continue;
		uint32_t sum = MB1_HEADER_MAGIC + read32(image + offset + 4) +
			       read32(image + offset + 8);
		return load_error(error, len,
				  "Multiboot header checksum mismatch at offset 0x%zx "
				  "(magic + flags + checksum = 0x%x, must be 0)",
				  offset, sum);
	}
	/* From the first aligned offset where a header would no longer end within the limit. */
	size_t past_limit = MB1_SEARCH_LIMIT - MB1_HEADER_MIN_SIZE + MB1_HEADER_ALIGN;
	long later = find_header(image, image_size, past_limit, image_size);
	if (later >= 0)
		return load_error(error, len,
				  "Multiboot header at offset 0x%lx lies beyond the first %u bytes",
				  later, MB1_SEARCH_LIMIT);
	return load_error(error, len, "no Multiboot header in the first %u bytes",
			  MB1_SEARCH_LIMIT);
}

/* Refuse the lowest requirement flag (bits 0-15) that we cannot honour. */
static int check_flags(uint32_t flags, char *error, size_t len)
{
	const uint32_t honoured = MB1_HEADER_PAGE_ALIGN | MB1_HEADER_MEMORY_INFO |
				  MB1_HEADER_VIDEO_MODE;
	uint32_t refused = flags & MB1_HEADER_REQUIRED_MASK & ~honoured;
	if (!refused)
		return 0;
	unsigned bit = (unsigned)__builtin_ctz(refused);
	return load_error(error, len,
			  "Multiboot header requires feature flag bit %u (flags 0x%x), which vmxhv "
			  "does not support",
			  bit, flags);
}

/*
 * The a.out kludge (spec 3.1.3): the file from the offset that corresponds to load_addr,
 * through load_end_addr (0: the end of the file), goes to load_addr; bss follows up to
 * bss_end_addr (0: none). The entry point must lie in the loaded text and data.
 */
static int load_aout(const uint8_t *image, size_t image_size, size_t header_offset,
		     const struct mb1_header *h, const struct guest_ram *ram, uint64_t *entry,
		     char *error, size_t len)
{
	if (h->load_addr > h->header_addr)
		return load_error(error, len,
				  "Multiboot a.out kludge: "
				  "load_addr 0x%x lies above header_addr 0x%x",
				  h->load_addr, h->header_addr);
	uint64_t lead = h->header_addr - h->load_addr;
	if (lead > header_offset)
		return load_error(error, len,
				  "Multiboot a.out kludge: load_addr 0x%x would start 0x%llx bytes "
				  "before the beginning of the file",
				  h->load_addr, (unsigned long long)(lead - header_offset));
	uint64_t file_start = header_offset - lead;
	uint64_t load_size = image_size - file_start;
	if (h->load_end_addr) {
		if (h->load_end_addr <= h->load_addr)
			return load_error(error, len,
					  "Multiboot a.out kludge: load_end_addr 0x%x is not above "
					  "load_addr 0x%x",
					  h->load_end_addr, h->load_addr);
		load_size = h->load_end_addr - h->load_addr;
		if (file_start + load_size > image_size)
			return load_error(error, len,
					  "Multiboot a.out kludge: load_end_addr 0x%x "
					  "lies past the end of the file (0x%zx bytes)",
					  h->load_end_addr, image_size);
	}
	uint64_t load_end = h->load_addr + load_size;
	uint64_t bss_end = h->bss_end_addr ? h->bss_end_addr : load_end;
	if (bss_end < load_end)
		return load_error(error, len,
				  "Multiboot a.out kludge: bss_end_addr 0x%x lies below the end of "
				  "the loaded image 0x%llx",
				  h->bss_end_addr, (unsigned long long)load_end);
	if (bss_end > ram->size)
		return load_error(error, len,
				  "image [0x%x, 0x%llx) lies outside guest RAM (%llu MiB)",
				  h->load_addr, (unsigned long long)bss_end,
				  (unsigned long long)(ram->size >> 20));
	if (h->load_addr < info_area.end && info_area.start < bss_end)
		return load_error(error, len, "image [0x%x, 0x%llx) overlaps %s [0x%x, 0x%x)",
				  h->load_addr, (unsigned long long)bss_end, info_area.name,
				  MB1_INFO_AREA_START, MB1_INFO_AREA_END);
	if (h->entry_addr < h->load_addr || h->entry_addr >= load_end)
		return load_error(error, len,
				  "Multiboot a.out kludge: entry_addr 0x%x lies outside the loaded "
				  "image [0x%x, 0x%llx)",
				  h->entry_addr, h->load_addr, (unsigned long long)load_end);
	if (guest_ram_write(ram, h->load_addr, image + file_start, load_size) ||
	    guest_ram_fill(ram, load_end, 0, bss_end - load_end))
		return load_error(error, len, "could not write the image to guest RAM");
	*entry = h->entry_addr;
	return 0;
}

/* A memory map entry for [base, end). */
static struct mb1_mmap_entry mmap_entry(uint64_t base, uint64_t end, uint32_t type)
{
	return (struct mb1_mmap_entry){
		.size = sizeof(struct mb1_mmap_entry) - sizeof(uint32_t),
		.base_addr = base,
		.length = end - base,
		.type = type,
	};
}

/*
 * The boot information: structure, memory map, loader name and command line, at the fixed
 * places of the boot information area.
 */
static int write_boot_info(const struct guest_ram *ram, const char *cmdline, char *error,
			   size_t len)
{
	const struct mb1_mmap_entry map[] = {
		mmap_entry(0, MB1_LOWER_MEMORY_END, MB1_MEMORY_AVAILABLE),
		mmap_entry(MB1_LOWER_MEMORY_END, MB1_UPPER_MEMORY_BASE, MB1_MEMORY_RESERVED),
		mmap_entry(MB1_UPPER_MEMORY_BASE, ram->size, MB1_MEMORY_AVAILABLE),
	};
	uint64_t upper_kib = (ram->size - MB1_UPPER_MEMORY_BASE) / 1024;
	struct mb1_info info = {
		.flags = MB1_INFO_MEMORY | MB1_INFO_CMDLINE | MB1_INFO_MEM_MAP |
			 MB1_INFO_LOADER_NAME,
		.mem_lower = MB1_LOWER_MEMORY_END / 1024,
		.mem_upper = upper_kib > UINT32_MAX ? UINT32_MAX : (uint32_t)upper_kib,
		.cmdline = MB1_CMDLINE_ADDR,
		.mmap_length = sizeof(map),
		.mmap_addr = MB1_MMAP_ADDR,
		.boot_loader_name = MB1_LOADER_NAME_ADDR,
	};
	if (guest_ram_write(ram, MB1_INFO_ADDR, &info, sizeof(info)) ||
	    guest_ram_write(ram, MB1_MMAP_ADDR, map, sizeof(map)) ||
	    guest_ram_write(ram, MB1_LOADER_NAME_ADDR, MB1_LOADER_NAME,
			    sizeof(MB1_LOADER_NAME)) ||
	    guest_ram_write(ram, MB1_CMDLINE_ADDR, cmdline, strlen(cmdline) + 1))
		return load_error(error, len, "could not write the boot information to guest RAM");
	return 0;
}

/* The header's fields, with those beyond the end of the file read as 0. */
static struct mb1_header read_header(const uint8_t *image, size_t image_size, size_t offset)
{
	struct mb1_header h = { 0 };
	size_t available = image_size - offset;
	memcpy(&h, image + offset, available < sizeof(h) ? available : sizeof(h));
	return h;
}

/*
 * See multiboot1_loader.h. The order of the checks is the order of the specification: the
 * header, its flags, then the image the header describes, then the boot information.
 */
int multiboot1_load(const void *image, size_t image_size, const char *cmdline,
		    const struct guest_ram *ram, struct guest_boot_state *out,
		    char *error, size_t error_len)
{
	const uint8_t *bytes = image;
	if (!cmdline)
		cmdline = "";
	if (ram->size <= MB1_UPPER_MEMORY_BASE)
		return load_error(error, error_len,
				  "guest RAM of %llu KiB is too small for a Multiboot guest "
				  "(more than 1 MiB needed)",
				  (unsigned long long)(ram->size >> 10));
	if (strlen(cmdline) > MB1_CMDLINE_MAX)
		return load_error(error, error_len,
				  "command line of %zu bytes is too long (%u at most)",
				  strlen(cmdline), MB1_CMDLINE_MAX);

	long offset = find_header(bytes, image_size, 0, MB1_SEARCH_LIMIT);
	if (offset < 0)
		return explain_missing_header(bytes, image_size, error, error_len);
	struct mb1_header h = read_header(bytes, image_size, (size_t)offset);
	if (check_flags(h.flags, error, error_len))
		return -1;

	uint64_t entry;
	if (h.flags & MB1_HEADER_AOUT_KLUDGE) {
		/* 3.1.1: the whole header, here through entry_addr, is in the first 8192 bytes. */
		if ((size_t)offset + MB1_HEADER_AOUT_SIZE > MB1_SEARCH_LIMIT)
			return load_error(error, error_len,
					  "Multiboot header at offset 0x%lx sets the a.out kludge "
					  "flag (bit 16), but its address fields end past the "
					  "first %u bytes",
					  offset, MB1_SEARCH_LIMIT);
		if ((size_t)offset + MB1_HEADER_AOUT_SIZE > image_size)
			return load_error(error, error_len,
					  "truncated Multiboot header: the a.out kludge fields at "
					  "offset 0x%lx run past the end of the file",
					  offset);
		if (load_aout(bytes, image_size, (size_t)offset, &h, ram, &entry, error, error_len))
			return -1;
	} else {
		if (!elf_is_elf(bytes, image_size))
			return load_error(error, error_len,
					  "not an ELF file, and its Multiboot header does not set "
					  "the a.out kludge flag (bit 16)");
		if (elf_load(bytes, image_size, ram, &info_area, true, &entry, error, error_len))
			return -1;
	}
	if (write_boot_info(ram, cmdline, error, error_len))
		return -1;

	*out = (struct guest_boot_state){
		.mode = GUEST_ENTRY_PROTECTED32_FLAT,
		.rip = entry,
		.rax = MB1_BOOTLOADER_MAGIC,
		.rbx = MB1_INFO_ADDR,
	};
	return 0;
}
