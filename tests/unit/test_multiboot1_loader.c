/*
 * The Multiboot 1 loader: ELF32, ELF64 and a.out-kludge images built in memory, the boot
 * information it writes, and a table of malformed images with the message each must get.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "loader/elf.h"
#include "loader/guest_loader.h"
#include "loader/multiboot1.h"
#include "loader/multiboot1_loader.h"

#define MiB (1ull << 20)

/* ---- images built in memory --------------------------------------------------------- */

#define IMAGE_MAX 0x4000
#define GARBAGE   0xA5

static uint8_t image[IMAGE_MAX];
static size_t image_size;
static struct guest_ram ram;
static struct guest_boot_state boot;
static char error[256];

struct segment {
	uint32_t type;
	uint64_t offset, vaddr, paddr, filesz, memsz;
};

/* Guest RAM is mm/guest_ram.c over the test frame pool (tests/unit/support/fake_frames.c). */
static int setup(void **state)
{
	(void)state;
	assert_int_equal(guest_ram_create(&ram, 16 * MiB), 0);
	guest_ram_fill(&ram, 0, GARBAGE, ram.size); /* so missing zeroing shows */
	for (size_t i = 0; i < IMAGE_MAX; i++)
		image[i] = (uint8_t)(i * 7 + 3);
	image_size = 0x3000;
	memset(&boot, 0, sizeof(boot));
	memset(error, 0, sizeof(error));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	guest_ram_destroy(&ram);
	return 0;
}

static void put32(size_t offset, uint32_t value) { memcpy(image + offset, &value, 4); }

/* A Multiboot header with a valid checksum and, when given, the a.out-kludge fields. */
static void put_mb_header(size_t offset, uint32_t flags)
{
	put32(offset, MB1_HEADER_MAGIC);
	put32(offset + 4, flags);
	put32(offset + 8, 0u - MB1_HEADER_MAGIC - flags);
}

static void put_aout_fields(size_t offset, uint32_t header_addr, uint32_t load_addr,
			    uint32_t load_end_addr, uint32_t bss_end_addr, uint32_t entry_addr)
{
	put32(offset + 12, header_addr);
	put32(offset + 16, load_addr);
	put32(offset + 20, load_end_addr);
	put32(offset + 24, bss_end_addr);
	put32(offset + 28, entry_addr);
}

/* An ELF file header and program header table at the start of the image. */
static void put_elf(bool is64, uint16_t machine, uint64_t entry, const struct segment *segs,
		    uint16_t count)
{
	uint8_t ident[EI_NIDENT] = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3,
				     is64 ? ELFCLASS64 : ELFCLASS32, ELFDATA2LSB, EV_CURRENT };
	if (is64) {
		struct elf64_ehdr h = { .e_type = ET_EXEC, .e_machine = machine,
					.e_version = EV_CURRENT, .e_entry = entry,
					.e_phoff = sizeof(h), .e_ehsize = sizeof(h),
					.e_phentsize = sizeof(struct elf64_phdr), .e_phnum = count };
		memcpy(h.e_ident, ident, EI_NIDENT);
		memcpy(image, &h, sizeof(h));
		for (uint16_t i = 0; i < count; i++) {
			struct elf64_phdr p = { segs[i].type, 5, segs[i].offset, segs[i].vaddr,
						segs[i].paddr, segs[i].filesz, segs[i].memsz, 0x1000 };
			memcpy(image + sizeof(h) + i * sizeof(p), &p, sizeof(p));
		}
	} else {
		struct elf32_ehdr h = { .e_type = ET_EXEC, .e_machine = machine,
					.e_version = EV_CURRENT, .e_entry = (uint32_t)entry,
					.e_phoff = sizeof(h), .e_ehsize = sizeof(h),
					.e_phentsize = sizeof(struct elf32_phdr), .e_phnum = count };
		memcpy(h.e_ident, ident, EI_NIDENT);
		memcpy(image, &h, sizeof(h));
		for (uint16_t i = 0; i < count; i++) {
			struct elf32_phdr p = { segs[i].type, (uint32_t)segs[i].offset,
						(uint32_t)segs[i].vaddr, (uint32_t)segs[i].paddr,
						(uint32_t)segs[i].filesz, (uint32_t)segs[i].memsz,
						5, 0x1000 };
			memcpy(image + sizeof(h) + i * sizeof(p), &p, sizeof(p));
		}
	}
}

/*
 * The standard ELF image: a note, text at 1 MiB holding the Multiboot header (file
 * 0x1000-0x1FFF), data and bss after it (file 0x2000-0x27FF, memory 0x101000-0x102FFF).
 */
static struct segment standard[3] = {
	{ 4, 0x200, 0, 0, 0x10, 0x10 },
	{ PT_LOAD, 0x1000, 0x100000, 0x100000, 0x1000, 0x1000 },
	{ PT_LOAD, 0x2000, 0x101000, 0x101000, 0x800, 0x2000 },
};

static void standard_elf(bool is64, uint32_t mb_flags)
{
	put_elf(is64, is64 ? EM_X86_64 : EM_386, 0x100010, standard, 3);
	put_mb_header(0x1000, mb_flags);
}

static int load(const char *cmdline)
{
	return multiboot1_load(image, image_size, cmdline, &ram, &boot, error, sizeof(error));
}

static void assert_ram_equals_image(uint64_t gpa, size_t offset, size_t len)
{
	uint8_t *copy = malloc(len);
	assert_int_equal(guest_ram_read(&ram, gpa, copy, len), 0);
	assert_memory_equal(copy, image + offset, len);
	free(copy);
}

static void assert_ram_is(uint64_t gpa, uint8_t byte, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint8_t b;
		guest_ram_read(&ram, gpa + i, &b, 1);
		assert_int_equal(b, byte);
	}
}

static void read_string(uint64_t gpa, char *out, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		guest_ram_read(&ram, gpa + i, &out[i], 1);
		if (!out[i])
			return;
	}
	out[max - 1] = '\0';
}

/* The boot information every successful load must leave behind. */
static void assert_boot_info(const char *cmdline)
{
	struct mb1_info info;
	assert_int_equal(guest_ram_read(&ram, MB1_INFO_ADDR, &info, sizeof(info)), 0);
	assert_int_equal(info.flags, MB1_INFO_MEMORY | MB1_INFO_CMDLINE | MB1_INFO_MEM_MAP |
					     MB1_INFO_LOADER_NAME);
	assert_int_equal(info.mem_lower, 639);
	assert_int_equal(info.mem_upper, (16 * MiB - MiB) / 1024);
	assert_int_equal(info.mods_count, 0);

	char text[128];
	read_string(info.cmdline, text, sizeof(text));
	assert_string_equal(text, cmdline);
	read_string(info.boot_loader_name, text, sizeof(text));
	assert_string_equal(text, "vmxhv");

	assert_int_equal(info.mmap_length, 3 * sizeof(struct mb1_mmap_entry));
	struct mb1_mmap_entry map[3];
	guest_ram_read(&ram, info.mmap_addr, map, sizeof(map));
	const uint64_t base[3] = { 0, 0x9FC00, 0x100000 };
	const uint64_t length[3] = { 0x9FC00, 0x100000 - 0x9FC00, 15 * MiB };
	const uint32_t type[3] = { MB1_MEMORY_AVAILABLE, MB1_MEMORY_RESERVED,
				   MB1_MEMORY_AVAILABLE };
	for (int i = 0; i < 3; i++) {
		assert_int_equal(map[i].size, 20);
		assert_int_equal(map[i].base_addr, base[i]);
		assert_int_equal(map[i].length, length[i]);
		assert_int_equal(map[i].type, type[i]);
	}
	assert_true(info.mmap_addr >= MB1_INFO_AREA_START);
	assert_true(info.cmdline + strlen(cmdline) < MB1_INFO_AREA_END);

	assert_int_equal(boot.mode, GUEST_ENTRY_PROTECTED32_FLAT);
	assert_int_equal(boot.rax, 0x2BADB002);
	assert_int_equal(boot.rbx, MB1_INFO_ADDR);
}

/* ---- loading good images ------------------------------------------------------------ */

static void elf32_image_loads(void **state)
{
	(void)state;
	standard_elf(false, MB1_HEADER_PAGE_ALIGN | MB1_HEADER_MEMORY_INFO);
	assert_true(multiboot1_probe(image, image_size));
	assert_int_equal(load("console=ttyS0 answer=42"), 0);
	assert_ram_equals_image(0x100000, 0x1000, 0x1000);
	assert_ram_equals_image(0x101000, 0x2000, 0x800);
	assert_ram_is(0x101800, 0, 0x1800);          /* bss zeroed */
	assert_ram_is(0x103000, GARBAGE, 16);        /* nothing beyond it touched */
	assert_ram_is(0x0, GARBAGE, 16);             /* the note is not loaded */
	assert_int_equal(boot.rip, 0x100010);
	assert_boot_info("console=ttyS0 answer=42");
}

static void elf64_image_loads_with_higher_half_entry(void **state)
{
	(void)state;
	struct segment segs[2] = {
		{ PT_LOAD, 0x1000, 0xFFFFFFFF80100000ull, 0x100000, 0x1000, 0x1000 },
		{ PT_LOAD, 0x2000, 0xFFFFFFFF80101000ull, 0x101000, 0x800, 0x2000 },
	};
	put_elf(true, EM_X86_64, 0xFFFFFFFF80100020ull, segs, 2);
	put_mb_header(0x1000, MB1_HEADER_MEMORY_INFO);
	assert_int_equal(load(NULL), 0);
	assert_ram_equals_image(0x100000, 0x1000, 0x1000);
	assert_ram_equals_image(0x101000, 0x2000, 0x800);
	assert_ram_is(0x101800, 0, 0x1800);
	assert_int_equal(boot.rip, 0x100020);
	assert_boot_info("");
}

static void elf64_image_with_low_entry_loads(void **state)
{
	(void)state;
	standard_elf(true, 0);
	assert_int_equal(load("x"), 0);
	assert_int_equal(boot.rip, 0x100010);
	assert_ram_equals_image(0x100000, 0x1000, 0x1000);
	assert_boot_info("x");
}

static void video_mode_request_is_declined_not_refused(void **state)
{
	(void)state;
	standard_elf(false, MB1_HEADER_VIDEO_MODE);
	assert_int_equal(load(""), 0);
	struct mb1_info info;
	guest_ram_read(&ram, MB1_INFO_ADDR, &info, sizeof(info));
	assert_false(info.flags & MB1_INFO_VBE_INFO);
}

static void optional_flag_bits_are_ignored(void **state)
{
	(void)state;
	standard_elf(false, 0x00020000); /* bit 17: not a requirement */
	assert_int_equal(load(""), 0);
}

static void aout_kludge_image_loads_with_bss(void **state)
{
	(void)state;
	/* A flat binary: header at file 0x10, file 0 at 0x100000, text and data 0x1800 bytes,
	 * bss up to 0x103000. */
	image_size = 0x2000;
	put_mb_header(0x10, MB1_HEADER_MEMORY_INFO | MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x100010, 0x100000, 0x101800, 0x103000, 0x100040);
	assert_true(multiboot1_probe(image, image_size));
	assert_int_equal(load("aout"), 0);
	assert_ram_equals_image(0x100000, 0, 0x1800);
	assert_ram_is(0x101800, 0, 0x1800);
	assert_ram_is(0x103000, GARBAGE, 16);
	assert_int_equal(boot.rip, 0x100040);
	assert_boot_info("aout");
}

static void aout_kludge_without_load_end_loads_the_rest_of_the_file(void **state)
{
	(void)state;
	/* Header at file 0x1010 sits at 0x200010: the image starts at file 0x1000. */
	image_size = 0x3000;
	put_mb_header(0x1010, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x1010, 0x200010, 0x200000, 0, 0, 0x200100);
	assert_int_equal(load(""), 0);
	assert_ram_equals_image(0x200000, 0x1000, 0x2000);
	assert_ram_is(0x202000, GARBAGE, 16); /* no bss */
	assert_ram_is(0x1FFFF0, GARBAGE, 16);
	assert_int_equal(boot.rip, 0x200100);
}

static void aout_kludge_wins_over_elf_headers(void **state)
{
	(void)state;
	standard_elf(false, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x1000, 0x300000, 0x300000, 0x300800, 0, 0x300020);
	assert_int_equal(load(""), 0);
	assert_ram_equals_image(0x300000, 0x1000, 0x800);
	assert_ram_is(0x100000, GARBAGE, 16);
	assert_int_equal(boot.rip, 0x300020);
}

static void aout_kludge_header_may_end_at_8k_and_at_the_end_of_the_file(void **state)
{
	(void)state;
	/* The 32-byte header fills the last bytes of the first 8192, which end the file. */
	image_size = 0x2000;
	put_mb_header(0x1FE0, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x1FE0, 0x101FE0, 0x100000, 0, 0, 0x100040);
	assert_int_equal(load(""), 0);
	assert_ram_equals_image(0x100000, 0, 0x2000);
	assert_int_equal(boot.rip, 0x100040);
}

static void longest_command_line_fits_the_area(void **state)
{
	(void)state;
	static char cmdline[MB1_CMDLINE_MAX + 1];
	memset(cmdline, 'c', MB1_CMDLINE_MAX);
	standard_elf(false, 0);
	assert_int_equal(load(cmdline), 0);
	assert_ram_is(MB1_CMDLINE_ADDR + MB1_CMDLINE_MAX, 0, 1);
}

/* ---- malformed images -------------------------------------------------------------- */

struct bad_case {
	const char *name;
	void (*build)(void);
	const char *message;
};

static void no_header(void) { memset(image, 0, image_size); }
static void bad_checksum(void)
{
	standard_elf(false, 0);
	put32(0x1008, 0u - MB1_HEADER_MAGIC + 1);
}
static void header_beyond_8k(void)
{
	standard_elf(false, 0);
	put32(0x1000, 0);
	put_mb_header(0x2000, 0);
}
static void header_straddling_8k(void)
{
	standard_elf(false, 0);
	put32(0x1000, 0);
	put_mb_header(0x1FF8, 0);
}
static void misaligned_header(void)
{
	standard_elf(false, 0);
	put32(0x1000, 0);
	put_mb_header(0x1002, 0);
}
static void unknown_required_flag(void) { standard_elf(false, 0x0000000B); }
static void truncated_elf_header(void)
{
	standard_elf(false, 0);
	image_size = 40;
	put_mb_header(16, 0);
}
static void truncated_program_headers(void)
{
	standard_elf(false, 0);
	put32(offsetof(struct elf32_ehdr, e_phoff), 0x2FC0);
}
static void no_program_headers(void)
{
	standard_elf(false, 0);
	image[offsetof(struct elf32_ehdr, e_phnum)] = 0;
}
static void no_loadable_segment(void)
{
	put_elf(false, EM_386, 0x100010, standard, 1);
	put_mb_header(0x1000, 0);
}
static void segment_past_end_of_file(void)
{
	standard[2].filesz = standard[2].memsz = 0x2000;
	standard_elf(false, 0);
	standard[2].filesz = 0x800;
	standard[2].memsz = 0x2000;
}
static void segment_offset_overflows(void)
{
	struct segment segs[2] = { standard[1],
				   { PT_LOAD, 0xFFFFFFFFFFFFF000ull, 0x101000, 0x101000, 0x2000,
				     0x2000 } };
	put_elf(true, EM_X86_64, 0x100010, segs, 2);
	put_mb_header(0x1000, 0);
}
static void segment_outside_ram(void)
{
	struct segment segs[2] = { standard[1],
				   { PT_LOAD, 0x2000, 0xFF0000, 0xFF0000, 0x800, 0x20000 } };
	put_elf(false, EM_386, 0x100010, segs, 2);
	put_mb_header(0x1000, 0);
}
static void oversized_image(void)
{
	struct segment segs[1] = { { PT_LOAD, 0x1000, 0x100000, 0x100000, 0x1000, 64 * MiB } };
	put_elf(false, EM_386, 0x100010, segs, 1);
	put_mb_header(0x1000, 0);
}
static void segment_paddr_overflows(void)
{
	struct segment segs[2] = { standard[1],
				   { PT_LOAD, 0x2000, 0, 0xFFFFFFFFFFFFF000ull, 0x800, 0x2000 } };
	put_elf(true, EM_X86_64, 0x100010, segs, 2);
	put_mb_header(0x1000, 0);
}
static void memsz_below_filesz(void)
{
	struct segment segs[2] = { standard[1],
				   { PT_LOAD, 0x2000, 0x101000, 0x101000, 0x800, 0x400 } };
	put_elf(false, EM_386, 0x100010, segs, 2);
	put_mb_header(0x1000, 0);
}
static void entry_above_4g(void)
{
	put_elf(true, EM_X86_64, 0x100000000ull, standard, 3);
	put_mb_header(0x1000, 0);
}
static void entry_in_no_segment(void)
{
	put_elf(false, EM_386, 0x500000, standard, 3);
	put_mb_header(0x1000, 0);
}
static void segment_over_info_area(void)
{
	struct segment segs[2] = { standard[1],
				   { PT_LOAD, 0x2000, 0x9000, 0x9000, 0x800, 0x1000 } };
	put_elf(false, EM_386, 0x100010, segs, 2);
	put_mb_header(0x1000, 0);
}
static void wrong_machine(void)
{
	put_elf(false, 0x28, 0x100010, standard, 3);
	put_mb_header(0x1000, 0);
}
static void wrong_class(void)
{
	standard_elf(false, 0);
	image[EI_CLASS] = 3;
}
static void big_endian(void)
{
	standard_elf(false, 0);
	image[EI_DATA] = 2;
}
static void not_elf_without_aout(void)
{
	memset(image, 0, 0x1000);
	put_mb_header(0x40, 0);
}
static void aout_fields_truncated(void)
{
	image_size = 0x1010;
	put_mb_header(0x1000, MB1_HEADER_AOUT_KLUDGE);
}
/* Magic, flags and checksum within 8192 bytes, the a.out-kludge fields not (spec 3.1.1). */
static void aout_fields_past_8k(void)
{
	put_mb_header(0x1FE4, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x1FE4, 0x101FE4, 0x100000, 0, 0, 0x100040);
}
static void aout_fields_past_8k_and_the_file(void)
{
	image_size = 0x1FF8;
	put_mb_header(0x1FEC, MB1_HEADER_AOUT_KLUDGE);
}
static void aout_load_above_header(void)
{
	put_mb_header(0x10, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x100010, 0x100020, 0, 0, 0x100020);
}
static void aout_before_file_start(void)
{
	put_mb_header(0x10, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x100010, 0x0FF000, 0, 0, 0x100020);
}
static void aout_load_end_not_above_load(void)
{
	put_mb_header(0x10, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x100010, 0x100000, 0x100000, 0, 0x100020);
}
static void aout_load_end_past_file(void)
{
	put_mb_header(0x10, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x100010, 0x100000, 0x104000, 0, 0x100020);
}
static void aout_bss_below_load_end(void)
{
	put_mb_header(0x10, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x100010, 0x100000, 0x101000, 0x100800, 0x100020);
}
static void aout_outside_ram(void)
{
	put_mb_header(0x10, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x100010, 0x100000, 0x101000, 0x2000000, 0x100020);
}
static void aout_over_info_area(void)
{
	put_mb_header(0x10, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x7010, 0x7000, 0, 0, 0x7020);
}
static void aout_entry_outside(void)
{
	put_mb_header(0x10, MB1_HEADER_AOUT_KLUDGE);
	put_aout_fields(0x10, 0x100010, 0x100000, 0x101000, 0x102000, 0x101800);
}

static const struct bad_case bad_cases[] = {
	{ "no header", no_header,
	  "guest module: no Multiboot header in the first 8192 bytes" },
	{ "bad checksum", bad_checksum,
	  "guest module: Multiboot header checksum mismatch at offset 0x1000 "
	  "(magic + flags + checksum = 0x1, must be 0)" },
	{ "header beyond 8 KiB", header_beyond_8k,
	  "guest module: Multiboot header at offset 0x2000 lies beyond the first 8192 bytes" },
	{ "header straddling 8 KiB", header_straddling_8k,
	  "guest module: Multiboot header at offset 0x1ff8 lies beyond the first 8192 bytes" },
	{ "misaligned header", misaligned_header,
	  "guest module: no Multiboot header in the first 8192 bytes" },
	{ "unknown required flag", unknown_required_flag,
	  "guest module: Multiboot header requires feature flag bit 3 (flags 0xb), which vmxhv "
	  "does not support" },
	{ "truncated ELF header", truncated_elf_header,
	  "guest module: truncated ELF header (40 of 52 bytes)" },
	{ "truncated program header table", truncated_program_headers,
	  "guest module: truncated ELF program header table (3 entries at offset 0x2fc0, file is "
	  "0x3000 bytes)" },
	{ "no program headers", no_program_headers,
	  "guest module: ELF file has no program headers" },
	{ "no loadable segment", no_loadable_segment,
	  "guest module: ELF file has no loadable segment" },
	{ "segment past end of file", segment_past_end_of_file,
	  "guest module: ELF segment 2 (offset 0x2000, filesz 0x2000) extends past the end of the "
	  "file (0x3000 bytes)" },
	{ "segment offset overflows", segment_offset_overflows,
	  "guest module: ELF segment 1 (offset 0xfffffffffffff000, filesz 0x2000) extends past "
	  "the end of the file (0x3000 bytes)" },
	{ "segment outside guest RAM", segment_outside_ram,
	  "guest module: ELF segment 1 (paddr 0xff0000, memsz 0x20000) lies outside guest RAM "
	  "(16 MiB)" },
	{ "oversized image", oversized_image,
	  "guest module: ELF segment 0 (paddr 0x100000, memsz 0x4000000) lies outside guest RAM "
	  "(16 MiB)" },
	{ "segment paddr overflows", segment_paddr_overflows,
	  "guest module: ELF segment 1 (paddr 0xfffffffffffff000, memsz 0x2000) lies outside "
	  "guest RAM (16 MiB)" },
	{ "memsz below filesz", memsz_below_filesz,
	  "guest module: ELF segment 1: file size 0x800 exceeds memory size 0x400" },
	{ "ELF64 entry above 4 GiB", entry_above_4g,
	  "guest module: ELF entry point 0x100000000 lies above 4 GiB, but the guest starts in "
	  "32-bit mode" },
	{ "entry in no segment", entry_in_no_segment,
	  "guest module: ELF entry point 0x500000 lies in no loadable segment" },
	{ "segment over the info area", segment_over_info_area,
	  "guest module: ELF segment 1 (paddr 0x9000, memsz 0x1000) overlaps the boot "
	  "information area [0x8000, 0x10000)" },
	{ "wrong machine", wrong_machine,
	  "guest module: unsupported ELF machine 0x28 (EM_386 0x3 or EM_X86_64 0x3e expected)" },
	{ "wrong class", wrong_class,
	  "guest module: unsupported ELF class 3 (1 is ELF32, 2 is ELF64)" },
	{ "big-endian", big_endian,
	  "guest module: ELF file is not little-endian (EI_DATA 2)" },
	{ "not ELF, no a.out kludge", not_elf_without_aout,
	  "guest module: not an ELF file, and its Multiboot header does not set the a.out kludge "
	  "flag (bit 16)" },
	{ "a.out fields truncated", aout_fields_truncated,
	  "guest module: truncated Multiboot header: the a.out kludge fields at offset 0x1000 run "
	  "past the end of the file" },
	{ "a.out fields past 8 KiB", aout_fields_past_8k,
	  "guest module: Multiboot header at offset 0x1fe4 sets the a.out kludge flag (bit 16), "
	  "but its address fields end past the first 8192 bytes" },
	{ "a.out fields past 8 KiB and the end of the file", aout_fields_past_8k_and_the_file,
	  "guest module: Multiboot header at offset 0x1fec sets the a.out kludge flag (bit 16), "
	  "but its address fields end past the first 8192 bytes" },
	{ "a.out load_addr above header_addr", aout_load_above_header,
	  "guest module: Multiboot a.out kludge: load_addr 0x100020 lies above header_addr "
	  "0x100010" },
	{ "a.out starts before the file", aout_before_file_start,
	  "guest module: Multiboot a.out kludge: load_addr 0xff000 would start 0x1000 bytes "
	  "before the beginning of the file" },
	{ "a.out load_end not above load_addr", aout_load_end_not_above_load,
	  "guest module: Multiboot a.out kludge: load_end_addr 0x100000 is not above load_addr "
	  "0x100000" },
	{ "a.out load_end past the file", aout_load_end_past_file,
	  "guest module: Multiboot a.out kludge: load_end_addr 0x104000 lies past the end of the "
	  "file (0x3000 bytes)" },
	{ "a.out bss_end below load_end", aout_bss_below_load_end,
	  "guest module: Multiboot a.out kludge: bss_end_addr 0x100800 lies below the end of the "
	  "loaded image 0x101000" },
	{ "a.out image outside guest RAM", aout_outside_ram,
	  "guest module: image [0x100000, 0x2000000) lies outside guest RAM (16 MiB)" },
	{ "a.out image over the info area", aout_over_info_area,
	  "guest module: image [0x7000, 0xa000) overlaps the boot information area "
	  "[0x8000, 0x10000)" },
	{ "a.out entry outside the image", aout_entry_outside,
	  "guest module: Multiboot a.out kludge: entry_addr 0x101800 lies outside the loaded "
	  "image [0x100000, 0x101000)" },
};

static void malformed_images_are_refused_with_a_clear_message(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		teardown(NULL);
		setup(NULL);
		bad_cases[i].build();
		memset(error, 0, sizeof(error));
		int rc = load("");
		if (rc != -1 || strcmp(error, bad_cases[i].message) != 0)
			fail_msg("case \"%s\": rc %d, message\n  \"%s\"\nexpected\n  \"%s\"",
				 bad_cases[i].name, rc, error, bad_cases[i].message);
	}
}

static void probe_needs_a_valid_header_in_8k(void **state)
{
	(void)state;
	no_header();
	assert_false(multiboot1_probe(image, image_size));
	bad_checksum();
	assert_false(multiboot1_probe(image, image_size));
	header_beyond_8k();
	assert_false(multiboot1_probe(image, image_size));
	standard_elf(true, 0);
	assert_true(multiboot1_probe(image, image_size));
}

static void too_small_guest_ram_is_refused(void **state)
{
	(void)state;
	standard_elf(false, 0);
	uint64_t real_size = ram.size;
	ram.size = MiB; /* guest_ram_create rounds up to 2 MiB: pretend there is less */
	int rc = load("");
	ram.size = real_size;
	assert_int_equal(rc, -1);
	assert_string_equal(error, "guest module: guest RAM of 1024 KiB is too small for a "
				   "Multiboot guest (more than 1 MiB needed)");
}

static void too_long_command_line_is_refused(void **state)
{
	(void)state;
	static char cmdline[MB1_CMDLINE_MAX + 2];
	memset(cmdline, 'c', MB1_CMDLINE_MAX + 1);
	standard_elf(false, 0);
	assert_int_equal(load(cmdline), -1);
	assert_string_equal(error, "guest module: command line of 31744 bytes is too long "
				   "(31743 at most)");
}

static void error_message_is_cut_to_the_buffer(void **state)
{
	(void)state;
	char small[20];
	memset(image, 0, image_size);
	assert_int_equal(multiboot1_load(image, image_size, "", &ram, &boot, small, sizeof(small)),
			 -1);
	assert_string_equal(small, "guest module: no Mu");
}

static void guest_load_hands_multiboot_images_to_their_loader(void **state)
{
	(void)state;
	standard_elf(false, 0);
	assert_int_equal(guest_load(image, image_size, "via guest_load", &ram, &boot, error,
				    sizeof(error)),
			 0);
	assert_int_equal(boot.rip, 0x100010);
	assert_boot_info("via guest_load");
	memset(image, 0, image_size);
	assert_int_equal(guest_load(image, image_size, "", &ram, &boot, error, sizeof(error)), -1);
	assert_string_equal(error, "guest module: no Multiboot header in the first 8192 bytes");
}

static void guest_load_refuses_an_empty_module(void **state)
{
	(void)state;
	assert_int_equal(guest_load(image, 0, "", &ram, &boot, error, sizeof(error)), -1);
	assert_string_equal(error, "guest module: the module is empty");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(elf32_image_loads, setup, teardown),
		cmocka_unit_test_setup_teardown(elf64_image_loads_with_higher_half_entry, setup,
						teardown),
		cmocka_unit_test_setup_teardown(elf64_image_with_low_entry_loads, setup, teardown),
		cmocka_unit_test_setup_teardown(video_mode_request_is_declined_not_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(optional_flag_bits_are_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(aout_kludge_image_loads_with_bss, setup, teardown),
		cmocka_unit_test_setup_teardown(aout_kludge_without_load_end_loads_the_rest_of_the_file,
						setup, teardown),
		cmocka_unit_test_setup_teardown(aout_kludge_wins_over_elf_headers, setup, teardown),
		cmocka_unit_test_setup_teardown(
			aout_kludge_header_may_end_at_8k_and_at_the_end_of_the_file, setup,
			teardown),
		cmocka_unit_test_setup_teardown(longest_command_line_fits_the_area, setup, teardown),
		cmocka_unit_test_setup_teardown(malformed_images_are_refused_with_a_clear_message,
						setup, teardown),
		cmocka_unit_test_setup_teardown(probe_needs_a_valid_header_in_8k, setup, teardown),
		cmocka_unit_test_setup_teardown(too_small_guest_ram_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(too_long_command_line_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(error_message_is_cut_to_the_buffer, setup, teardown),
		cmocka_unit_test_setup_teardown(guest_load_hands_multiboot_images_to_their_loader,
						setup, teardown),
		cmocka_unit_test_setup_teardown(guest_load_refuses_an_empty_module, setup, teardown),
	};
	return cmocka_run_group_tests_name("multiboot1_loader", tests, NULL, NULL);
}
