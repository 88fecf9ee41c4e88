/*
 * Guest linear to guest-physical addresses: the guest's own page walk (SDM Vol. 3, chapter 4),
 * for exit handlers that touch guest memory by linear address (INS/OUTS).
 *
 * The mode comes from the guest's CR0.PG, CR4.PAE, CR4.LA57 and EFER.LMA as the CPU uses them
 * (the GUEST_* fields of the VMCS, not the read shadows):
 *   paging off                  identity
 *   32-bit paging               4 KiB pages, 4 MiB pages when CR4.PSE (PSE-36 high bits kept)
 *   PAE paging                  PDPTEs from the VMCS (with EPT the CPU uses those, SDM 29.4.1),
 *                               4 KiB and 2 MiB pages
 *   4-level and 5-level paging  4 KiB, 2 MiB and 1 GiB pages
 * Page tables are read from guest RAM with bounds checks. The walk checks presence and write
 * permission (R/W in every level when CR0.WP = 1 or the access is a user one, U/S for user
 * accesses); it does not check reserved bits, protection keys, SMAP, and it does not set
 * accessed or dirty bits. Pure: VMCS through the vmcs.h seam, memory through guest_ram.
 */
#ifndef VMX_GUEST_PAGING_H
#define VMX_GUEST_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/guest_ram.h"
#include "vmx/vcpu.h"

/* Page-table entry bits (SDM Vol. 3, 4.3-4.5). */
#define PTE_P   (1ull << 0)  /* present */
#define PTE_RW  (1ull << 1)  /* writable */
#define PTE_US  (1ull << 2)  /* user */
#define PTE_PS  (1ull << 7)  /* page size: a leaf above the lowest level */
#define PTE_ADDR_MASK 0x000FFFFFFFFFF000ull /* bits 51:12 */

enum guest_paging_status {
	GUEST_PAGING_OK = 0,
	GUEST_PAGING_PAGE_FAULT = -1,      /* not present or not allowed: the CPU would raise #PF */
	GUEST_PAGING_TABLE_NOT_RAM = -2,   /* a paging structure lies outside guest RAM */
};

/* The guest's paging state, read once from the VMCS, for several translations. */
struct guest_paging {
	const struct guest_ram *ram;
	uint64_t cr0, cr3, cr4, efer;
	uint64_t pdpte[4]; /* PAE paging only */
	bool user;         /* CPL 3: accesses are user accesses */
};

void guest_paging_load(const struct vcpu *vcpu, struct guest_paging *paging);

/*
 * Translate linear for a read or a write. On GUEST_PAGING_PAGE_FAULT, *pf_error (if not NULL)
 * is the #PF error code the CPU would push (present, write, user bits).
 */
int guest_paging_translate(const struct guest_paging *paging, uint64_t linear, bool write,
			   uint64_t *gpa, uint32_t *pf_error);

/* One translation with the guest's current state: 0, or a negative guest_paging_status. */
int guest_linear_to_physical(const struct vcpu *vcpu, uint64_t linear, bool write, uint64_t *gpa);

/* Words for a status, for reports. */
const char *guest_paging_status_text(int status);

/*
 * Load the four PDPTEs of PAE paging from guest RAM at cr3 into VMCS_GUEST_PDPTE0-3, as MOV
 * to CR0/CR3/CR4 does when it (re)enters PAE paging (SDM Vol. 3, 4.4.1). Returns 0, or -1
 * (VMCS unchanged) when the table is not in RAM or a present entry has reserved bits set:
 * the MOV then raises #GP.
 */
int guest_paging_load_pdptes(const struct vcpu *vcpu, uint64_t cr3);

#endif
