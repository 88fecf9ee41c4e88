/*
 * The EPT pointer, EPTP (SDM Vol. 3, 25.6.11 "Extended-Page-Table Pointer (EPTP)"):
 *   bits 2:0   memory type for the paging structures (UC 0, WB 6)
 *   bits 5:3   page-walk length minus 1 (4-level = 3)
 *   bit 6      enable accessed and dirty flags
 *   bit 7      enforce access rights for supervisor shadow-stack pages (not used)
 *   bits 51:12 physical address of the PML4 table
 * Built only from what IA32_VMX_EPT_VPID_CAP allows. Pure.
 */
#ifndef VMX_EPT_POINTER_H
#define VMX_EPT_POINTER_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/frames.h"
#include "vmx/caps.h"

#define EPTP_MEMORY_TYPE_MASK  0x7ull
#define EPTP_MEMORY_TYPE_UC    0ull
#define EPTP_MEMORY_TYPE_WB    6ull
#define EPTP_WALK_LENGTH_SHIFT 3
#define EPTP_WALK_LENGTH_MASK  (0x7ull << EPTP_WALK_LENGTH_SHIFT)
#define EPTP_WALK_LENGTH_4     (3ull << EPTP_WALK_LENGTH_SHIFT) /* 4-level walk: 4 - 1 */
#define EPTP_ENABLE_AD         (1ull << 6)
#define EPTP_PML4_MASK         0x000FFFFFFFFFF000ull            /* bits 51:12 */

enum ept_pointer_error {
	EPT_POINTER_OK = 0,
	EPT_POINTER_NO_EPT = -1,         /* the CPU cannot enable EPT */
	EPT_POINTER_NO_4LEVEL = -2,      /* EPT_VPID_CAP[6] = 0: no 4-level page walk */
	EPT_POINTER_NO_MEMORY_TYPE = -3, /* neither WB (bit 14) nor UC (bit 8) is supported */
	EPT_POINTER_BAD_PML4 = -4,       /* not 4 KiB aligned, or beyond bit 51 */
};

/*
 * The EPTP for a 4-level EPT rooted at pml4: memory type WB when EPT_VPID_CAP[14], else UC when
 * EPT_VPID_CAP[8]; accessed/dirty flags when want_ad and EPT_VPID_CAP[21] (otherwise without,
 * and a log line says so). Returns EPT_POINTER_OK with *eptp set, or an error after logging why.
 */
enum ept_pointer_error ept_pointer_build(const struct vmx_caps *caps, phys_addr_t pml4,
					 bool want_ad, uint64_t *eptp);

/* The fields of an EPTP (for the EPT walk and for checks). */
phys_addr_t ept_pointer_pml4(uint64_t eptp);
unsigned ept_pointer_memory_type(uint64_t eptp);
unsigned ept_pointer_walk_levels(uint64_t eptp);
bool ept_pointer_ad_enabled(uint64_t eptp);

#endif
