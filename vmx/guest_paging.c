/* The guest's page walk; see guest_paging.h for what is and is not checked. */
#include "vmx/guest_paging.h"

#include "kernel/msr_index.h"
#include "vmx/control_regs.h"
#include "vmx/cpuid_view.h"
#include "vmx/event_injection.h"
#include "vmx/exit_handlers.h"
#include "vmx/vmcs.h"

#define PAGE_SHIFT 12
#define PAE_CR3_MASK        0xFFFFFFE0ull       /* bits 31:5: the PDPT */
#define LEGACY_ADDR_MASK    0xFFFFF000ull       /* 32-bit paging: bits 31:12 */
#define LEGACY_4M_MASK      0xFFC00000ull       /* 32-bit paging 4 MiB page: bits 31:22 */
#define PSE36_HIGH_SHIFT    13                  /* PDE bits 20:13 are address bits 39:32 */
#define PSE36_HIGH_MASK     0xFFull
/* PAE PDPTE reserved bits: 2:1, 8:5, 63:52, and MAXPHYADDR up to 51 (SDM Vol. 3, Table 4-8):
 * the fixed ones here, the others from CPUID (pdpte_reserved). */
#define PDPTE_RESERVED      0xFFF00000000001E6ull
#define PHYS_ADDR_LIMIT     52 /* no MAXPHYADDR is above it */

static const uint32_t pdpte_fields[4] = {
	VMCS_GUEST_PDPTE0, VMCS_GUEST_PDPTE1, VMCS_GUEST_PDPTE2, VMCS_GUEST_PDPTE3,
};

static bool pae_paging(uint64_t cr0, uint64_t cr4, uint64_t efer)
{
	return (cr0 & CR0_PG) && (cr4 & CR4_PAE) && !(efer & EFER_LMA);
}

void guest_paging_load(const struct vcpu *vcpu, struct guest_paging *paging)
{
	paging->ram = vcpu->ram;
	paging->cr0 = vmcs_read_natural(VMCS_GUEST_CR0);
	paging->cr3 = vmcs_read_natural(VMCS_GUEST_CR3);
	paging->cr4 = vmcs_read_natural(VMCS_GUEST_CR4);
	paging->efer = vmcs_read64(VMCS_GUEST_IA32_EFER);
	paging->user = guest_cpl() == 3;
	for (unsigned i = 0; i < 4; i++)
		paging->pdpte[i] = pae_paging(paging->cr0, paging->cr4, paging->efer)
					   ? vmcs_read64(pdpte_fields[i])
					   : 0;
}

/* Whether one paging-structure entry lets the access through; *pf_error as the CPU sets it. */
static int check_entry(const struct guest_paging *paging, uint64_t entry, bool write,
		       uint32_t *pf_error)
{
	uint32_t error = (write ? PF_ERROR_WRITE : 0) | (paging->user ? PF_ERROR_USER : 0);
	bool allowed = true;

	if (!(entry & PTE_P)) {
		allowed = false;
	} else {
		error |= PF_ERROR_PRESENT;
		if (paging->user && !(entry & PTE_US))
			allowed = false;
		if (write && !(entry & PTE_RW) && (paging->user || (paging->cr0 & CR0_WP)))
			allowed = false;
	}
	if (allowed)
		return GUEST_PAGING_OK;
	if (pf_error)
		*pf_error = error;
	return GUEST_PAGING_PAGE_FAULT;
}

/* Read a size-byte paging-structure entry at gpa. */
static bool read_entry(const struct guest_ram *ram, uint64_t gpa, unsigned size, uint64_t *entry)
{
	*entry = 0;
	return guest_ram_read(ram, gpa, entry, size) == 0;
}

/*
 * The walk shared by PAE, 4-level and 5-level paging: 8-byte entries, 9 bits of index a level,
 * from level top down to level 1 (the page table); PS makes a leaf at levels 2 and 3.
 */
static int walk_long(const struct guest_paging *paging, uint64_t table, int top, uint64_t linear,
		     bool write, uint64_t *gpa, uint32_t *pf_error)
{
	for (int level = top; level >= 1; level--) {
		unsigned shift = PAGE_SHIFT + 9 * (unsigned)(level - 1);
		uint64_t entry;
		if (!read_entry(paging->ram, table + ((linear >> shift) & 0x1FF) * 8, 8, &entry))
			return GUEST_PAGING_TABLE_NOT_RAM;
		int status = check_entry(paging, entry, write, pf_error);
		if (status != GUEST_PAGING_OK)
			return status;
		if (level == 1 || (level <= 3 && (entry & PTE_PS))) {
			uint64_t offset_mask = (1ull << shift) - 1;
			*gpa = (entry & PTE_ADDR_MASK & ~offset_mask) | (linear & offset_mask);
			return GUEST_PAGING_OK;
		}
		table = entry & PTE_ADDR_MASK;
	}
	return GUEST_PAGING_PAGE_FAULT; /* not reached: level 1 always ends the walk */
}

/* 32-bit paging: 4-byte entries, a page directory and page tables (SDM Vol. 3, 4.3). */
static int walk_legacy(const struct guest_paging *paging, uint64_t linear, bool write,
		       uint64_t *gpa, uint32_t *pf_error)
{
	uint64_t pde, pte;

	if (!read_entry(paging->ram, (paging->cr3 & LEGACY_ADDR_MASK) + ((linear >> 22) & 0x3FF) * 4,
			4, &pde))
		return GUEST_PAGING_TABLE_NOT_RAM;
	int status = check_entry(paging, pde, write, pf_error);
	if (status != GUEST_PAGING_OK)
		return status;
	if ((pde & PTE_PS) && (paging->cr4 & CR4_PSE)) {
		*gpa = (pde & LEGACY_4M_MASK) |
		       (((pde >> PSE36_HIGH_SHIFT) & PSE36_HIGH_MASK) << 32) | (linear & 0x3FFFFF);
		return GUEST_PAGING_OK;
	}
	if (!read_entry(paging->ram, (pde & LEGACY_ADDR_MASK) + ((linear >> 12) & 0x3FF) * 4, 4, &pte))
		return GUEST_PAGING_TABLE_NOT_RAM;
	status = check_entry(paging, pte, write, pf_error);
	if (status != GUEST_PAGING_OK)
		return status;
	*gpa = (pte & LEGACY_ADDR_MASK) | (linear & 0xFFF);
	return GUEST_PAGING_OK;
}

int guest_paging_translate(const struct guest_paging *paging, uint64_t linear, bool write,
			   uint64_t *gpa, uint32_t *pf_error)
{
	if (!(paging->cr0 & CR0_PG)) {
		*gpa = linear;
		return GUEST_PAGING_OK;
	}
	if (paging->efer & EFER_LMA)
		return walk_long(paging, paging->cr3 & PTE_ADDR_MASK,
				 (paging->cr4 & CR4_LA57) ? 5 : 4, linear, write, gpa, pf_error);

	linear &= 0xFFFFFFFFull;
	if (paging->cr4 & CR4_PAE) {
		uint64_t pdpte = paging->pdpte[(linear >> 30) & 3];
		if (!(pdpte & PTE_P)) {
			if (pf_error)
				*pf_error = (write ? PF_ERROR_WRITE : 0) | (paging->user ? PF_ERROR_USER : 0);
			return GUEST_PAGING_PAGE_FAULT;
		}
		return walk_long(paging, pdpte & PTE_ADDR_MASK, 2, linear, write, gpa, pf_error);
	}
	return walk_legacy(paging, linear, write, gpa, pf_error);
}

int guest_linear_to_physical(const struct vcpu *vcpu, uint64_t linear, bool write, uint64_t *gpa)
{
	struct guest_paging paging;

	guest_paging_load(vcpu, &paging);
	return guest_paging_translate(&paging, linear, write, gpa, NULL);
}

const char *guest_paging_status_text(int status)
{
	switch (status) {
	case GUEST_PAGING_OK:
		return "translated";
	case GUEST_PAGING_PAGE_FAULT:
		return "page fault";
	case GUEST_PAGING_TABLE_NOT_RAM:
		return "a paging structure lies outside guest RAM";
	default:
		return "unknown status";
	}
}

/* Every reserved bit of a present PDPTE: the fixed ones and those from MAXPHYADDR to 51. */
static uint64_t pdpte_reserved(void)
{
	unsigned maxphyaddr = cpuid_physical_address_bits();

	if (maxphyaddr >= PHYS_ADDR_LIMIT)
		return PDPTE_RESERVED;
	return PDPTE_RESERVED | (((1ull << PHYS_ADDR_LIMIT) - 1) & ~((1ull << maxphyaddr) - 1));
}

int guest_paging_load_pdptes(const struct vcpu *vcpu, uint64_t cr3)
{
	uint64_t pdpte[4];

	if (guest_ram_read(vcpu->ram, cr3 & PAE_CR3_MASK, pdpte, sizeof(pdpte)) != 0)
		return -1;
	uint64_t reserved = pdpte_reserved();
	for (unsigned i = 0; i < 4; i++)
		if ((pdpte[i] & PTE_P) && (pdpte[i] & reserved))
			return -1;
	for (unsigned i = 0; i < 4; i++)
		vmcs_write64(pdpte_fields[i], pdpte[i]);
	return 0;
}
