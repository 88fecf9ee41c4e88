/*
 * The Multiboot2 information parser (see multiboot2.h).
 *
 * mb2_parse checks the header, then walks the tags: for each it checks the generic header
 * (size at least 8, inside total_size) and the least size its type needs, then hands it to
 * the handler in tag_kinds[], which checks the tag's own fields and copies what the kernel
 * uses into struct mb2_info. The walk must end on an end tag that is exactly the last 8 bytes.
 * Tags are found by rounding up to 8 from the previous tag's end, so once the information is
 * 8-byte aligned every tag is too.
 */
#include "kernel/multiboot2.h"
#include "kernel/format.h"

#include <stdarg.h>

#define HEADER_SIZE     8       /* total_size, reserved */
#define TAG_HEADER_SIZE 8       /* type, size */
#define END_TAG_SIZE    8

/* The walk in progress: the information's bytes, the output, and where errors go. */
struct parser {
	const uint8_t *base;
	uint32_t total_size;
	struct mb2_info *out;
	char *error;
	size_t error_len;
};

/* The u32 at offset in the information (offset + 4 <= total_size, checked by the caller). */
static uint32_t u32_at(const struct parser *p, uint64_t offset)
{
	uint32_t value;
	__builtin_memcpy(&value, p->base + offset, sizeof(value));
	return value;
}

/* The u64 at offset in the information (offset + 8 <= total_size, checked by the caller). */
static uint64_t u64_at(const struct parser *p, uint64_t offset)
{
	uint64_t value;
	__builtin_memcpy(&value, p->base + offset, sizeof(value));
	return value;
}

/*
 * Write "multiboot2: " then, when tag_offset >= 0, "<name> tag (type N) at offset 0xOFF: ",
 * then the message, into the caller's error buffer (if there is one).
 */
static void report(const struct parser *p, int64_t tag_offset, const char *fmt, va_list ap)
{
	if (p->error == NULL || p->error_len == 0)
		return;
	int n;
	if (tag_offset < 0) {
		n = fmt_snprintf(p->error, p->error_len, "multiboot2: ");
	} else {
		uint32_t type = u32_at(p, (uint64_t)tag_offset);
		n = fmt_snprintf(p->error, p->error_len,
				 "multiboot2: %s tag (type %u) at offset 0x%x: ",
				 mb2_tag_name(type), type, (unsigned)tag_offset);
	}
	if ((size_t)n < p->error_len)
		fmt_vsnprintf(p->error + n, p->error_len - n, fmt, ap);
}

/* Report a problem with the information as a whole. Returns -1. */
static int __attribute__((format(printf, 2, 3)))
info_error(const struct parser *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(p, -1, fmt, ap);
	va_end(ap);
	return -1;
}

/* Report a problem with the tag at offset (its header is known to be inside). Returns -1. */
static int __attribute__((format(printf, 3, 4)))
tag_error(const struct parser *p, uint32_t offset, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(p, offset, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * The NUL-terminated string that starts field_offset bytes into the tag at offset (of size
 * bytes), or NULL when no NUL comes before the tag ends.
 */
static const char *string_in_tag(const struct parser *p, uint32_t offset, uint32_t size,
				 uint32_t field_offset)
{
	const char *s = (const char *)p->base + offset + field_offset;
	for (uint32_t i = 0; field_offset + i < size; i++) {
		if (s[i] == '\0')
			return s;
	}
	return NULL;
}

/* Tag 1: the kernel's command line. */
static int parse_cmdline(struct parser *p, uint32_t offset, uint32_t size)
{
	p->out->cmdline = string_in_tag(p, offset, size, 8);
	if (p->out->cmdline == NULL)
		return tag_error(p, offset,
				 "the command line is not NUL-terminated within the tag's %u bytes", size);
	return 0;
}

/* Tag 2: the boot loader's name. */
static int parse_boot_loader_name(struct parser *p, uint32_t offset, uint32_t size)
{
	p->out->boot_loader_name = string_in_tag(p, offset, size, 8);
	if (p->out->boot_loader_name == NULL)
		return tag_error(p, offset,
				 "the name is not NUL-terminated within the tag's %u bytes", size);
	return 0;
}

/* Tag 3: a module: u32 mod_start, u32 mod_end, then its string. */
static int parse_module(struct parser *p, uint32_t offset, uint32_t size)
{
	struct mb2_module module = {
		.start = u32_at(p, offset + 8),
		.end = u32_at(p, offset + 12),
		.string = string_in_tag(p, offset, size, 16),
	};

	if (module.start > module.end)
		return tag_error(p, offset, "mod_start 0x%x is above mod_end 0x%x",
				 module.start, module.end);
	if (module.string == NULL)
		return tag_error(p, offset,
				 "the module string is not NUL-terminated within the tag's %u bytes", size);
	if (p->out->module_count == MB2_MAX_MODULES)
		return tag_error(p, offset, "more than %d modules", MB2_MAX_MODULES);
	p->out->modules[p->out->module_count++] = module;
	return 0;
}

/* Tag 4: u32 mem_lower, u32 mem_upper, in KiB. */
static int parse_basic_meminfo(struct parser *p, uint32_t offset, uint32_t size)
{
	(void)size;
	p->out->has_basic_meminfo = true;
	p->out->mem_lower_kib = u32_at(p, offset + 8);
	p->out->mem_upper_kib = u32_at(p, offset + 12);
	return 0;
}

/* Add a memory map entry, merging it into the previous region when they touch and match. */
static int add_memory_region(struct parser *p, uint32_t offset, struct mb2_memory_region region)
{
	struct mb2_info *out = p->out;

	if (out->memory_region_count > 0) {
		struct mb2_memory_region *last = &out->memory_regions[out->memory_region_count - 1];
		if (last->type == region.type && last->base + last->length == region.base) {
			last->length += region.length;
			return 0;
		}
	}
	if (out->memory_region_count == MB2_MAX_MEMORY_REGIONS)
		return tag_error(p, offset, "more than %d memory regions", MB2_MAX_MEMORY_REGIONS);
	out->memory_regions[out->memory_region_count++] = region;
	return 0;
}

/*
 * Tag 6: the memory map: u32 entry_size, u32 entry_version, then entries of u64 base,
 * u64 length, u32 type, u32 reserved (entry_size may be larger, and is a multiple of 8).
 */
static int parse_mmap(struct parser *p, uint32_t offset, uint32_t size)
{
	uint32_t entry_size = u32_at(p, offset + 8);
	uint32_t entries_bytes = size - 16;

	if (entry_size < MB2_MMAP_ENTRY_MIN_SIZE)
		return tag_error(p, offset, "entry_size %u is smaller than %u", entry_size,
				 MB2_MMAP_ENTRY_MIN_SIZE);
	if (entry_size % 8 != 0)
		return tag_error(p, offset, "entry_size %u is not a multiple of 8", entry_size);
	if (entries_bytes % entry_size != 0)
		return tag_error(p, offset,
				 "its %u bytes of entries are not a whole number of %u-byte entries",
				 entries_bytes, entry_size);

	p->out->has_memory_map = true;
	p->out->memory_region_count = 0;
	for (uint32_t i = 0; i < entries_bytes / entry_size; i++) {
		uint64_t entry = (uint64_t)offset + 16 + (uint64_t)i * entry_size;
		struct mb2_memory_region region = {
			.base = u64_at(p, entry),
			.length = u64_at(p, entry + 8),
			.type = u32_at(p, entry + 16),
		};
		if (region.length > UINT64_MAX - region.base)
			return tag_error(p, offset,
					 "entry %u: base 0x%llx + length 0x%llx runs past 2^64", i,
					 (unsigned long long)region.base,
					 (unsigned long long)region.length);
		if (add_memory_region(p, offset, region) < 0)
			return -1;
	}
	return 0;
}

/*
 * Tag 8: the framebuffer: u64 addr, u32 pitch, u32 width, u32 height, u8 bpp, u8 type,
 * u16 reserved, then colour information this kernel does not use.
 */
static int parse_framebuffer(struct parser *p, uint32_t offset, uint32_t size)
{
	(void)size;
	uint32_t bpp_and_type = u32_at(p, offset + 28);

	p->out->has_framebuffer = true;
	p->out->framebuffer = (struct mb2_framebuffer){
		.addr = u64_at(p, offset + 8),
		.pitch = u32_at(p, offset + 16),
		.width = u32_at(p, offset + 20),
		.height = u32_at(p, offset + 24),
		.bpp = (uint8_t)bpp_and_type,
		.type = (uint8_t)(bpp_and_type >> 8),
	};
	return 0;
}

/* Tag 11: the 32-bit EFI system table pointer. */
static int parse_efi32(struct parser *p, uint32_t offset, uint32_t size)
{
	(void)size;
	p->out->has_efi_system_table = true;
	p->out->efi_system_table = u32_at(p, offset + 8);
	return 0;
}

/* Tag 12: the 64-bit EFI system table pointer. */
static int parse_efi64(struct parser *p, uint32_t offset, uint32_t size)
{
	(void)size;
	p->out->has_efi_system_table = true;
	p->out->efi_system_table = u64_at(p, offset + 8);
	return 0;
}

/* Tags 14 and 15: a copy of the ACPI RSDP follows the header; the 2.0 one (15) wins. */
static int parse_acpi_rsdp(struct parser *p, uint32_t offset, uint32_t size)
{
	bool is_v2 = u32_at(p, offset) == MB2_TAG_ACPI_NEW;

	if (p->out->acpi_rsdp_is_v2 && !is_v2)
		return 0;
	p->out->acpi_rsdp = p->base + offset + 8;
	p->out->acpi_rsdp_size = size - 8;
	p->out->acpi_rsdp_is_v2 = is_v2;
	return 0;
}

/* Tag 18: the loader did not call ExitBootServices. */
static int parse_efi_boot_services(struct parser *p, uint32_t offset, uint32_t size)
{
	(void)offset;
	(void)size;
	p->out->efi_boot_services_active = true;
	return 0;
}

/* Tag 21: the physical address the image was loaded at. */
static int parse_load_base_addr(struct parser *p, uint32_t offset, uint32_t size)
{
	(void)size;
	p->out->has_load_base_addr = true;
	p->out->load_base_addr = u32_at(p, offset + 8);
	return 0;
}

/*
 * Every tag type the specification defines: its name, the least size a tag of that type can
 * have (header, fixed fields, and the NUL of a string), and the handler for the ones the kernel
 * uses (NULL: checked, then skipped).
 */
static const struct tag_kind {
	const char *name;
	uint32_t min_size;
	int (*parse)(struct parser *p, uint32_t offset, uint32_t size);
} tag_kinds[] = {
	[MB2_TAG_END]              = { "end", 8, NULL },
	[MB2_TAG_CMDLINE]          = { "command line", 9, parse_cmdline },
	[MB2_TAG_BOOT_LOADER_NAME] = { "boot loader name", 9, parse_boot_loader_name },
	[MB2_TAG_MODULE]           = { "module", 17, parse_module },
	[MB2_TAG_BASIC_MEMINFO]    = { "basic memory information", 16, parse_basic_meminfo },
	[MB2_TAG_BOOTDEV]          = { "BIOS boot device", 20, NULL },
	[MB2_TAG_MMAP]             = { "memory map", 16, parse_mmap },
	[MB2_TAG_VBE]              = { "VBE info", 784, NULL },
	[MB2_TAG_FRAMEBUFFER]      = { "framebuffer info", 32, parse_framebuffer },
	[MB2_TAG_ELF_SECTIONS]     = { "ELF symbols", 16, NULL },
	[MB2_TAG_APM]              = { "APM table", 28, NULL },
	[MB2_TAG_EFI32]            = { "EFI 32-bit system table pointer", 12, parse_efi32 },
	[MB2_TAG_EFI64]            = { "EFI 64-bit system table pointer", 16, parse_efi64 },
	[MB2_TAG_SMBIOS]           = { "SMBIOS tables", 16, NULL },
	[MB2_TAG_ACPI_OLD]         = { "ACPI old RSDP", 8 + 20, parse_acpi_rsdp },
	[MB2_TAG_ACPI_NEW]         = { "ACPI new RSDP", 8 + 36, parse_acpi_rsdp },
	[MB2_TAG_NETWORK]          = { "networking information", 8, NULL },
	[MB2_TAG_EFI_MMAP]         = { "EFI memory map", 16, NULL },
	[MB2_TAG_EFI_BS]           = { "EFI boot services not terminated", 8,
				       parse_efi_boot_services },
	[MB2_TAG_EFI32_IH]         = { "EFI 32-bit image handle pointer", 12, NULL },
	[MB2_TAG_EFI64_IH]         = { "EFI 64-bit image handle pointer", 16, NULL },
	[MB2_TAG_LOAD_BASE_ADDR]   = { "image load base physical address", 12,
				       parse_load_base_addr },
};

#define TAG_KIND_COUNT (sizeof(tag_kinds) / sizeof(tag_kinds[0]))

/* See multiboot2.h. */
const char *mb2_tag_name(uint32_t type)
{
	return type < TAG_KIND_COUNT ? tag_kinds[type].name : "unknown";
}

/* See multiboot2.h. */
const char *mb2_memory_type_name(uint32_t type)
{
	switch (type) {
	case MB2_MEMORY_AVAILABLE:        return "available";
	case MB2_MEMORY_ACPI_RECLAIMABLE: return "ACPI reclaimable";
	case MB2_MEMORY_NVS:              return "ACPI NVS";
	case MB2_MEMORY_BADRAM:           return "bad RAM";
	default:                          return "reserved";
	}
}

/* Check the 8-byte header: alignment, and a total_size that is plausible and readable. */
static int check_header(struct parser *p, uint64_t info_phys, size_t available_bytes)
{
	if (p->base == NULL)
		return info_error(p, "no information (NULL pointer)");
	if ((uintptr_t)p->base % 8 != 0 || info_phys % 8 != 0)
		return info_error(p, "the information at physical 0x%llx is not 8-byte aligned",
				  (unsigned long long)info_phys);
	if (available_bytes < HEADER_SIZE)
		return info_error(p, "only %zu bytes available, fewer than the 8-byte header",
				  available_bytes);
	p->total_size = u32_at(p, 0);
	if (p->total_size < HEADER_SIZE + END_TAG_SIZE)
		return info_error(p, "total_size %u is smaller than 16 (the header and an end tag)",
				  p->total_size);
	if (p->total_size > available_bytes)
		return info_error(p, "total_size %u is larger than the %zu bytes available",
				  p->total_size, available_bytes);
	return 0;
}

/*
 * Check the generic header of the tag at offset (whose 8 header bytes are inside), and the
 * least size of its type.
 */
static int check_tag_size(struct parser *p, uint32_t offset, uint32_t type, uint32_t size)
{
	if (size < TAG_HEADER_SIZE)
		return tag_error(p, offset, "size %u is smaller than the 8-byte tag header", size);
	if (size > p->total_size - offset)
		return tag_error(p, offset, "size %u runs past total_size %u", size, p->total_size);
	if (type < TAG_KIND_COUNT && size < tag_kinds[type].min_size)
		return tag_error(p, offset,
				 "size %u is smaller than %u, the least this tag type needs",
				 size, tag_kinds[type].min_size);
	return 0;
}

/* Check the end tag at offset: exactly 8 bytes, and the last thing in the information. */
static int check_end_tag(struct parser *p, uint32_t offset, uint32_t size)
{
	if (size != END_TAG_SIZE)
		return tag_error(p, offset, "size %u, but an end tag is 8 bytes", size);
	if (offset + END_TAG_SIZE != p->total_size)
		return tag_error(p, offset, "%u bytes follow it before total_size %u",
				 p->total_size - (offset + END_TAG_SIZE), p->total_size);
	return 0;
}

/* See multiboot2.h. */
int mb2_parse(const void *info, uint64_t info_phys, size_t available_bytes, struct mb2_info *out,
	      char *error, size_t error_len)
{
	struct parser p = { .base = info, .out = out, .error = error, .error_len = error_len };

	*out = (struct mb2_info){ .info_phys = info_phys };
	if (error != NULL && error_len > 0)
		error[0] = '\0';
	if (check_header(&p, info_phys, available_bytes) < 0)
		return -1;
	out->total_size = p.total_size;

	uint64_t offset = HEADER_SIZE;
	for (;;) {
		if (offset + TAG_HEADER_SIZE > p.total_size)
			return info_error(&p, "no end tag before total_size %u", p.total_size);
		uint32_t type = u32_at(&p, offset);
		uint32_t size = u32_at(&p, offset + 4);
		if (check_tag_size(&p, offset, type, size) < 0)
			return -1;
		if (type == MB2_TAG_END)
			return check_end_tag(&p, offset, size);
		out->tag_count++;
		if (type >= TAG_KIND_COUNT)
			out->unknown_tag_count++;
		else if (tag_kinds[type].parse && tag_kinds[type].parse(&p, offset, size) < 0)
			return -1;
		offset = (offset + size + 7) & ~7ull;
	}
}
