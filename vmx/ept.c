/* EPT paging structures (SDM Vol. 3, 29.3); see ept.h. */
#include "vmx/ept.h"

#include <stddef.h>

#define LEVEL_PT        1 /* levels count up from the page table to the PML4 */
#define LEVEL_PD        2
#define LEVEL_PDPT      3
#define LEVEL_PML4      4
#define BITS_PER_LEVEL  9
#define TABLE_ENTRY_RIGHTS EPT_RWX /* table entries grant everything; leaves restrict */

/* Bytes one entry at this level maps: 4 KiB at the PT, 2 MiB at the PD, 1 GiB, 512 GiB. */
static uint64_t entry_span(int level)
{
	return 1ull << (FRAME_SHIFT + BITS_PER_LEVEL * (level - 1));
}

/* Which of a table's 512 entries covers gpa at this level (9 bits of gpa per level). */
static unsigned entry_index(uint64_t gpa, int level)
{
	return (unsigned)((gpa >> (FRAME_SHIFT + BITS_PER_LEVEL * (level - 1))) & (EPT_ENTRIES - 1));
}

/* A table's entries, through the direct map. */
static uint64_t *table_at(phys_addr_t table)
{
	return phys_to_virt(table);
}

/* SDM 29.3.2: an entry with bits 2:0 all clear is not present (other bits are ignored). */
static bool entry_present(uint64_t entry)
{
	return (entry & EPT_PERMS_MASK) != 0;
}

/* A PTE always maps a page; a PDPTE or PDE does when its bit 7 is set. */
static bool entry_is_leaf(uint64_t entry, int level)
{
	return level == LEVEL_PT || (entry & EPT_LEAF);
}

/* The page frame a leaf at this level maps, without the bits below its size. */
static phys_addr_t leaf_frame(uint64_t entry, int level)
{
	return entry & EPT_ADDR_MASK & ~(entry_span(level) - 1);
}

/* Whether a leaf may sit at this level, given the CPU's page sizes. */
static bool leaf_allowed(const struct ept *ept, int level)
{
	switch (level) {
	case LEVEL_PT:
		return true;
	case LEVEL_PD:
		return ept->allow_2m;
	case LEVEL_PDPT:
		return ept->allow_1g;
	default:
		return false; /* a PML4E is never a leaf */
	}
}

/* SDM 29.3.7: 2, 3 and 7 are reserved; anything else reserved is a misconfiguration. */
bool ept_memtype_valid(unsigned memtype)
{
	switch (memtype) {
	case EPT_MEMTYPE_UC:
	case EPT_MEMTYPE_WC:
	case EPT_MEMTYPE_WT:
	case EPT_MEMTYPE_WP:
	case EPT_MEMTYPE_WB:
		return true;
	default:
		return false;
	}
}

/* A zeroed table (every entry not present), counted in ept->table_frames. */
static phys_addr_t table_alloc(struct ept *ept)
{
	phys_addr_t table = frame_alloc(FRAME_ZEROED);
	if (table)
		ept->table_frames++;
	return table;
}

/* Free a table and every table below it (leaves map guest memory, not ours to free). */
static void table_free(struct ept *ept, phys_addr_t table, int level)
{
	uint64_t *entries = table_at(table);

	for (unsigned i = 0; level > LEVEL_PT && i < EPT_ENTRIES; i++)
		if (entry_present(entries[i]) && !entry_is_leaf(entries[i], level))
			table_free(ept, entries[i] & EPT_ADDR_MASK, level - 1);
	frame_free(table);
	ept->table_frames--;
}

/* Whether every entry is 0, so the table can be freed and its parent entry cleared. */
static bool table_empty(phys_addr_t table)
{
	const uint64_t *entries = table_at(table);

	for (unsigned i = 0; i < EPT_ENTRIES; i++)
		if (entries[i])
			return false;
	return true;
}

/* The end of the part of [gpa, end) that falls in gpa's entry at this level. */
static uint64_t entry_end(uint64_t gpa, uint64_t end, int level)
{
	uint64_t next = (gpa & ~(entry_span(level) - 1)) + entry_span(level);
	return next < end ? next : end;
}

/* Whether any leaf maps part of [gpa, end) below this table. */
static bool range_mapped(phys_addr_t table, int level, uint64_t gpa, uint64_t end)
{
	const uint64_t *entries = table_at(table);

	for (uint64_t next; gpa < end; gpa = next) {
		uint64_t entry = entries[entry_index(gpa, level)];
		next = entry_end(gpa, end, level);
		if (!entry_present(entry))
			continue;
		if (entry_is_leaf(entry, level))
			return true;
		if (range_mapped(entry & EPT_ADDR_MASK, level - 1, gpa, next))
			return true;
	}
	return false;
}

/*
 * Map [gpa, end) to hpa onwards below this table, whose range holds no leaf (checked by the
 * caller). leaf_bits are the rights, memory type and flags every leaf gets. Uses a leaf for an
 * entry when the entry is wholly inside the range, both addresses are aligned to its span, and
 * the CPU allows leaves at this level; otherwise goes one level down.
 */
static int map_range(struct ept *ept, phys_addr_t table, int level, uint64_t gpa, uint64_t end,
		     phys_addr_t hpa, uint64_t leaf_bits)
{
	uint64_t *entries = table_at(table);
	uint64_t span = entry_span(level);

	for (uint64_t next; gpa < end; hpa += next - gpa, gpa = next) {
		uint64_t *entry = &entries[entry_index(gpa, level)];
		next = entry_end(gpa, end, level);

		bool whole = next - gpa == span && (hpa & (span - 1)) == 0;
		if (whole && leaf_allowed(ept, level)) {
			/* An empty table left here (after a failed map) gives way to the leaf. */
			if (entry_present(*entry))
				table_free(ept, *entry & EPT_ADDR_MASK, level - 1);
			*entry = hpa | leaf_bits | (level > LEVEL_PT ? EPT_LEAF : 0);
			continue;
		}
		if (!entry_present(*entry)) {
			phys_addr_t child = table_alloc(ept);
			if (!child)
				return EPT_ERR_NO_MEMORY;
			*entry = child | TABLE_ENTRY_RIGHTS;
		}
		int rc = map_range(ept, *entry & EPT_ADDR_MASK, level - 1, gpa, next, hpa, leaf_bits);
		if (rc)
			return rc;
	}
	return EPT_OK;
}

/*
 * Replace the large leaf in *entry by a table of smaller leaves mapping the same memory with
 * the same attributes (accessed/dirty flags are dropped).
 */
static int split_leaf(struct ept *ept, uint64_t *entry, int level, uint64_t entry_gpa)
{
	uint64_t leaf_bits = *entry & (EPT_PERMS_MASK | EPT_MEMTYPE_MASK | EPT_IGNORE_PAT);
	phys_addr_t child = table_alloc(ept);

	if (!child)
		return EPT_ERR_NO_MEMORY;
	int rc = map_range(ept, child, level - 1, entry_gpa, entry_gpa + entry_span(level),
			   leaf_frame(*entry, level), leaf_bits);
	if (rc) {
		table_free(ept, child, level - 1);
		return rc;
	}
	*entry = child | TABLE_ENTRY_RIGHTS;
	return EPT_OK;
}

/* Unmap [gpa, end) below this table, splitting leaves it covers in part, freeing empty tables. */
static int unmap_range(struct ept *ept, phys_addr_t table, int level, uint64_t gpa, uint64_t end)
{
	uint64_t *entries = table_at(table);
	uint64_t span = entry_span(level);

	for (uint64_t next; gpa < end; gpa = next) {
		uint64_t *entry = &entries[entry_index(gpa, level)];
		next = entry_end(gpa, end, level);
		if (!entry_present(*entry))
			continue;
		if (entry_is_leaf(*entry, level)) {
			if (next - gpa == span) {
				*entry = 0;
				continue;
			}
			int rc = split_leaf(ept, entry, level, gpa & ~(span - 1));
			if (rc)
				return rc;
		}
		phys_addr_t child = *entry & EPT_ADDR_MASK;
		int rc = unmap_range(ept, child, level - 1, gpa, next);
		if (rc)
			return rc;
		if (table_empty(child)) {
			*entry = 0;
			table_free(ept, child, level - 1);
		}
	}
	return EPT_OK;
}

/* The leaf sizes and execute-only come from the capabilities, once, here. */
int ept_create(struct ept *ept, const struct vmx_caps *caps)
{
	ept->table_frames = 0;
	ept->pml4 = 0;
	if (!vmx_caps_has_ept(caps))
		return EPT_ERR_UNSUPPORTED;
	ept->allow_2m = vmx_caps_ept_2m(caps);
	ept->allow_1g = vmx_caps_ept_1g(caps);
	ept->allow_execute_only = vmx_caps_ept_execute_only(caps);
	ept->pml4 = table_alloc(ept);
	return ept->pml4 ? EPT_OK : EPT_ERR_NO_MEMORY;
}

/* Tables only: the guest memory the leaves point at belongs to whoever mapped it. */
void ept_destroy(struct ept *ept)
{
	if (ept->pml4)
		table_free(ept, ept->pml4, LEVEL_PML4);
	ept->pml4 = 0;
}

/* A 4 KiB-aligned, non-empty range that does not wrap and stays below limit. */
static bool range_valid(uint64_t start, uint64_t size, uint64_t limit)
{
	return size != 0 && (start % EPT_PAGE_4K) == 0 && (size % EPT_PAGE_4K) == 0 &&
	       start < limit && size <= limit - start;
}

/* SDM 29.3.3.1: write without read is a misconfiguration, and so is execute-only without support. */
static int check_perms(const struct ept *ept, unsigned perms)
{
	if (perms == 0 || (perms & ~EPT_PERMS_MASK))
		return EPT_ERR_PERMISSIONS;
	if ((perms & EPT_WRITE) && !(perms & EPT_READ))
		return EPT_ERR_PERMISSIONS;
	if ((perms & EPT_EXECUTE) && !(perms & EPT_READ) && !ept->allow_execute_only)
		return EPT_ERR_PERMISSIONS;
	return EPT_OK;
}

/* Check everything first, so a refused map changes nothing; see ept.h for the rules. */
int ept_map(struct ept *ept, uint64_t gpa, phys_addr_t hpa, uint64_t size, unsigned perms,
	    unsigned memtype)
{
	if (!range_valid(gpa, size, EPT_GPA_LIMIT) || !range_valid(hpa, size, EPT_HPA_LIMIT))
		return EPT_ERR_INVALID;
	int rc = check_perms(ept, perms);
	if (rc)
		return rc;
	if (!ept_memtype_valid(memtype))
		return EPT_ERR_MEMTYPE;
	if (range_mapped(ept->pml4, LEVEL_PML4, gpa, gpa + size))
		return EPT_ERR_EXISTS;

	uint64_t leaf_bits = perms | ((uint64_t)memtype << EPT_MEMTYPE_SHIFT);
	rc = map_range(ept, ept->pml4, LEVEL_PML4, gpa, gpa + size, hpa, leaf_bits);
	if (rc) {
		/* Only whole leaves of ours lie in the range, so this unmap needs no memory. */
		unmap_range(ept, ept->pml4, LEVEL_PML4, gpa, gpa + size);
	}
	return rc;
}

/* See ept.h; the caller INVEPTs if the tables are live. */
int ept_unmap(struct ept *ept, uint64_t gpa, uint64_t size)
{
	if (!range_valid(gpa, size, EPT_GPA_LIMIT))
		return EPT_ERR_INVALID;
	return unmap_range(ept, ept->pml4, LEVEL_PML4, gpa, gpa + size);
}

/* The same walk the CPU does (SDM 29.3.2), recording each entry on the way down. */
int ept_walk(const struct ept *ept, uint64_t gpa, struct ept_walk *walk)
{
	phys_addr_t table = ept->pml4;

	walk->levels = 0;
	if (gpa >= EPT_GPA_LIMIT)
		return EPT_ERR_INVALID;
	for (int level = LEVEL_PML4; level >= LEVEL_PT; level--) {
		unsigned n = walk->levels++;
		walk->table[n] = table;
		walk->index[n] = entry_index(gpa, level);
		walk->entry[n] = table_at(table)[walk->index[n]];
		if (!entry_present(walk->entry[n]))
			return EPT_ERR_NOT_MAPPED;
		if (entry_is_leaf(walk->entry[n], level))
			return EPT_OK;
		table = walk->entry[n] & EPT_ADDR_MASK;
	}
	return EPT_ERR_NOT_MAPPED; /* not reached: a PTE is always a leaf */
}

/* For tests and debugging: the host address, rights, page size and memory type of gpa. */
int ept_translate(const struct ept *ept, uint64_t gpa, struct ept_translation *result)
{
	struct ept_walk walk;
	int rc = ept_walk(ept, gpa, &walk);

	if (rc)
		return rc;
	int leaf_level = LEVEL_PML4 + 1 - (int)walk.levels;
	uint64_t leaf = walk.entry[walk.levels - 1];
	uint64_t span = entry_span(leaf_level);

	/* Access rights are the intersection along the walk (SDM 29.3.3.2). */
	result->perms = EPT_PERMS_MASK;
	for (unsigned i = 0; i < walk.levels; i++)
		result->perms &= (unsigned)(walk.entry[i] & EPT_PERMS_MASK);
	result->hpa = leaf_frame(leaf, leaf_level) | (gpa & (span - 1));
	result->page_size = span;
	result->memtype = (unsigned)((leaf & EPT_MEMTYPE_MASK) >> EPT_MEMTYPE_SHIFT);
	return EPT_OK;
}

/* Words for an ept_* error code, for the caller's log line. */
const char *ept_error_text(int error)
{
	switch (error) {
	case EPT_OK:
		return "ok";
	case EPT_ERR_INVALID:
		return "address or size not 4 KiB aligned, empty, or out of range";
	case EPT_ERR_PERMISSIONS:
		return "permissions none, write without read, or unsupported execute-only";
	case EPT_ERR_MEMTYPE:
		return "reserved EPT memory type";
	case EPT_ERR_EXISTS:
		return "range already mapped";
	case EPT_ERR_NO_MEMORY:
		return "out of memory for EPT tables";
	case EPT_ERR_NOT_MAPPED:
		return "guest-physical address not mapped";
	case EPT_ERR_UNSUPPORTED:
		return "EPT is not supported by this CPU";
	}
	return "unknown EPT error";
}
