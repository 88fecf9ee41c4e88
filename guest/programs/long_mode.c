/*
 * long_mode: switches from 32-bit protected mode to 64-bit mode and back (long_mode_switch.asm),
 * exercising the hypervisor's handling of CR0.PG, CR4.PAE, CR3 and EFER.LME/LMA in both
 * directions. The 64-bit code prints its own line and leaves evidence for the checks here:
 * EFER as read in 64-bit mode (LMA set), CS, and a value only a 64-bit register could store.
 *
 * It goes twice. The first time the CPU runs the MOVs to CR0 itself (PG is the guest's); the
 * second time CR0.CD changes beside PG, and CD is the hypervisor's, so both MOVs exit and the
 * hypervisor emulates them: IA-32e mode on and off, and the INVVPID a change of PG needs.
 */
#include "lib/check.h"
#include "lib/entry.h"
#include "lib/printf.h"
#include "lib/x86.h"

/* Page-table entry bits (SDM Vol. 3, 4.5). */
#define PTE_P  (1ull << 0)
#define PTE_W  (1ull << 1)
#define PTE_PS (1ull << 7)  /* in a page-directory entry: a 2 MiB page */

#define ENTRIES 512
#define PAGE_2M (2ull << 20)
#define PROOF_64 0x0123456789ABCDEFull /* long_mode_switch.asm stores it from a 64-bit register */

/* Filled in by the 64-bit code; layout mirrored in long_mode_switch.asm. */
struct long_mode_report {
	uint64_t efer;
	uint32_t cs;
	uint32_t pad;
	uint64_t proof;
};

void long_mode_roundtrip(uint32_t pml4, struct long_mode_report *report, uint32_t cr0_also);

static uint64_t pml4[ENTRIES] __attribute__((aligned(4096)));
static uint64_t pdpt[ENTRIES] __attribute__((aligned(4096)));
static uint64_t pd[ENTRIES] __attribute__((aligned(4096)));

/* Identity-map the first 1 GiB with 2 MiB pages. Only guest RAM is ever touched; mapping
 * more costs nothing, since nothing beyond it is accessed. */
static void build_identity_map(void)
{
	for (uint32_t i = 0; i < ENTRIES; i++)
		pd[i] = (uint64_t)i * PAGE_2M | PTE_P | PTE_W | PTE_PS;
	pdpt[0] = (uint32_t)pd | PTE_P | PTE_W;
	pml4[0] = (uint32_t)pdpt | PTE_P | PTE_W;
}

/* One trip there and back, cr0_also changing with CR0.PG, and the checks on what it left. */
static void roundtrip(const char *how, uint32_t cr0_also)
{
	struct long_mode_report report = { 0, 0, 0, 0 };

	printf("guest: entering long mode (%s): CR4.PAE, CR3, EFER.LME, CR0.PG\n", how);
	long_mode_roundtrip((uint32_t)pml4, &report, cr0_also);

	uint64_t efer = rdmsr(MSR_IA32_EFER);
	uint32_t cr0 = read_cr0();
	printf("guest: back in 32-bit protected mode: in 64-bit mode EFER was 0x%llx, CS 0x%x\n",
	       report.efer, report.cs);
	check(report.efer & EFER_LMA, "EFER.LMA was set in 64-bit mode");
	check(report.cs == SEL_CODE64, "CS was the 64-bit code selector");
	if (check(report.proof == PROOF_64, "64-bit register value stored from 64-bit mode"))
		printf("guest: 64-bit mode stored 0x%llx\n", report.proof);
	if (check(!(efer & (EFER_LMA | EFER_LME)) && !(cr0 & (CR0_PG | cr0_also)),
		  "EFER.LME/LMA and CR0.PG clear after leaving long mode"))
		printf("guest: left long mode (%s): EFER 0x%llx, CR0 0x%08x\n", how, efer, cr0);
}

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;

	build_identity_map();
	roundtrip("CPU", 0);
	roundtrip("emulated, CR0.CD beside PG", CR0_CD);
	return check_status();
}
