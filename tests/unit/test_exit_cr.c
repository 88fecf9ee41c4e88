/*
 * vmx/exit_cr.c through exit_dispatch: MOV to CR0/CR3/CR4/CR8, MOV from CR3/CR8, CLTS and
 * LMSW; the read shadows and the forced bits; #GP for invalid values with nothing changed;
 * IA-32e mode following CR0.PG with EFER.LME; PAE paging loading the PDPTEs.
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

#define GPR_RAX 0
#define GPR_RSP 4
#define GPR_RDI 7
#define GPR_R13 13

enum { MOV_TO = 0, MOV_FROM = 1, CLTS = 2, LMSW = 3 };

static enum exit_action cr_exit(unsigned cr, unsigned type, unsigned gpr, uint16_t lmsw)
{
	exit_test_exit(EXIT_REASON_CR_ACCESS,
		       cr | (type << 4) | (gpr << 8) | ((uint64_t)lmsw << 16), 3);
	return exit_test_dispatch();
}

static enum exit_action mov_to(unsigned cr, uint64_t value)
{
	exit_test.vcpu.regs.rax = value;
	return cr_exit(cr, MOV_TO, GPR_RAX, 0);
}

static void assert_resumed(void)
{
	assert_int_equal(exit_test_injected(), 0);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 3);
}

/* #GP(0) and nothing of the CR state changed. */
static void assert_refused(void)
{
	assert_int_equal(exit_test_injected(), EXIT_TEST_GP);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
	assert_false(fake_vmcs_written(VMCS_GUEST_CR0));
	assert_false(fake_vmcs_written(VMCS_CR0_READ_SHADOW));
	assert_false(fake_vmcs_written(VMCS_GUEST_CR4));
	assert_false(fake_vmcs_written(VMCS_CR4_READ_SHADOW));
	assert_false(fake_vmcs_written(VMCS_GUEST_IA32_EFER));
	assert_false(fake_vmcs_written(VMCS_VM_ENTRY_CONTROLS));
}

/* ---- CR0 ------------------------------------------------------------------------------------ */

static void cr0_shadow_gets_the_guest_value_real_gets_forced_bits(void **state)
{
	(void)state;
	static const struct {
		uint64_t write, shadow, real;
	} cases[] = {
		{ 0x00000011, 0x00000011, 0x00000031 }, /* NE cleared by the guest, forced in real */
		{ 0x60000011, 0x60000011, 0x00000031 }, /* CD, NW shown, caching stays on */
		{ 0x40000031, 0x40000031, 0x00000031 }, /* CD alone */
		{ 0x00010051, 0x00010011, 0x00010031 }, /* reserved bit 6 ignored, WP kept */
		{ 0x00000000, 0x00000010, 0x00000030 }, /* real mode: PE not forced (unrestricted) */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		assert_int_equal(mov_to(0, cases[i].write), EXIT_RESUME);
		assert_resumed();
		assert_int_equal(fake_vmcs_get(VMCS_CR0_READ_SHADOW), cases[i].shadow);
		assert_int_equal(fake_vmcs_get(VMCS_GUEST_CR0), cases[i].real);
	}
}

static void cr0_without_unrestricted_guest_forces_pe_and_pg(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS, SECONDARY_ENABLE_EPT);
	mov_to(0, 0x11);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_CR0), 0x80000031);
	assert_int_equal(fake_vmcs_get(VMCS_CR0_READ_SHADOW), 0x11);
}

static void cr0_invalid_combinations_raise_gp(void **state)
{
	(void)state;
	static const struct {
		uint64_t value;
		const char *why;
	} cases[] = {
		{ 0x80000010, "PG without PE" },
		{ 0x20000011, "NW without CD" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		mov_to(0, cases[i].value);
		assert_refused();
	}
}

static void cr0_upper_bits_fault_in_64bit_mode_only(void **state)
{
	(void)state;
	mov_to(0, 0x100000011ull); /* 32-bit code: the upper half is not an operand */
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_CR0_READ_SHADOW), 0x11);

	exit_test_setup();
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64);
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME | EFER_LMA);
	mov_to(0, 0x180000031ull);
	assert_refused();
}

/* Long mode set up to be entered: EFER.LME, CR4.PAE. */
static void prepare_long_mode(void)
{
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME);
	fake_vmcs_set(VMCS_GUEST_CR4, CR4_VMXE | CR4_PAE);
	fake_vmcs_set(VMCS_CR4_READ_SHADOW, CR4_PAE);
	fake_vmcs_set(VMCS_GUEST_TR_ACCESS_RIGHTS, 0x83); /* 16-bit busy TSS: never loaded */
}

static void paging_on_with_lme_enters_ia32e_mode(void **state)
{
	(void)state;
	prepare_long_mode();
	assert_int_equal(mov_to(0, 0x80000011), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_IA32_EFER), EFER_LME | EFER_LMA);
	assert_true(fake_vmcs_get(VMCS_VM_ENTRY_CONTROLS) & VM_ENTRY_IA32E_MODE_GUEST);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_CR0), 0x80000031);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_TR_ACCESS_RIGHTS), 0x8B);

	/* And back out, from compatibility mode (CS.L = 0). */
	exit_test_exit(EXIT_REASON_CR_ACCESS, 0, 3);
	fake_vmcs_set(VMCS_GUEST_RIP, EXIT_TEST_RIP);
	assert_int_equal(mov_to(0, 0x11), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_IA32_EFER), EFER_LME);
	assert_false(fake_vmcs_get(VMCS_VM_ENTRY_CONTROLS) & VM_ENTRY_IA32E_MODE_GUEST);
	/* Other entry controls untouched. */
	assert_true(fake_vmcs_get(VMCS_VM_ENTRY_CONTROLS) & VM_ENTRY_LOAD_IA32_EFER);
}

static void paging_on_with_lme_but_no_pae_raises_gp(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME);
	mov_to(0, 0x80000011);
	assert_refused();
}

static void paging_off_in_64bit_mode_raises_gp(void **state)
{
	(void)state;
	prepare_long_mode();
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME | EFER_LMA);
	fake_vmcs_set(VMCS_GUEST_CR0, 0x80000031);
	fake_vmcs_set(VMCS_CR0_READ_SHADOW, 0x80000031);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64);
	mov_to(0, 0x11);
	assert_refused();
}

static void pae_paging_loads_the_pdptes(void **state)
{
	(void)state;
	uint64_t pdpte[4] = { 0x20001, 0x0, 0x30001, 0x40001 };
	assert_int_equal(guest_ram_write(&exit_test.ram, 0x10020, pdpte, sizeof(pdpte)), 0);
	fake_vmcs_set(VMCS_GUEST_CR3, 0x10020);
	fake_vmcs_set(VMCS_GUEST_CR4, CR4_VMXE | CR4_PAE);
	fake_vmcs_set(VMCS_CR4_READ_SHADOW, CR4_PAE);
	assert_int_equal(mov_to(0, 0x80000011), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PDPTE0), 0x20001);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PDPTE1), 0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PDPTE2), 0x30001);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PDPTE3), 0x40001);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_IA32_EFER), 0); /* not long mode */
}

static void invalid_pdpte_raises_gp(void **state)
{
	(void)state;
	uint64_t pdpte[4] = { 0x20001 | 0x2 /* reserved bit 1 */, 0, 0, 0 };
	assert_int_equal(guest_ram_write(&exit_test.ram, 0x10000, pdpte, sizeof(pdpte)), 0);
	fake_vmcs_set(VMCS_GUEST_CR3, 0x10000);
	fake_vmcs_set(VMCS_GUEST_CR4, CR4_VMXE | CR4_PAE);
	fake_vmcs_set(VMCS_CR4_READ_SHADOW, CR4_PAE);
	mov_to(0, 0x80000011);
	assert_refused();
	assert_false(fake_vmcs_written(VMCS_GUEST_PDPTE0));
}

/* ---- CLTS and LMSW -------------------------------------------------------------------------- */

static void clts_clears_ts(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_CR0_GUEST_HOST_MASK, EXIT_TEST_CR0_MASK | CR0_TS);
	fake_vmcs_set(VMCS_CR0_READ_SHADOW, EXIT_TEST_CR0 | CR0_TS);
	fake_vmcs_set(VMCS_GUEST_CR0, EXIT_TEST_CR0 | CR0_TS);
	assert_int_equal(cr_exit(0, CLTS, 0, 0), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_CR0_READ_SHADOW), EXIT_TEST_CR0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_CR0), EXIT_TEST_CR0);
}

static void lmsw_loads_low_bits_but_cannot_clear_pe(void **state)
{
	(void)state;
	assert_int_equal(cr_exit(0, LMSW, 0, 0xE), EXIT_RESUME); /* MP EM TS, PE 0 */
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_CR0_READ_SHADOW), EXIT_TEST_CR0 | 0xE);

	exit_test_setup();
	fake_vmcs_set(VMCS_GUEST_CR0, 0x30);
	fake_vmcs_set(VMCS_CR0_READ_SHADOW, 0x30);
	cr_exit(0, LMSW, 0, 0xFFF1); /* only bits 3:0 count; PE may be set */
	assert_int_equal(fake_vmcs_get(VMCS_CR0_READ_SHADOW), 0x31);
}

/* ---- CR4 ------------------------------------------------------------------------------------ */

static void cr4_write_keeps_vmxe_in_the_real_register(void **state)
{
	(void)state;
	assert_int_equal(mov_to(4, CR4_PAE | CR4_OSXSAVE | CR4_OSFXSR | CR4_PGE), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_CR4_READ_SHADOW),
			 CR4_PAE | CR4_OSXSAVE | CR4_OSFXSR | CR4_PGE);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_CR4),
			 CR4_VMXE | CR4_PAE | CR4_OSXSAVE | CR4_OSFXSR | CR4_PGE);
}

static void cr4_refuses_what_the_guest_does_not_have(void **state)
{
	(void)state;
	static const struct {
		uint64_t value;
		const char *why;
	} cases[] = {
		{ CR4_VMXE, "VMX is hidden" },
		{ CR4_SMXE, "SMX is hidden" },
		{ CR4_PKE, "no PKU on this CPU" },
		{ CR4_LA57, "no LA57 on this CPU" },
		{ CR4_CET, "CET is hidden" },
		{ 1ull << 15, "reserved" },
		{ 1ull << 26, "reserved" },
		{ 1ull << 32, "reserved" },
		{ CR4_PCIDE, "PCIDE outside IA-32e mode" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64); /* 64-bit operand */
		mov_to(4, cases[i].value);
		if (exit_test_injected() != EXIT_TEST_GP)
			fail_msg("CR4 0x%lx (%s) accepted", (unsigned long)cases[i].value, cases[i].why);
		assert_refused();
	}
}

static void cr4_long_mode_rules(void **state)
{
	(void)state;
	/* In IA-32e mode PAE cannot go, PCIDE can come when CR3[11:0] = 0. */
	prepare_long_mode();
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME | EFER_LMA);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64);
	mov_to(4, 0);
	assert_refused();

	fake_vmcs_set(VMCS_VM_ENTRY_INTERRUPTION_INFORMATION, 0);
	fake_vmcs_set(VMCS_GUEST_CR3, 0x5000);
	mov_to(4, CR4_PAE | CR4_PCIDE);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_CR4_READ_SHADOW), CR4_PAE | CR4_PCIDE);
}

/* ---- CR3, CR8, and register numbering -------------------------------------------------------- */

static void mov_cr3_both_ways(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_CR3, 0x9000);
	exit_test.vcpu.regs.r13 = 0;
	assert_int_equal(cr_exit(3, MOV_FROM, GPR_R13, 0), EXIT_RESUME);
	assert_int_equal(exit_test.vcpu.regs.r13, 0x9000);
	exit_test.vcpu.regs.rdi = 0xA000;
	fake_vmcs_set(VMCS_GUEST_RIP, EXIT_TEST_RIP);
	assert_int_equal(cr_exit(3, MOV_TO, GPR_RDI, 0), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_CR3), 0xA000);
}

static void mov_from_cr3_to_rsp_goes_to_the_vmcs(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_CR3, 0x7000);
	cr_exit(3, MOV_FROM, GPR_RSP, 0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_RSP), 0x7000);
}

static void cr8_without_an_apic(void **state)
{
	(void)state;
	exit_test.vcpu.regs.rdi = 0x1234;
	cr_exit(8, MOV_FROM, GPR_RDI, 0);
	assert_int_equal(exit_test.vcpu.regs.rdi, 0);
	fake_vmcs_set(VMCS_GUEST_RIP, EXIT_TEST_RIP);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64);
	mov_to(8, 15);
	assert_resumed();
	fake_vmcs_set(VMCS_GUEST_RIP, EXIT_TEST_RIP);
	mov_to(8, 16);
	assert_int_equal(exit_test_injected(), EXIT_TEST_GP);
}

static void unexpected_control_register_ends_the_guest(void **state)
{
	(void)state;
	assert_int_equal(mov_to(2, 0), EXIT_END);
	assert_int_equal(exit_test.vcpu.end, VCPU_END_GUEST_FAULT);
	assert_non_null(strstr(exit_test.vcpu.end_reason, "unexpected MOV to CR2 exit"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test(cr0_shadow_gets_the_guest_value_real_gets_forced_bits),
		exit_test_unit_test(cr0_without_unrestricted_guest_forces_pe_and_pg),
		exit_test_unit_test(cr0_invalid_combinations_raise_gp),
		exit_test_unit_test(cr0_upper_bits_fault_in_64bit_mode_only),
		exit_test_unit_test(paging_on_with_lme_enters_ia32e_mode),
		exit_test_unit_test(paging_on_with_lme_but_no_pae_raises_gp),
		exit_test_unit_test(paging_off_in_64bit_mode_raises_gp),
		exit_test_unit_test(pae_paging_loads_the_pdptes),
		exit_test_unit_test(invalid_pdpte_raises_gp),
		exit_test_unit_test(clts_clears_ts),
		exit_test_unit_test(lmsw_loads_low_bits_but_cannot_clear_pe),
		exit_test_unit_test(cr4_write_keeps_vmxe_in_the_real_register),
		exit_test_unit_test(cr4_refuses_what_the_guest_does_not_have),
		exit_test_unit_test(cr4_long_mode_rules),
		exit_test_unit_test(mov_cr3_both_ways),
		exit_test_unit_test(mov_from_cr3_to_rsp_goes_to_the_vmcs),
		exit_test_unit_test(cr8_without_an_apic),
		exit_test_unit_test(unexpected_control_register_ends_the_guest),
	};
	return cmocka_run_group_tests_name("exit_cr", tests, NULL, NULL);
}
