/*
 * kernel/multiboot2.c: a good information blob parses into the right struct mb2_info, and each
 * kind of malformed blob is rejected with its specific message. Blobs are built in memory by a
 * small builder that lays tags out as a Multiboot2 loader does (8-byte aligned, zero padding).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kernel/multiboot2.h"

#define INFO_PHYS 0x10000ull

/* An information blob under construction; used is where the next tag goes. */
struct blob {
	_Alignas(8) uint8_t bytes[8192];
	uint32_t used;
};

static void put_u32(struct blob *b, uint32_t offset, uint32_t value) { memcpy(b->bytes + offset, &value, 4); }

/* Start an empty blob: the 8-byte header, total_size filled in by blob_end. */
static void blob_begin(struct blob *b)
{
	memset(b->bytes, 0, sizeof(b->bytes));
	b->used = 8;
}

/* Append a tag of the given type with payload after its header; returns the tag's offset. */
static uint32_t blob_tag(struct blob *b, uint32_t type, const void *payload, uint32_t payload_len)
{
	uint32_t offset = b->used;
	put_u32(b, offset, type);
	put_u32(b, offset + 4, 8 + payload_len);
	if (payload_len)
		memcpy(b->bytes + offset + 8, payload, payload_len);
	b->used = (offset + 8 + payload_len + 7) & ~7u;
	return offset;
}

/* A string tag (command line, loader name) holding s and its NUL. */
static uint32_t blob_string(struct blob *b, uint32_t type, const char *s)
{
	return blob_tag(b, type, s, (uint32_t)strlen(s) + 1);
}

/* A module tag for [start, end) with the given string. */
static uint32_t blob_module(struct blob *b, uint32_t start, uint32_t end, const char *s)
{
	uint8_t payload[256];
	memcpy(payload, &start, 4);
	memcpy(payload + 4, &end, 4);
	memcpy(payload + 8, s, strlen(s) + 1);
	return blob_tag(b, MB2_TAG_MODULE, payload, 8 + (uint32_t)strlen(s) + 1);
}

/* A memory map tag with n entries of entry_size bytes (at least 24). */
static uint32_t blob_mmap(struct blob *b, uint32_t entry_size, const struct mb2_memory_region *r, size_t n)
{
	uint8_t payload[4096] = { 0 };
	uint32_t version = 0;
	memcpy(payload, &entry_size, 4);
	memcpy(payload + 4, &version, 4);
	for (size_t i = 0; i < n; i++) {
		uint8_t *e = payload + 8 + i * entry_size;
		memcpy(e, &r[i].base, 8);
		memcpy(e + 8, &r[i].length, 8);
		memcpy(e + 16, &r[i].type, 4);
	}
	return blob_tag(b, MB2_TAG_MMAP, payload, 8 + (uint32_t)(n * entry_size));
}

/* A framebuffer tag (common part only). */
static uint32_t blob_framebuffer(struct blob *b, uint64_t addr, uint32_t pitch, uint32_t width,
				 uint32_t height, uint8_t bpp, uint8_t type)
{
	uint8_t payload[24] = { 0 };
	memcpy(payload, &addr, 8);
	memcpy(payload + 8, &pitch, 4);
	memcpy(payload + 12, &width, 4);
	memcpy(payload + 16, &height, 4);
	payload[20] = bpp;
	payload[21] = type;
	return blob_tag(b, MB2_TAG_FRAMEBUFFER, payload, sizeof(payload));
}

/* Append the end tag and set total_size to the bytes used. */
static void blob_end(struct blob *b)
{
	blob_tag(b, MB2_TAG_END, NULL, 0);
	put_u32(b, 0, b->used);
}

static const struct mb2_memory_region good_map[] = {
	{ 0x0, 0x9fc00, MB2_MEMORY_AVAILABLE },
	{ 0x9fc00, 0x400, MB2_MEMORY_RESERVED },
	{ 0xf0000, 0x10000, MB2_MEMORY_RESERVED },
	{ 0x100000, 0x7ee0000, MB2_MEMORY_AVAILABLE },
	{ 0x7fe0000, 0x20000, MB2_MEMORY_ACPI_RECLAIMABLE },
	{ 0x100000000ull, 0x40000000ull, MB2_MEMORY_AVAILABLE },
};
#define GOOD_MAP_COUNT (sizeof(good_map) / sizeof(good_map[0]))

/* A blob like GRUB's on a BIOS machine, plus an unknown tag and some firmware tags. */
static void build_good(struct blob *b)
{
	uint8_t rsdp_v1[20] = { 'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ' };
	uint8_t rsdp_v2[36] = { 'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ', [15] = 2 };
	uint8_t efi64[8] = { 0x18, 0xee, 0x7f, 0, 0, 0, 0, 0 };
	uint8_t load_base[4] = { 0, 0, 0x20, 0 };
	uint8_t elf[12] = { 0 };
	uint8_t unknown[5] = { 1, 2, 3, 4, 5 };

	blob_begin(b);
	blob_string(b, MB2_TAG_CMDLINE, "log=debug guest_mem=128M");
	blob_string(b, MB2_TAG_BOOT_LOADER_NAME, "GRUB 2.06-13+deb12u1");
	blob_module(b, 0x200000, 0x280000, "/boot/guest.elf console=ttyS0");
	blob_module(b, 0x280000, 0x280000, "");
	blob_tag(b, 99, unknown, sizeof(unknown));
	blob_tag(b, MB2_TAG_BASIC_MEMINFO, (uint32_t[]){ 639, 130048 }, 8);
	blob_mmap(b, 24, good_map, GOOD_MAP_COUNT);
	blob_framebuffer(b, 0xb8000, 160, 80, 25, 16, MB2_FRAMEBUFFER_TYPE_EGA_TEXT);
	blob_tag(b, MB2_TAG_ELF_SECTIONS, elf, sizeof(elf));
	blob_tag(b, MB2_TAG_ACPI_NEW, rsdp_v2, sizeof(rsdp_v2));
	blob_tag(b, MB2_TAG_ACPI_OLD, rsdp_v1, sizeof(rsdp_v1));
	blob_tag(b, MB2_TAG_EFI64, efi64, sizeof(efi64));
	blob_tag(b, MB2_TAG_EFI_BS, NULL, 0);
	blob_tag(b, MB2_TAG_LOAD_BASE_ADDR, load_base, sizeof(load_base));
	blob_end(b);
}

static struct blob blob;
static struct mb2_info info;
static char error[256];

static void test_good_info(void **state)
{
	(void)state;
	build_good(&blob);
	assert_int_equal(mb2_parse(blob.bytes, INFO_PHYS, blob.used, &info, error, sizeof(error)), 0);
	assert_string_equal(error, "");

	assert_int_equal(info.info_phys, INFO_PHYS);
	assert_int_equal(info.total_size, blob.used);
	assert_string_equal(info.cmdline, "log=debug guest_mem=128M");
	assert_string_equal(info.boot_loader_name, "GRUB 2.06-13+deb12u1");
	assert_true((const uint8_t *)info.cmdline > blob.bytes);   /* points into the blob */

	assert_int_equal(info.module_count, 2);
	assert_int_equal(info.modules[0].start, 0x200000);
	assert_int_equal(info.modules[0].end, 0x280000);
	assert_string_equal(info.modules[0].string, "/boot/guest.elf console=ttyS0");
	assert_int_equal(info.modules[1].start, 0x280000);
	assert_string_equal(info.modules[1].string, "");

	assert_true(info.has_basic_meminfo);
	assert_int_equal(info.mem_lower_kib, 639);
	assert_int_equal(info.mem_upper_kib, 130048);

	assert_true(info.has_memory_map);
	assert_int_equal(info.memory_region_count, GOOD_MAP_COUNT);
	for (size_t i = 0; i < GOOD_MAP_COUNT; i++) {
		assert_int_equal(info.memory_regions[i].base, good_map[i].base);
		assert_int_equal(info.memory_regions[i].length, good_map[i].length);
		assert_int_equal(info.memory_regions[i].type, good_map[i].type);
	}

	assert_true(info.has_framebuffer);
	assert_int_equal(info.framebuffer.addr, 0xb8000);
	assert_int_equal(info.framebuffer.pitch, 160);
	assert_int_equal(info.framebuffer.width, 80);
	assert_int_equal(info.framebuffer.height, 25);
	assert_int_equal(info.framebuffer.bpp, 16);
	assert_int_equal(info.framebuffer.type, MB2_FRAMEBUFFER_TYPE_EGA_TEXT);

	assert_true(info.has_efi_system_table);
	assert_int_equal(info.efi_system_table, 0x7fee18);
	assert_true(info.efi_boot_services_active);
	assert_true(info.acpi_rsdp_is_v2);           /* the old RSDP after it did not replace it */
	assert_int_equal(info.acpi_rsdp_size, 36);
	assert_memory_equal(info.acpi_rsdp, "RSD PTR ", 8);
	assert_true(info.has_load_base_addr);
	assert_int_equal(info.load_base_addr, 0x200000);

	assert_int_equal(info.tag_count, 14);
	assert_int_equal(info.unknown_tag_count, 1);
}

static void test_only_end_tag(void **state)
{
	(void)state;
	blob_begin(&blob);
	blob_end(&blob);
	assert_int_equal(mb2_parse(blob.bytes, INFO_PHYS, sizeof(blob.bytes), &info, error, sizeof(error)), 0);
	assert_int_equal(info.total_size, 16);
	assert_null(info.cmdline);
	assert_null(info.boot_loader_name);
	assert_int_equal(info.module_count, 0);
	assert_false(info.has_memory_map);
	assert_false(info.has_framebuffer);
	assert_false(info.has_efi_system_table);
	assert_null(info.acpi_rsdp);
	assert_int_equal(info.tag_count, 0);
}

static void test_mmap_wide_entries_and_merging(void **state)
{
	(void)state;
	static const struct mb2_memory_region map[] = {
		{ 0x100000, 0x100000, MB2_MEMORY_AVAILABLE },
		{ 0x200000, 0x100000, MB2_MEMORY_AVAILABLE },   /* touches the previous: merged */
		{ 0x300000, 0x1000, MB2_MEMORY_NVS },
		{ 0x400000, 0x1000, MB2_MEMORY_NVS },           /* a gap: kept apart */
		{ 0x401000, 0x1000, 77 },
	};
	blob_begin(&blob);
	blob_mmap(&blob, 40, map, 5);                   /* entries wider than 24 bytes */
	blob_end(&blob);
	assert_int_equal(mb2_parse(blob.bytes, INFO_PHYS, blob.used, &info, error, sizeof(error)), 0);
	assert_int_equal(info.memory_region_count, 4);
	assert_int_equal(info.memory_regions[0].base, 0x100000);
	assert_int_equal(info.memory_regions[0].length, 0x200000);
	assert_int_equal(info.memory_regions[1].base, 0x300000);
	assert_int_equal(info.memory_regions[2].base, 0x400000);
	assert_int_equal(info.memory_regions[3].type, 77);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(mb2_tag_name(MB2_TAG_END), "end");
	assert_string_equal(mb2_tag_name(MB2_TAG_CMDLINE), "command line");
	assert_string_equal(mb2_tag_name(MB2_TAG_MODULE), "module");
	assert_string_equal(mb2_tag_name(MB2_TAG_MMAP), "memory map");
	assert_string_equal(mb2_tag_name(MB2_TAG_FRAMEBUFFER), "framebuffer info");
	assert_string_equal(mb2_tag_name(MB2_TAG_LOAD_BASE_ADDR), "image load base physical address");
	assert_string_equal(mb2_tag_name(22), "unknown");
	assert_string_equal(mb2_tag_name(0xffffffffu), "unknown");
	for (uint32_t t = 0; t <= MB2_TAG_LOAD_BASE_ADDR; t++)
		assert_string_not_equal(mb2_tag_name(t), "unknown");

	assert_string_equal(mb2_memory_type_name(1), "available");
	assert_string_equal(mb2_memory_type_name(2), "reserved");
	assert_string_equal(mb2_memory_type_name(3), "ACPI reclaimable");
	assert_string_equal(mb2_memory_type_name(4), "ACPI NVS");
	assert_string_equal(mb2_memory_type_name(5), "bad RAM");
	assert_string_equal(mb2_memory_type_name(0), "reserved");
	assert_string_equal(mb2_memory_type_name(1234), "reserved");
}

static void test_short_error_buffer(void **state)
{
	(void)state;
	char small[20];
	memset(small, 'x', sizeof(small));
	blob_begin(&blob);
	blob_end(&blob);
	put_u32(&blob, 0, 8);
	assert_int_equal(mb2_parse(blob.bytes, INFO_PHYS, blob.used, &info, small, 12), -1);
	assert_string_equal(small, "multiboot2:");
	assert_int_equal(small[12], 'x');
	assert_int_equal(mb2_parse(blob.bytes, INFO_PHYS, blob.used, &info, NULL, 0), -1);
}

/* ---- malformed information, each with the message it must produce ---- */

/* A malformed case: build it into blob, then parse with the given pointer, phys and bytes. */
struct bad_case {
	const char *name;
	/* Builds blob; returns the offset of the information inside blob.bytes (usually 0). */
	uint32_t (*build)(struct blob *b);
	uint64_t phys;              /* 0: INFO_PHYS */
	size_t available;           /* 0: blob.used */
	const char *expected;
};

static uint32_t build_total_too_big(struct blob *b) { build_good(b); put_u32(b, 0, b->used + 8); return 0; }
static uint32_t build_total_too_small(struct blob *b) { blob_begin(b); blob_end(b); put_u32(b, 0, 8); return 0; }
static uint32_t build_only_header(struct blob *b) { blob_begin(b); blob_end(b); return 0; }
static uint32_t build_null(struct blob *b) { (void)b; return UINT32_MAX; }

static uint32_t build_misaligned_info(struct blob *b)
{
	blob_begin(b);
	blob_end(b);
	memmove(b->bytes + 4, b->bytes, b->used);
	return 4;
}

static uint32_t build_tag_size_below_8(struct blob *b)
{
	blob_begin(b);
	uint32_t at = blob_string(b, MB2_TAG_CMDLINE, "x");
	blob_end(b);
	put_u32(b, at + 4, 4);
	return 0;
}

static uint32_t build_tag_overruns_total(struct blob *b)
{
	blob_begin(b);
	uint32_t at = blob_string(b, MB2_TAG_CMDLINE, "x");
	blob_end(b);
	put_u32(b, at + 4, 100);
	return 0;
}

static uint32_t build_missing_end_tag(struct blob *b)
{
	blob_begin(b);
	blob_string(b, MB2_TAG_CMDLINE, "log=info");
	put_u32(b, 0, b->used);
	return 0;
}

/* The last tag's size fits, but its padding would run past total_size: no room for an end. */
static uint32_t build_padding_past_total(struct blob *b)
{
	blob_begin(b);
	blob_string(b, MB2_TAG_CMDLINE, "abc");       /* 12 bytes, padded to 16 */
	put_u32(b, 0, 8 + 12);
	return 0;
}

static uint32_t build_end_tag_not_last(struct blob *b)
{
	blob_begin(b);
	blob_end(b);
	blob_string(b, MB2_TAG_CMDLINE, "late");
	put_u32(b, 0, b->used);
	return 0;
}

static uint32_t build_end_tag_too_big(struct blob *b)
{
	blob_begin(b);
	blob_tag(b, MB2_TAG_END, (uint8_t[8]){ 0 }, 8);
	put_u32(b, 0, b->used);
	return 0;
}

static uint32_t build_unterminated_cmdline(struct blob *b)
{
	blob_begin(b);
	blob_tag(b, MB2_TAG_CMDLINE, "hello", 5);   /* no NUL; the padding after it is zero */
	blob_end(b);
	return 0;
}

static uint32_t build_empty_cmdline_tag(struct blob *b)
{
	blob_begin(b);
	blob_tag(b, MB2_TAG_CMDLINE, NULL, 0);
	blob_end(b);
	return 0;
}

static uint32_t build_unterminated_loader_name(struct blob *b)
{
	blob_begin(b);
	blob_tag(b, MB2_TAG_BOOT_LOADER_NAME, "GRUB", 4);
	blob_end(b);
	return 0;
}

static uint32_t build_unterminated_module_string(struct blob *b)
{
	blob_begin(b);
	blob_tag(b, MB2_TAG_MODULE, (uint32_t[]){ 0x1000, 0x2000, 0x41414141 }, 12);
	blob_end(b);
	return 0;
}

static uint32_t build_module_end_below_start(struct blob *b)
{
	blob_begin(b);
	blob_module(b, 0x200000, 0x100000, "guest");
	blob_end(b);
	return 0;
}

static uint32_t build_module_too_small(struct blob *b)
{
	blob_begin(b);
	blob_tag(b, MB2_TAG_MODULE, (uint32_t[]){ 0x1000, 0x2000 }, 8);
	blob_end(b);
	return 0;
}

static uint32_t build_too_many_modules(struct blob *b)
{
	blob_begin(b);
	for (int i = 0; i <= MB2_MAX_MODULES; i++)
		blob_module(b, 0x100000, 0x200000, "m");
	blob_end(b);
	return 0;
}

/* Puts the memory map at offset 0x48, as in the example in the brief. */
static uint32_t build_mmap_entry_size_12(struct blob *b)
{
	blob_begin(b);
	blob_string(b, MB2_TAG_CMDLINE, "guest_mem=64M log=debug");            /* 0x08..0x28 */
	blob_string(b, MB2_TAG_BOOT_LOADER_NAME, "GRUB 2.06-13+deb12u1");      /* 0x28..0x48 */
	uint32_t at = blob_mmap(b, 24, good_map, 2);
	put_u32(b, at + 8, 12);
	blob_end(b);
	return 0;
}

static uint32_t build_mmap_entry_size_not_multiple_of_8(struct blob *b)
{
	blob_begin(b);
	blob_mmap(b, 28, good_map, 2);
	blob_end(b);
	return 0;
}

static uint32_t build_mmap_partial_entry(struct blob *b)
{
	blob_begin(b);
	uint32_t at = blob_mmap(b, 24, good_map, 2);
	put_u32(b, at + 4, 16 + 24 + 8);
	blob_end(b);
	return 0;
}

static uint32_t build_mmap_tag_too_small(struct blob *b)
{
	blob_begin(b);
	blob_tag(b, MB2_TAG_MMAP, (uint32_t[]){ 24 }, 4);
	blob_end(b);
	return 0;
}

static uint32_t build_mmap_entry_wraps(struct blob *b)
{
	struct mb2_memory_region map[] = {
		{ 0x100000, 0x1000, 1 },
		{ 0xfffffffffffff000ull, 0x2000, 1 },
	};
	blob_begin(b);
	blob_mmap(b, 24, map, 2);
	blob_end(b);
	return 0;
}

static uint32_t build_mmap_too_many_regions(struct blob *b)
{
	struct mb2_memory_region map[MB2_MAX_MEMORY_REGIONS + 1];
	for (int i = 0; i <= MB2_MAX_MEMORY_REGIONS; i++)   /* gaps between them: no merging */
		map[i] = (struct mb2_memory_region){ 0x100000 + i * 0x2000ull, 0x1000, 1 };
	blob_begin(b);
	blob_mmap(b, 24, map, MB2_MAX_MEMORY_REGIONS + 1);
	blob_end(b);
	return 0;
}

static uint32_t build_framebuffer_too_small(struct blob *b)
{
	blob_begin(b);
	uint32_t at = blob_framebuffer(b, 0xb8000, 160, 80, 25, 16, 2);
	put_u32(b, at + 4, 28);
	blob_end(b);
	return 0;
}

static uint32_t build_efi64_too_small(struct blob *b)
{
	blob_begin(b);
	blob_tag(b, MB2_TAG_EFI64, (uint32_t[]){ 0x7fee18 }, 4);
	blob_end(b);
	return 0;
}

static const struct bad_case bad_cases[] = {
	{ "NULL information", build_null, 0, 0,
	  "multiboot2: no information (NULL pointer)" },
	{ "total_size larger than available", build_total_too_big, 0, 0,
	  "multiboot2: total_size 536 is larger than the 528 bytes available" },
	{ "total_size smaller than 16", build_total_too_small, 0, 0,
	  "multiboot2: total_size 8 is smaller than 16 (the header and an end tag)" },
	{ "fewer than 8 bytes available", build_only_header, 0, 4,
	  "multiboot2: only 4 bytes available, fewer than the 8-byte header" },
	{ "information pointer misaligned", build_misaligned_info, INFO_PHYS + 4, 0,
	  "multiboot2: the information at physical 0x10004 is not 8-byte aligned" },
	{ "information physical address misaligned", build_only_header, INFO_PHYS + 2, 0,
	  "multiboot2: the information at physical 0x10002 is not 8-byte aligned" },
	{ "tag size below 8", build_tag_size_below_8, 0, 0,
	  "multiboot2: command line tag (type 1) at offset 0x8: size 4 is smaller than the 8-byte tag header" },
	{ "tag overruns total_size", build_tag_overruns_total, 0, 0,
	  "multiboot2: command line tag (type 1) at offset 0x8: size 100 runs past total_size 32" },
	{ "missing end tag", build_missing_end_tag, 0, 0,
	  "multiboot2: no end tag before total_size 32" },
	{ "padding runs past total_size", build_padding_past_total, 0, 0,
	  "multiboot2: no end tag before total_size 20" },
	{ "end tag not last", build_end_tag_not_last, 0, 0,
	  "multiboot2: end tag (type 0) at offset 0x8: 16 bytes follow it before total_size 32" },
	{ "end tag size 16", build_end_tag_too_big, 0, 0,
	  "multiboot2: end tag (type 0) at offset 0x8: size 16, but an end tag is 8 bytes" },
	{ "unterminated command line", build_unterminated_cmdline, 0, 0,
	  "multiboot2: command line tag (type 1) at offset 0x8: the command line is not NUL-terminated within the tag's 13 bytes" },
	{ "command line tag with no room for a NUL", build_empty_cmdline_tag, 0, 0,
	  "multiboot2: command line tag (type 1) at offset 0x8: size 8 is smaller than 9, the least this tag type needs" },
	{ "unterminated boot loader name", build_unterminated_loader_name, 0, 0,
	  "multiboot2: boot loader name tag (type 2) at offset 0x8: the name is not NUL-terminated within the tag's 12 bytes" },
	{ "unterminated module string", build_unterminated_module_string, 0, 0,
	  "multiboot2: module tag (type 3) at offset 0x8: the module string is not NUL-terminated within the tag's 20 bytes" },
	{ "module end below start", build_module_end_below_start, 0, 0,
	  "multiboot2: module tag (type 3) at offset 0x8: mod_start 0x200000 is above mod_end 0x100000" },
	{ "module tag without a string", build_module_too_small, 0, 0,
	  "multiboot2: module tag (type 3) at offset 0x8: size 16 is smaller than 17, the least this tag type needs" },
	{ "too many modules", build_too_many_modules, 0, 0,
	  "multiboot2: module tag (type 3) at offset 0x188: more than 16 modules" },
	{ "memory map entry_size 12", build_mmap_entry_size_12, 0, 0,
	  "multiboot2: memory map tag (type 6) at offset 0x48: entry_size 12 is smaller than 24" },
	{ "memory map entry_size 28", build_mmap_entry_size_not_multiple_of_8, 0, 0,
	  "multiboot2: memory map tag (type 6) at offset 0x8: entry_size 28 is not a multiple of 8" },
	{ "memory map partial entry", build_mmap_partial_entry, 0, 0,
	  "multiboot2: memory map tag (type 6) at offset 0x8: its 32 bytes of entries are not a whole number of 24-byte entries" },
	{ "memory map tag too small", build_mmap_tag_too_small, 0, 0,
	  "multiboot2: memory map tag (type 6) at offset 0x8: size 12 is smaller than 16, the least this tag type needs" },
	{ "memory map entry wraps", build_mmap_entry_wraps, 0, 0,
	  "multiboot2: memory map tag (type 6) at offset 0x8: entry 1: base 0xfffffffffffff000 + length 0x2000 runs past 2^64" },
	{ "too many memory regions", build_mmap_too_many_regions, 0, 0,
	  "multiboot2: memory map tag (type 6) at offset 0x8: more than 128 memory regions" },
	{ "framebuffer tag too small", build_framebuffer_too_small, 0, 0,
	  "multiboot2: framebuffer info tag (type 8) at offset 0x8: size 28 is smaller than 32, the least this tag type needs" },
	{ "EFI64 tag too small", build_efi64_too_small, 0, 0,
	  "multiboot2: EFI 64-bit system table pointer tag (type 12) at offset 0x8: size 12 is smaller than 16, the least this tag type needs" },
};

static void test_malformed(void **state)
{
	(void)state;
	int failures = 0;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		uint32_t at = c->build(&blob);
		const void *start = at == UINT32_MAX ? NULL : blob.bytes + at;
		size_t available = c->available ? c->available : blob.used;
		memset(error, 'x', sizeof(error));
		int rc = mb2_parse(start, c->phys ? c->phys : INFO_PHYS, available, &info, error, sizeof(error));
		if (rc != -1 || strcmp(error, c->expected) != 0) {
			print_error("case \"%s\": returned %d\n  want: %s\n  got:  %s\n", c->name, rc,
				    c->expected, rc == 0 ? "(no error)" : error);
			failures++;
		}
	}
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_info),
		cmocka_unit_test(test_only_end_tag),
		cmocka_unit_test(test_mmap_wide_entries_and_merging),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_short_error_buffer),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests_name("multiboot2", tests, NULL, NULL);
}
