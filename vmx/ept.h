/*
 * Extended page tables (SDM Vol. 3, 29.3 "The Extended Page Table Mechanism"): the 4-level
 * tables that translate guest-physical addresses to host-physical ones. This file owns the
 * tables: map a range with the largest leaves alignment and capability allow (1 GiB, 2 MiB,
 * 4 KiB), unmap (splitting large leaves), translate/walk in software, free everything. Pure:
 * only frames; after changing live tables the caller must INVEPT.
 *
 * Entry format (SDM 29.3.2, Tables 29-1 to 29-6):
 *   bits 2:0  read, write, execute        (any set: present)
 *   bits 5:3  memory type                 (leaves only; reserved in tables)
 *   bit 6     ignore PAT                  (leaves only)
 *   bit 7     page size: 1 = leaf          (PDPTE and PDE; reserved in a PML4E)
 *   bit 8, 9  accessed, dirty             (set by the CPU when EPTP[6] = 1)
 *   bits 51:12 next table or page frame   (for a 2 MiB / 1 GiB leaf, bits 20:12 / 29:12 are 0)
 *
 * No entry this file writes is an EPT misconfiguration (SDM 29.3.3.1): no write without read,
 * no execute-only unless the CPU supports it, only the memory types UC, WC, WT, WP and WB, no
 * reserved bit set. Table entries get read/write/execute, so a leaf's rights are the result.
 */
#ifndef VMX_EPT_H
#define VMX_EPT_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/frames.h"
#include "vmx/caps.h"

#define EPT_READ          (1ull << 0)
#define EPT_WRITE         (1ull << 1)
#define EPT_EXECUTE       (1ull << 2)
#define EPT_PERMS_MASK    (EPT_READ | EPT_WRITE | EPT_EXECUTE)
#define EPT_RWX           EPT_PERMS_MASK
#define EPT_MEMTYPE_SHIFT 3
#define EPT_MEMTYPE_MASK  (0x7ull << EPT_MEMTYPE_SHIFT)
#define EPT_IGNORE_PAT    (1ull << 6)
#define EPT_LEAF          (1ull << 7) /* "page size" bit of a PDPTE or PDE */
#define EPT_ACCESSED      (1ull << 8)
#define EPT_DIRTY         (1ull << 9)
#define EPT_ADDR_MASK     0x000FFFFFFFFFF000ull /* bits 51:12 */

/* EPT memory types (SDM 29.3.7; the others, 2, 3 and 7, are reserved). */
enum ept_memtype {
	EPT_MEMTYPE_UC = 0,
	EPT_MEMTYPE_WC = 1,
	EPT_MEMTYPE_WT = 4,
	EPT_MEMTYPE_WP = 5,
	EPT_MEMTYPE_WB = 6,
};

#define EPT_PAGE_4K  (1ull << 12)
#define EPT_PAGE_2M  (1ull << 21)
#define EPT_PAGE_1G  (1ull << 30)

#define EPT_LEVELS          4                /* PML4, PDPT, PD, PT */
#define EPT_ENTRIES         512              /* entries in each table */
#define EPT_GPA_LIMIT       (1ull << 48)     /* a 4-level walk translates 48 bits */
#define EPT_HPA_LIMIT       (1ull << 52)     /* addresses in entries are at most 52 bits */

struct ept {
	phys_addr_t pml4;          /* the root table: for ept_pointer_build */
	bool allow_2m;             /* 2 MiB leaves (IA32_VMX_EPT_VPID_CAP[16]) */
	bool allow_1g;             /* 1 GiB leaves (IA32_VMX_EPT_VPID_CAP[17]) */
	bool allow_execute_only;   /* execute without read (IA32_VMX_EPT_VPID_CAP[0]) */
	uint64_t table_frames;     /* table frames held, the root included */
};

/* What a guest-physical address translates to. */
struct ept_translation {
	phys_addr_t hpa;           /* host-physical address of the byte */
	unsigned perms;            /* EPT_READ | EPT_WRITE | EPT_EXECUTE */
	uint64_t page_size;        /* EPT_PAGE_4K, EPT_PAGE_2M or EPT_PAGE_1G */
	unsigned memtype;          /* enum ept_memtype */
};

/* Each entry a walk read, from the PML4E down, for debugging (the monitor's "EPT walk"). */
struct ept_walk {
	unsigned levels;                  /* entries read: 1 (PML4E) to 4 (PTE) */
	phys_addr_t table[EPT_LEVELS];    /* the table each entry was read from */
	unsigned index[EPT_LEVELS];       /* its index in that table */
	uint64_t entry[EPT_LEVELS];       /* its value */
};

enum ept_error {
	EPT_OK = 0,
	EPT_ERR_INVALID = -1,     /* unaligned, empty, or beyond the address limits */
	EPT_ERR_PERMISSIONS = -2, /* none, write without read, or unsupported execute-only */
	EPT_ERR_MEMTYPE = -3,     /* a reserved memory type (2, 3, 7 or above) */
	EPT_ERR_EXISTS = -4,      /* part of the range is already mapped */
	EPT_ERR_NO_MEMORY = -5,
	EPT_ERR_NOT_MAPPED = -6,  /* translate/walk: no leaf for this address */
	EPT_ERR_UNSUPPORTED = -7, /* the CPU has no EPT */
};

/* An empty EPT (one zeroed PML4) using the leaf sizes the CPU allows. */
int ept_create(struct ept *ept, const struct vmx_caps *caps);

/*
 * Map [gpa, gpa + size) to [hpa, hpa + size) with perms (EPT_READ/WRITE/EXECUTE) and a memory
 * type. gpa, hpa and size must be 4 KiB multiples. The range must be entirely unmapped: a map
 * over any existing mapping, even an identical one, is EPT_ERR_EXISTS (unmap first to replace).
 * On any error the tables map exactly what they mapped before.
 */
int ept_map(struct ept *ept, uint64_t gpa, phys_addr_t hpa, uint64_t size, unsigned perms,
	    unsigned memtype);

/*
 * Unmap [gpa, gpa + size) (4 KiB multiples); parts not mapped are skipped. A large leaf that
 * the range covers only in part is split into smaller leaves first, which needs memory: on
 * EPT_ERR_NO_MEMORY the range may be partly unmapped. Tables left empty are freed.
 */
int ept_unmap(struct ept *ept, uint64_t gpa, uint64_t size);

/* Translate one guest-physical address. EPT_ERR_NOT_MAPPED when there is no leaf for it. */
int ept_translate(const struct ept *ept, uint64_t gpa, struct ept_translation *result);

/* Record every entry the CPU would read translating gpa; same return values as translate. */
int ept_walk(const struct ept *ept, uint64_t gpa, struct ept_walk *walk);

/* Free every table frame, the root included. */
void ept_destroy(struct ept *ept);

/* Whether memtype is one an EPT leaf may use. */
bool ept_memtype_valid(unsigned memtype);

const char *ept_error_text(int error);

#endif
