/*
 * vmx/guest_paging.c: page walks over tables built in a test guest RAM, for each paging mode
 * and page size, with the permission checks, the #PF error codes, tables outside RAM, and the
 * PAE PDPTE load.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/msr_index.h"
#include "tests/unit/support/exit_test.h"
#include "vmx/control_regs.h"
#include "vmx/event_injection.h"
#include "vmx/guest_paging.h"

#define P  0x1ull
#define RW 0x2ull
#define US 0x4ull
#define PS 0x80ull

static void put64(uint64_t gpa, uint64_t value)
{
	assert_int_equal(guest_ram_write(&exit_test.ram, gpa, &value, 8), 0);
}

static void put32(uint64_t gpa, uint32_t value)
{
	assert_int_equal(guest_ram_write(&exit_test.ram, gpa, &value, 4), 0);
}

static void set_mode(uint64_t cr0, uint64_t cr3, uint64_t cr4, uint64_t efer)
{
	fake_vmcs_set(VMCS_GUEST_CR0, cr0);
	fake_vmcs_set(VMCS_GUEST_CR3, cr3);
	fake_vmcs_set(VMCS_GUEST_CR4, cr4);
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, efer);
}

/* Translate with a fresh snapshot; returns the status, *gpa and *error as the walk set them. */
static int walk(uint64_t linear, bool write, uint64_t *gpa, uint32_t *error)
{
	struct guest_paging paging;
	*gpa = 0xBAD;
	*error = 0xBAD;
	guest_paging_load(&exit_test.vcpu, &paging);
	return guest_paging_translate(&paging, linear, write, gpa, error);
}

static void expect(uint64_t linear, bool write, uint64_t want_gpa)
{
	uint64_t gpa;
	uint32_t error;
	int status = walk(linear, write, &gpa, &error);
	if (status != GUEST_PAGING_OK || gpa != want_gpa)
		fail_msg("linear 0x%lx (%s): status %d gpa 0x%lx, expected 0x%lx", (unsigned long)linear,
			 write ? "write" : "read", status, (unsigned long)gpa, (unsigned long)want_gpa);
}

static void expect_fault(uint64_t linear, bool write, uint32_t want_error)
{
	uint64_t gpa;
	uint32_t error;
	int status = walk(linear, write, &gpa, &error);
	if (status != GUEST_PAGING_PAGE_FAULT || error != want_error)
		fail_msg("linear 0x%lx (%s): status %d error 0x%x, expected #PF 0x%x",
			 (unsigned long)linear, write ? "write" : "read", status, error, want_error);
}

#define CR0_PAGING (EXIT_TEST_CR0 | CR0_PG | CR0_WP)

static void paging_off_is_identity(void **state)
{
	(void)state;
	set_mode(EXIT_TEST_CR0, 0, 0, 0);
	expect(0x1234, false, 0x1234);
	expect(0xFEE00000, true, 0xFEE00000); /* outside RAM: the caller finds out */
}

static void legacy_4k_and_4m_pages(void **state)
{
	(void)state;
	set_mode(CR0_PAGING, 0x10000, CR4_PSE, 0);
	put32(0x10000 + 1 * 4, 0x11000 | P | RW);          /* 0x00400000: page table */
	put32(0x11000 + 5 * 4, 0x7A5000 | P | RW);         /* 0x00405000 -> 0x7A5000 */
	put32(0x10000 + 2 * 4, 0x00400000 | P | RW | PS);  /* 0x00800000: 4 MiB page */
	put32(0x10000 + 3 * 4, 0x00400000 | P | PS | (0x3u << 13)); /* PSE-36: bits 39:32 = 3 */
	expect(0x00405ABC, false, 0x7A5ABC);
	expect(0x00405ABC, true, 0x7A5ABC);
	expect(0x00812345, false, 0x00412345);
	expect(0x00C12345, false, 0x300412345ull);
	expect(0xFFFFFFFF00405ABCull, false, 0x7A5ABC); /* only 32 bits of linear address */
	expect_fault(0x00C12345, true, PF_ERROR_PRESENT | PF_ERROR_WRITE); /* read-only 4 MiB */
	expect_fault(0x01000000, false, 0);                                /* PDE not present */
	expect_fault(0x00406000, true, PF_ERROR_WRITE);                    /* PTE not present */
}

static void legacy_ps_ignored_without_pse(void **state)
{
	(void)state;
	set_mode(CR0_PAGING, 0x10000, 0, 0);
	put32(0x10000 + 2 * 4, 0x00012000 | P | RW | PS); /* PS ignored: a page table at 0x12000 */
	put32(0x12000 + 1 * 4, 0x00333000 | P | RW);
	expect(0x00801234, false, 0x333234);
}

static void pae_4k_and_2m_pages(void **state)
{
	(void)state;
	set_mode(CR0_PAGING, 0x10000, CR4_PAE, 0);
	fake_vmcs_set(VMCS_GUEST_PDPTE0, 0x20000 | P);
	fake_vmcs_set(VMCS_GUEST_PDPTE3, 0x30000 | P);
	put64(0x20000 + 2 * 8, 0x21000 | P | RW);            /* 0x00400000 */
	put64(0x21000 + 3 * 8, 0x654000 | P | RW);           /* 0x00403000 -> 0x654000 */
	put64(0x30000 + 511 * 8, 0x600000 | P | RW | PS);    /* 0xFFE00000: 2 MiB */
	expect(0x00403010, true, 0x654010);
	expect(0xFFE12345, false, 0x612345);
	expect_fault(0x40000000, false, 0); /* PDPTE1 not present */
}

static void four_level_4k_2m_1g(void **state)
{
	(void)state;
	set_mode(CR0_PAGING, 0x10000, CR4_PAE, EFER_LME | EFER_LMA);
	/* 0xFFFF800000000000: PML4 index 256 */
	put64(0x10000 + 256 * 8, 0x11000 | P | RW);
	put64(0x11000 + 0 * 8, 0x40000000 | P | RW | PS);    /* 1 GiB page at 1 GiB */
	put64(0x11000 + 1 * 8, 0x12000 | P | RW);
	put64(0x12000 + 0 * 8, 0x200000 | P | RW | PS);      /* 2 MiB page */
	put64(0x12000 + 1 * 8, 0x13000 | P | RW);
	put64(0x13000 + 7 * 8, 0x00ABC000 | P | RW | (1ull << 63)); /* XD bit is not address */
	expect(0xFFFF800012345678ull, false, 0x52345678);
	expect(0xFFFF800040012345ull, false, 0x212345);
	expect(0xFFFF800040207123ull, true, 0xABC123);
	expect_fault(0x0000000000001000ull, false, 0); /* PML4 index 0 not present */
}

static void five_level_paging(void **state)
{
	(void)state;
	set_mode(CR0_PAGING, 0x10000, CR4_PAE | CR4_LA57, EFER_LME | EFER_LMA);
	put64(0x10000 + 1 * 8, 0x11000 | P | RW); /* PML5 index 1: bit 48 */
	put64(0x11000 + 0 * 8, 0x12000 | P | RW);
	put64(0x12000 + 0 * 8, 0x80000000 | P | RW | PS);
	expect(0x0001000000001234ull, false, 0x80001234);
}

static void permissions(void **state)
{
	(void)state;
	set_mode(CR0_PAGING, 0x10000, CR4_PAE, EFER_LME | EFER_LMA);
	put64(0x10000, 0x11000 | P | RW | US);
	put64(0x11000, 0x12000 | P | RW | US);
	put64(0x12000, 0x13000 | P | RW | US);
	put64(0x13000 + 1 * 8, 0x50000 | P | US);      /* user, read-only */
	put64(0x13000 + 2 * 8, 0x51000 | P | RW);      /* supervisor, writable */
	expect(0x1000, false, 0x50000);
	expect_fault(0x1000, true, PF_ERROR_PRESENT | PF_ERROR_WRITE); /* CR0.WP = 1 */
	fake_vmcs_set(VMCS_GUEST_CR0, EXIT_TEST_CR0 | CR0_PG);         /* WP = 0 */
	expect(0x1000, true, 0x50000);                                 /* supervisor may */

	fake_vmcs_set(VMCS_GUEST_SS_ACCESS_RIGHTS, EXIT_TEST_SS_AR | (3u << 5)); /* CPL 3 */
	expect(0x1000, false, 0x50000);
	expect_fault(0x1000, true, PF_ERROR_PRESENT | PF_ERROR_WRITE | PF_ERROR_USER);
	expect_fault(0x2000, false, PF_ERROR_PRESENT | PF_ERROR_USER);
	expect_fault(0x3000, false, PF_ERROR_USER);
}

static void tables_outside_ram(void **state)
{
	(void)state;
	uint64_t gpa;
	uint32_t error;
	set_mode(CR0_PAGING, 0x10000000, CR4_PAE, EFER_LME | EFER_LMA); /* CR3 at 256 MiB */
	assert_int_equal(walk(0x1000, false, &gpa, &error), GUEST_PAGING_TABLE_NOT_RAM);
	set_mode(CR0_PAGING, 0x10000, CR4_PAE, EFER_LME | EFER_LMA);
	put64(0x10000, 0x7FFFF000ull | P | RW);
	assert_int_equal(walk(0x1000, false, &gpa, &error), GUEST_PAGING_TABLE_NOT_RAM);
	assert_string_equal(guest_paging_status_text(GUEST_PAGING_TABLE_NOT_RAM),
			    "a paging structure lies outside guest RAM");
}

static void one_shot_translation(void **state)
{
	(void)state;
	uint64_t gpa = 0;
	set_mode(EXIT_TEST_CR0, 0, 0, 0);
	assert_int_equal(guest_linear_to_physical(&exit_test.vcpu, 0x4321, true, &gpa), 0);
	assert_int_equal(gpa, 0x4321);
	set_mode(CR0_PAGING, 0x10000, 0, 0);
	assert_int_equal(guest_linear_to_physical(&exit_test.vcpu, 0x4321, false, &gpa),
			 GUEST_PAGING_PAGE_FAULT);
}

static void pdpte_load(void **state)
{
	(void)state;
	put64(0x10020, 0x20001);
	put64(0x10028, 0);
	put64(0x10030, 0x8000000000000002ull); /* not present: reserved bits do not matter */
	put64(0x10038, 0x30001);
	assert_int_equal(guest_paging_load_pdptes(&exit_test.vcpu, 0x10020), 0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PDPTE0), 0x20001);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PDPTE2), 0x8000000000000002ull);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PDPTE3), 0x30001);

	exit_test_setup();
	put64(0x10000, 0x20001 | (1ull << 63)); /* XD is reserved in a PDPTE */
	assert_int_equal(guest_paging_load_pdptes(&exit_test.vcpu, 0x10000), -1);
	put64(0x10000, 0x20001 | (1ull << 5));
	assert_int_equal(guest_paging_load_pdptes(&exit_test.vcpu, 0x10000), -1);
	assert_false(fake_vmcs_written(VMCS_GUEST_PDPTE0));
	assert_int_equal(guest_paging_load_pdptes(&exit_test.vcpu, EXIT_TEST_RAM_SIZE), -1);
}

/* Bits from MAXPHYADDR (CPUID 0x80000008 EAX[7:0]) to 51 are reserved in a present PDPTE. */
static void pdpte_reserved_above_maxphyaddr(void **state)
{
	(void)state;
	static const struct {
		uint32_t max_extended_leaf, leaf_80000008_eax;
		unsigned maxphyaddr;
	} cpus[] = {
		{ 0x80000008, 0x3027, 39 }, /* the fake Haswell */
		{ 0x80000008, 0x302E, 46 },
		{ 0x80000008, 0x3934, 52 }, /* nothing between 51 and the fixed bits */
		{ 0x80000004, 0, 36 },      /* no leaf 0x80000008: 36 bits */
	};
	for (size_t i = 0; i < sizeof(cpus) / sizeof(cpus[0]); i++) {
		exit_test_setup();
		fake_host_cpuid_set(0x80000000, FAKE_CPUID_ANY_SUBLEAF,
				    (struct cpuid_regs){ cpus[i].max_extended_leaf, 0, 0, 0 });
		fake_host_cpuid_set(0x80000008, FAKE_CPUID_ANY_SUBLEAF,
				    (struct cpuid_regs){ cpus[i].leaf_80000008_eax, 0, 0, 0 });
		unsigned top = cpus[i].maxphyaddr;
		put64(0x10000, 0x20001 | (1ull << (top - 1))); /* the highest address bit */
		if (guest_paging_load_pdptes(&exit_test.vcpu, 0x10000) != 0)
			fail_msg("MAXPHYADDR %u: address bit %u refused", top, top - 1);
		for (unsigned bit = top; bit < 52; bit++) {
			put64(0x10000, 0x20001 | (1ull << bit));
			if (guest_paging_load_pdptes(&exit_test.vcpu, 0x10000) != -1)
				fail_msg("MAXPHYADDR %u: reserved bit %u accepted", top, bit);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test(paging_off_is_identity),
		exit_test_unit_test(legacy_4k_and_4m_pages),
		exit_test_unit_test(legacy_ps_ignored_without_pse),
		exit_test_unit_test(pae_4k_and_2m_pages),
		exit_test_unit_test(four_level_4k_2m_1g),
		exit_test_unit_test(five_level_paging),
		exit_test_unit_test(permissions),
		exit_test_unit_test(tables_outside_ram),
		exit_test_unit_test(one_shot_translation),
		exit_test_unit_test(pdpte_load),
		exit_test_unit_test(pdpte_reserved_above_maxphyaddr),
	};
	return cmocka_run_group_tests_name("guest_paging", tests, NULL, NULL);
}
