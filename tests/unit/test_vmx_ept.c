/* vmx/ept.c: EPT tables: map, unmap with splitting, translate, walk, destroy. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vmx/ept.h"
#include "tests/unit/support/cpu_fixtures.h"
#include "tests/unit/support/fake_frames.h"

#define CAP_2M           (1ull << 16)
#define CAP_1G           (1ull << 17)
#define CAP_EXECUTE_ONLY (1ull << 0)
#define GIB (1ull << 30)
#define MIB2 (2ull << 20)
#define KIB4 (4ull << 10)
#define HOST_OFFSET (64 * GIB) /* host frames of the mappings: never touched, any address will do */

static struct ept new_ept(uint64_t ept_vpid_cap)
{
	struct vmx_caps caps = cpu_caps_with_ept(ept_vpid_cap);
	struct ept ept;
	assert_int_equal(ept_create(&ept, &caps), EPT_OK);
	return ept;
}

/*
 * Walk every table and assert no entry is an EPT misconfiguration (SDM 29.3.3.1) or has a
 * reserved bit set; return the number of tables.
 */
static uint64_t check_tables(phys_addr_t table, int level, bool execute_only_ok)
{
	const uint64_t *entries = phys_to_virt(table);
	uint64_t tables = 1;

	for (unsigned i = 0; i < EPT_ENTRIES; i++) {
		uint64_t e = entries[i];
		if (e == 0)
			continue;
		assert_true(e & EPT_PERMS_MASK); /* nothing half-written */
		if (e & EPT_WRITE)
			assert_true(e & EPT_READ);
		if ((e & EPT_EXECUTE) && !(e & EPT_READ))
			assert_true(execute_only_ok);
		assert_int_equal(e & ~(EPT_ADDR_MASK | 0xFFFull), 0); /* bits 63:52 */
		bool leaf = level == 1 || (e & EPT_LEAF);
		if (level == 4)
			assert_false(e & EPT_LEAF);
		if (!leaf) {
			assert_int_equal(e & 0xF8ull, 0); /* bits 7:3 reserved in a table entry */
			tables += check_tables(e & EPT_ADDR_MASK, level - 1, execute_only_ok);
			continue;
		}
		assert_true(ept_memtype_valid((unsigned)((e >> 3) & 7)));
		if (level == 2)
			assert_int_equal(e & 0x1FF000ull, 0);
		if (level == 3)
			assert_int_equal(e & 0x3FFFF000ull, 0);
	}
	return tables;
}

static void check_ept(const struct ept *ept)
{
	uint64_t tables = check_tables(ept->pml4, 4, ept->allow_execute_only);
	assert_int_equal(tables, ept->table_frames);
	assert_int_equal(fake_frames_in_use(), ept->table_frames);
}

static void expect(const struct ept *ept, uint64_t gpa, phys_addr_t hpa, uint64_t page_size,
		   unsigned perms, unsigned memtype)
{
	struct ept_translation t;
	assert_int_equal(ept_translate(ept, gpa, &t), EPT_OK);
	assert_int_equal(t.hpa, hpa);
	assert_int_equal(t.page_size, page_size);
	assert_int_equal(t.perms, perms);
	assert_int_equal(t.memtype, memtype);
}

static void expect_unmapped(const struct ept *ept, uint64_t gpa)
{
	struct ept_translation t;
	assert_int_equal(ept_translate(ept, gpa, &t), EPT_ERR_NOT_MAPPED);
}

static void create_and_destroy(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);

	assert_int_equal(ept.table_frames, 1);
	assert_true(ept.allow_2m && ept.allow_1g && ept.allow_execute_only);
	expect_unmapped(&ept, 0);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
	assert_int_equal(ept.pml4, 0);
}

static void create_needs_ept(void **state)
{
	(void)state;
	struct vmx_msr_values v = { .basic = 0x00d810000000002bull };
	struct vmx_caps caps;
	struct ept ept;

	vmx_caps_decode(&caps, &v);
	assert_int_equal(ept_create(&ept, &caps), EPT_ERR_UNSUPPORTED);
	assert_int_equal(fake_frames_in_use(), 0);
	assert_string_equal(ept_error_text(EPT_ERR_UNSUPPORTED), "EPT is not supported by this CPU");
}

static void map_one_4k_page(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);

	assert_int_equal(ept_map(&ept, 0x7000, 0x12345000, KIB4, EPT_READ | EPT_WRITE, EPT_MEMTYPE_WB), EPT_OK);
	expect(&ept, 0x7000, 0x12345000, KIB4, EPT_READ | EPT_WRITE, EPT_MEMTYPE_WB);
	expect(&ept, 0x7FFF, 0x12345FFF, KIB4, EPT_READ | EPT_WRITE, EPT_MEMTYPE_WB);
	expect_unmapped(&ept, 0x6FFF);
	expect_unmapped(&ept, 0x8000);
	assert_int_equal(ept.table_frames, 4);
	check_ept(&ept);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
}

static void aligned_ranges_get_large_leaves(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);

	assert_int_equal(ept_map(&ept, GIB, 3 * GIB, GIB, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	assert_int_equal(ept.table_frames, 2); /* PML4 + PDPT */
	expect(&ept, GIB + 0x12345678, 3 * GIB + 0x12345678, GIB, EPT_RWX, EPT_MEMTYPE_WB);

	assert_int_equal(ept_map(&ept, 4 * MIB2, 5 * GIB + 4 * MIB2, MIB2, EPT_READ, EPT_MEMTYPE_UC), EPT_OK);
	assert_int_equal(ept.table_frames, 3); /* + PD */
	expect(&ept, 4 * MIB2 + 0x1ABCD, 5 * GIB + 4 * MIB2 + 0x1ABCD, MIB2, EPT_READ, EPT_MEMTYPE_UC);
	check_ept(&ept);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
}

/* 4 KiB + 2 MiB + 1 GiB + 2 MiB + 4 KiB, each piece on the largest leaf that fits. */
static void mixed_page_sizes(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);
	uint64_t gpa = GIB - MIB2 - KIB4;
	uint64_t size = KIB4 + MIB2 + GIB + MIB2 + KIB4;

	assert_int_equal(ept_map(&ept, gpa, gpa + HOST_OFFSET, size, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	expect(&ept, gpa, gpa + HOST_OFFSET, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, GIB - MIB2, GIB - MIB2 + HOST_OFFSET, MIB2, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, GIB, GIB + HOST_OFFSET, GIB, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, 2 * GIB - 1, 2 * GIB - 1 + HOST_OFFSET, GIB, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, 2 * GIB, 2 * GIB + HOST_OFFSET, MIB2, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, 2 * GIB + MIB2, 2 * GIB + MIB2 + HOST_OFFSET, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	expect_unmapped(&ept, gpa - 1);
	expect_unmapped(&ept, gpa + size);
	/* Every 4 KiB page in the range translates, contiguously. */
	for (uint64_t a = gpa; a < gpa + size; a += 0x3F000) {
		struct ept_translation t;
		assert_int_equal(ept_translate(&ept, a, &t), EPT_OK);
		assert_int_equal(t.hpa, a + HOST_OFFSET);
	}
	check_ept(&ept);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
}

/* gpa 2 MiB aligned but hpa only 4 KiB aligned: no large leaf may be used. */
static void misaligned_host_address_uses_4k(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);

	assert_int_equal(ept_map(&ept, MIB2, HOST_OFFSET + KIB4, MIB2, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	expect(&ept, MIB2, HOST_OFFSET + KIB4, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, 2 * MIB2 - 1, HOST_OFFSET + KIB4 + MIB2 - 1, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	assert_int_equal(ept.table_frames, 4);
	check_ept(&ept);
	ept_destroy(&ept);
}

static void large_pages_disallowed_by_capability(void **state)
{
	(void)state;
	/* Neither 2 MiB nor 1 GiB: a 1 GiB map needs 512 page tables. */
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP & ~(CAP_2M | CAP_1G));
	assert_false(ept.allow_2m || ept.allow_1g);
	assert_int_equal(ept_map(&ept, GIB, GIB, GIB, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	expect(&ept, GIB, GIB, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, 2 * GIB - KIB4, 2 * GIB - KIB4, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	assert_int_equal(ept.table_frames, 1 + 1 + 1 + 512);
	check_ept(&ept);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);

	/* 2 MiB but not 1 GiB: 512 2 MiB leaves in one PD. */
	ept = new_ept(HASWELL_EPT_VPID_CAP & ~CAP_1G);
	assert_int_equal(ept_map(&ept, GIB, GIB, GIB, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	expect(&ept, GIB + 0x123456, GIB + 0x123456, MIB2, EPT_RWX, EPT_MEMTYPE_WB);
	assert_int_equal(ept.table_frames, 3);
	check_ept(&ept);
	ept_destroy(&ept);

	/* 1 GiB but not 2 MiB: a 1 GiB leaf where it fits, 4 KiB leaves elsewhere. */
	ept = new_ept(HASWELL_EPT_VPID_CAP & ~CAP_2M);
	assert_int_equal(ept_map(&ept, GIB - MIB2, GIB - MIB2, GIB + MIB2, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	expect(&ept, GIB - MIB2, GIB - MIB2, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, GIB, GIB, GIB, EPT_RWX, EPT_MEMTYPE_WB);
	check_ept(&ept);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
}

/* Unmapping 4 KiB inside a 1 GiB leaf splits it into 2 MiB leaves and one 4 KiB table. */
static void unmap_splits_large_leaves(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);

	assert_int_equal(ept_map(&ept, 0, HOST_OFFSET, GIB, EPT_READ | EPT_EXECUTE, EPT_MEMTYPE_WT), EPT_OK);
	assert_int_equal(ept.table_frames, 2);
	assert_int_equal(ept_unmap(&ept, MIB2 + KIB4, KIB4), EPT_OK);

	expect_unmapped(&ept, MIB2 + KIB4);
	expect_unmapped(&ept, MIB2 + 2 * KIB4 - 1);
	expect(&ept, MIB2, HOST_OFFSET + MIB2, KIB4, EPT_READ | EPT_EXECUTE, EPT_MEMTYPE_WT);
	expect(&ept, MIB2 + 2 * KIB4, HOST_OFFSET + MIB2 + 2 * KIB4, KIB4, EPT_READ | EPT_EXECUTE, EPT_MEMTYPE_WT);
	expect(&ept, 0, HOST_OFFSET, MIB2, EPT_READ | EPT_EXECUTE, EPT_MEMTYPE_WT);
	expect(&ept, GIB - 1, HOST_OFFSET + GIB - 1, MIB2, EPT_READ | EPT_EXECUTE, EPT_MEMTYPE_WT);
	assert_int_equal(ept.table_frames, 4); /* PML4, PDPT, PD from the 1 GiB leaf, PT from a 2 MiB */
	check_ept(&ept);

	/* Unmapping the rest frees every table but the root. */
	assert_int_equal(ept_unmap(&ept, 0, GIB), EPT_OK);
	expect_unmapped(&ept, 0);
	expect_unmapped(&ept, MIB2);
	assert_int_equal(ept.table_frames, 1);
	check_ept(&ept);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
}

/* With 1 GiB leaves but no 2 MiB ones, a split 1 GiB leaf becomes 4 KiB leaves. */
static void split_without_2m_support(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP & ~CAP_2M);

	assert_int_equal(ept_map(&ept, GIB, 0, GIB, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	assert_int_equal(ept_unmap(&ept, GIB, KIB4), EPT_OK);
	expect_unmapped(&ept, GIB);
	expect(&ept, GIB + KIB4, KIB4, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, 2 * GIB - 1, GIB - 1, KIB4, EPT_RWX, EPT_MEMTYPE_WB);
	check_ept(&ept);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
}

static void unmap_of_unmapped_range_is_harmless(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);

	assert_int_equal(ept_unmap(&ept, 0, 4 * GIB), EPT_OK);
	assert_int_equal(ept_map(&ept, KIB4, KIB4, KIB4, EPT_READ, EPT_MEMTYPE_UC), EPT_OK);
	assert_int_equal(ept_unmap(&ept, 0, 4 * GIB), EPT_OK);
	expect_unmapped(&ept, KIB4);
	assert_int_equal(ept.table_frames, 1);
	assert_int_equal(ept_unmap(&ept, 1, KIB4), EPT_ERR_INVALID);
	assert_int_equal(ept_unmap(&ept, 0, 0), EPT_ERR_INVALID);
	ept_destroy(&ept);
}

/* Map over a mapping is refused, whatever the target, and changes nothing. */
static void map_over_existing_mapping(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);

	assert_int_equal(ept_map(&ept, MIB2, HOST_OFFSET, MIB2, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	uint64_t frames = ept.table_frames;
	assert_int_equal(ept_map(&ept, MIB2, HOST_OFFSET, MIB2, EPT_RWX, EPT_MEMTYPE_WB), EPT_ERR_EXISTS);
	assert_int_equal(ept_map(&ept, MIB2, 2 * HOST_OFFSET, MIB2, EPT_READ, EPT_MEMTYPE_UC), EPT_ERR_EXISTS);
	assert_int_equal(ept_map(&ept, 2 * MIB2 - KIB4, 0, 2 * KIB4, EPT_READ, EPT_MEMTYPE_UC), EPT_ERR_EXISTS);
	assert_int_equal(ept_map(&ept, 0, 0, GIB, EPT_READ, EPT_MEMTYPE_UC), EPT_ERR_EXISTS);
	assert_int_equal(ept.table_frames, frames);
	expect(&ept, MIB2, HOST_OFFSET, MIB2, EPT_RWX, EPT_MEMTYPE_WB);
	expect_unmapped(&ept, 0);
	expect_unmapped(&ept, 2 * MIB2);
	/* Replacing is unmap, then map. */
	assert_int_equal(ept_unmap(&ept, MIB2, MIB2), EPT_OK);
	assert_int_equal(ept_map(&ept, MIB2, 2 * HOST_OFFSET, MIB2, EPT_READ, EPT_MEMTYPE_UC), EPT_OK);
	expect(&ept, MIB2, 2 * HOST_OFFSET, MIB2, EPT_READ, EPT_MEMTYPE_UC);
	check_ept(&ept);
	ept_destroy(&ept);
}

/* SDM 29.3.3.1: no write without read; execute-only only when the CPU supports it. */
static void permissions(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP & ~CAP_EXECUTE_ONLY);
	static const unsigned refused[] = { 0, EPT_WRITE, EPT_WRITE | EPT_EXECUTE, EPT_EXECUTE, 8, EPT_READ | 0x10 };
	static const unsigned accepted[] = { EPT_READ, EPT_READ | EPT_WRITE, EPT_READ | EPT_EXECUTE, EPT_RWX };

	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_int_equal(ept_map(&ept, 0, 0, KIB4, refused[i], EPT_MEMTYPE_WB), EPT_ERR_PERMISSIONS);
	assert_int_equal(ept.table_frames, 1);
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		uint64_t gpa = (i + 1) * KIB4;
		assert_int_equal(ept_map(&ept, gpa, gpa, KIB4, accepted[i], EPT_MEMTYPE_WB), EPT_OK);
		expect(&ept, gpa, gpa, KIB4, accepted[i], EPT_MEMTYPE_WB);
	}
	check_ept(&ept);
	ept_destroy(&ept);

	ept = new_ept(HASWELL_EPT_VPID_CAP);
	assert_int_equal(ept_map(&ept, 0, 0, KIB4, EPT_EXECUTE, EPT_MEMTYPE_WB), EPT_OK);
	expect(&ept, 0, 0, KIB4, EPT_EXECUTE, EPT_MEMTYPE_WB);
	assert_int_equal(ept_map(&ept, KIB4, 0, KIB4, EPT_WRITE | EPT_EXECUTE, EPT_MEMTYPE_WB), EPT_ERR_PERMISSIONS);
	check_ept(&ept);
	ept_destroy(&ept);
}

static void memory_types(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);
	static const unsigned valid[] = { EPT_MEMTYPE_UC, EPT_MEMTYPE_WC, EPT_MEMTYPE_WT, EPT_MEMTYPE_WP, EPT_MEMTYPE_WB };
	static const unsigned reserved[] = { 2, 3, 7, 8, 0xFFFFFFFF };

	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++) {
		assert_false(ept_memtype_valid(reserved[i]));
		assert_int_equal(ept_map(&ept, 0, 0, KIB4, EPT_READ, reserved[i]), EPT_ERR_MEMTYPE);
	}
	for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		uint64_t gpa = i * MIB2;
		assert_int_equal(ept_map(&ept, gpa, gpa, MIB2, EPT_READ, valid[i]), EPT_OK);
		expect(&ept, gpa, gpa, MIB2, EPT_READ, valid[i]);
	}
	check_ept(&ept);
	ept_destroy(&ept);
}

static void invalid_ranges(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);
	struct ept_translation t;

	assert_int_equal(ept_map(&ept, 0x800, 0, KIB4, EPT_READ, EPT_MEMTYPE_WB), EPT_ERR_INVALID);
	assert_int_equal(ept_map(&ept, 0, 0x800, KIB4, EPT_READ, EPT_MEMTYPE_WB), EPT_ERR_INVALID);
	assert_int_equal(ept_map(&ept, 0, 0, 0x800, EPT_READ, EPT_MEMTYPE_WB), EPT_ERR_INVALID);
	assert_int_equal(ept_map(&ept, 0, 0, 0, EPT_READ, EPT_MEMTYPE_WB), EPT_ERR_INVALID);
	assert_int_equal(ept_map(&ept, EPT_GPA_LIMIT - KIB4, 0, 2 * KIB4, EPT_READ, EPT_MEMTYPE_WB), EPT_ERR_INVALID);
	assert_int_equal(ept_map(&ept, 0, EPT_HPA_LIMIT - KIB4, 2 * KIB4, EPT_READ, EPT_MEMTYPE_WB), EPT_ERR_INVALID);
	assert_int_equal(ept_map(&ept, 0xFFFFFFFFFFFFF000ull, 0, 2 * KIB4, EPT_READ, EPT_MEMTYPE_WB), EPT_ERR_INVALID);
	assert_int_equal(ept_translate(&ept, EPT_GPA_LIMIT, &t), EPT_ERR_INVALID);
	assert_int_equal(ept.table_frames, 1);

	/* The very last page of both spaces is fine. */
	assert_int_equal(ept_map(&ept, EPT_GPA_LIMIT - KIB4, EPT_HPA_LIMIT - KIB4, KIB4, EPT_READ, EPT_MEMTYPE_WB), EPT_OK);
	expect(&ept, EPT_GPA_LIMIT - 1, EPT_HPA_LIMIT - 1, KIB4, EPT_READ, EPT_MEMTYPE_WB);
	check_ept(&ept);
	ept_destroy(&ept);
}

/* Out of memory part-way: the map is undone and no table frame leaks. */
static void map_out_of_memory_rolls_back(void **state)
{
	(void)state;
	for (long allowed = 0; allowed < 4; allowed++) {
		struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);
		assert_int_equal(ept_map(&ept, 0, 0, MIB2, EPT_READ, EPT_MEMTYPE_WB), EPT_OK);
		uint64_t frames = ept.table_frames;

		fake_frames_fail_after(allowed);
		/* Three new tables: a PT for 1 GiB - 4 KiB, a PD for 1 GiB on, a PT for the last 4 KiB. */
		int rc = ept_map(&ept, GIB - KIB4, GIB - KIB4, 2 * KIB4 + MIB2, EPT_RWX, EPT_MEMTYPE_WB);
		fake_frames_fail_after(-1);
		if (rc == EPT_OK) {
			assert_true(allowed >= 3);
			ept_destroy(&ept);
			continue;
		}
		assert_int_equal(rc, EPT_ERR_NO_MEMORY);
		expect_unmapped(&ept, GIB - KIB4);
		expect_unmapped(&ept, GIB);
		expect(&ept, 0, 0, MIB2, EPT_READ, EPT_MEMTYPE_WB);
		assert_int_equal(ept.table_frames, frames);
		check_ept(&ept);
		ept_destroy(&ept);
		assert_int_equal(fake_frames_in_use(), 0);
	}
}

static void split_out_of_memory_keeps_the_leaf(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);

	assert_int_equal(ept_map(&ept, 0, 0, GIB, EPT_RWX, EPT_MEMTYPE_WB), EPT_OK);
	fake_frames_fail_after(1); /* the PD for the 1 GiB split, but not the PT for the 2 MiB one */
	assert_int_equal(ept_unmap(&ept, KIB4, KIB4), EPT_ERR_NO_MEMORY);
	fake_frames_fail_after(-1);
	/* The first split happened (2 MiB leaves now), the second did not: all still mapped. */
	expect(&ept, KIB4, KIB4, MIB2, EPT_RWX, EPT_MEMTYPE_WB);
	expect(&ept, GIB - 1, GIB - 1, MIB2, EPT_RWX, EPT_MEMTYPE_WB);
	check_ept(&ept);

	fake_frames_fail_after(0);
	assert_int_equal(ept_unmap(&ept, KIB4, KIB4), EPT_ERR_NO_MEMORY);
	fake_frames_fail_after(-1);
	expect(&ept, KIB4, KIB4, MIB2, EPT_RWX, EPT_MEMTYPE_WB);
	check_ept(&ept);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
}

static void walk_records_each_level(void **state)
{
	(void)state;
	struct ept ept = new_ept(HASWELL_EPT_VPID_CAP);
	struct ept_walk walk;
	uint64_t gpa = 0x8040201000ull; /* PML4 index 1, PDPT 1, PD 1, PT 1 */

	assert_int_equal(ept_map(&ept, gpa, 0xABC000, KIB4, EPT_READ | EPT_WRITE, EPT_MEMTYPE_WB), EPT_OK);
	assert_int_equal(ept_walk(&ept, gpa + 0x123, &walk), EPT_OK);
	assert_int_equal(walk.levels, 4);
	assert_int_equal(walk.table[0], ept.pml4);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(walk.index[i], 1);
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(walk.entry[i] & EPT_PERMS_MASK, EPT_RWX);
		assert_int_equal(walk.table[i + 1], walk.entry[i] & EPT_ADDR_MASK);
	}
	assert_int_equal(walk.entry[3], 0xABC000 | EPT_READ | EPT_WRITE | (EPT_MEMTYPE_WB << 3));

	/* An unmapped address stops at the first empty entry, and says which. */
	assert_int_equal(ept_walk(&ept, 0, &walk), EPT_ERR_NOT_MAPPED);
	assert_int_equal(walk.levels, 1);
	assert_int_equal(walk.entry[0], 0);
	assert_int_equal(ept_walk(&ept, gpa + KIB4, &walk), EPT_ERR_NOT_MAPPED);
	assert_int_equal(walk.levels, 4);
	assert_int_equal(walk.index[3], 2);

	/* A 1 GiB leaf: two levels. */
	assert_int_equal(ept_map(&ept, 0, 0, GIB, EPT_READ, EPT_MEMTYPE_UC), EPT_OK);
	assert_int_equal(ept_walk(&ept, 0x1234, &walk), EPT_OK);
	assert_int_equal(walk.levels, 2);
	assert_true(walk.entry[1] & EPT_LEAF);
	ept_destroy(&ept);
	assert_int_equal(fake_frames_in_use(), 0);
}

static void error_texts(void **state)
{
	(void)state;
	assert_string_equal(ept_error_text(EPT_ERR_EXISTS), "range already mapped");
	assert_string_equal(ept_error_text(EPT_ERR_MEMTYPE), "reserved EPT memory type");
	assert_string_equal(ept_error_text(-99), "unknown EPT error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(create_and_destroy, fake_frames_setup),
		cmocka_unit_test_setup(create_needs_ept, fake_frames_setup),
		cmocka_unit_test_setup(map_one_4k_page, fake_frames_setup),
		cmocka_unit_test_setup(aligned_ranges_get_large_leaves, fake_frames_setup),
		cmocka_unit_test_setup(mixed_page_sizes, fake_frames_setup),
		cmocka_unit_test_setup(misaligned_host_address_uses_4k, fake_frames_setup),
		cmocka_unit_test_setup(large_pages_disallowed_by_capability, fake_frames_setup),
		cmocka_unit_test_setup(unmap_splits_large_leaves, fake_frames_setup),
		cmocka_unit_test_setup(split_without_2m_support, fake_frames_setup),
		cmocka_unit_test_setup(unmap_of_unmapped_range_is_harmless, fake_frames_setup),
		cmocka_unit_test_setup(map_over_existing_mapping, fake_frames_setup),
		cmocka_unit_test_setup(permissions, fake_frames_setup),
		cmocka_unit_test_setup(memory_types, fake_frames_setup),
		cmocka_unit_test_setup(invalid_ranges, fake_frames_setup),
		cmocka_unit_test_setup(map_out_of_memory_rolls_back, fake_frames_setup),
		cmocka_unit_test_setup(split_out_of_memory_keeps_the_leaf, fake_frames_setup),
		cmocka_unit_test_setup(walk_records_each_level, fake_frames_setup),
		cmocka_unit_test_setup(error_texts, fake_frames_setup),
	};
	return cmocka_run_group_tests_name("vmx_ept", tests, NULL, NULL);
}
