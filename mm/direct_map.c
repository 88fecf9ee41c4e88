/*
 * The direct map. boot/entry.asm maps the first 4 GiB with 2 MiB pages, in one PDPT that both
 * PML4 slot 0 (identity, where the kernel runs) and slot 256 (DIRECT_MAP_BASE) point at. Memory
 * above 4 GiB is added here, one page directory (1 GiB) at a time, into the same PDPT.
 */
#include "mm/direct_map.h"
#include "kernel/cpu.h"
#include "kernel/layout.h"

#define PTE_PRESENT  (1ull << 0)
#define PTE_WRITABLE (1ull << 1)
#define PTE_LARGE    (1ull << 7)
#define PTE_ADDRESS  0x000FFFFFFFFFF000ull
#define PAGE_2M      (2ull << 20)
#define GIB          (1ull << 30)
#define ENTRIES      512

extern uint64_t boot_pml4[ENTRIES];

void *phys_to_virt(phys_addr_t phys)
{
	return (void *)(DIRECT_MAP_BASE + phys);
}

phys_addr_t virt_to_phys(const void *virt)
{
	return (phys_addr_t)virt - DIRECT_MAP_BASE;
}

static uint64_t *boot_pdpt(void)
{
	return phys_to_virt(boot_pml4[0] & PTE_ADDRESS);
}

/* Reloading CR3 drops the TLB's non-global entries: all of ours, the kernel using no G bit. */
static void flush_tlb(void)
{
	write_cr3(read_cr3());
}

/* The page-directory entry for physical address phys below 4 GiB (boot tables). */
static uint64_t *boot_pde(phys_addr_t phys)
{
	uint64_t *pd = phys_to_virt(boot_pdpt()[phys / GIB] & PTE_ADDRESS);
	return &pd[(phys % GIB) / PAGE_2M];
}

int direct_map_unmap_page(phys_addr_t phys)
{
	uint64_t *pde = boot_pde(phys);

	if (*pde & PTE_LARGE) {
		phys_addr_t pt_phys = frame_alloc(FRAME_BELOW_4G);
		if (!pt_phys)
			return -1;
		uint64_t *pt = phys_to_virt(pt_phys);
		phys_addr_t base = *pde & PTE_ADDRESS & ~(PAGE_2M - 1);
		for (unsigned i = 0; i < ENTRIES; i++)
			pt[i] = (base + i * FRAME_SIZE) | PTE_PRESENT | PTE_WRITABLE;
		*pde = pt_phys | PTE_PRESENT | PTE_WRITABLE;
	}
	uint64_t *pt = phys_to_virt(*pde & PTE_ADDRESS);
	pt[(phys % PAGE_2M) / FRAME_SIZE] = 0;
	flush_tlb();
	return 0;
}

phys_addr_t direct_map_extend(phys_addr_t limit)
{
	uint64_t *pdpt = boot_pdpt();
	phys_addr_t mapped = DIRECT_MAP_BOOT_LIMIT;

	if (limit > DIRECT_MAP_MAX_LIMIT)
		limit = DIRECT_MAP_MAX_LIMIT;
	for (; mapped < limit; mapped += GIB) {
		phys_addr_t pd_phys = frame_alloc(FRAME_BELOW_4G);
		if (!pd_phys)
			break;
		uint64_t *pd = phys_to_virt(pd_phys);
		for (unsigned i = 0; i < ENTRIES; i++)
			pd[i] = (mapped + i * PAGE_2M) | PTE_PRESENT | PTE_WRITABLE | PTE_LARGE;
		pdpt[mapped / GIB] = pd_phys | PTE_PRESENT | PTE_WRITABLE;
	}
	flush_tlb();
	return mapped;
}
