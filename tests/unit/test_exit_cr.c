/*
 * vmx/exit_cr.c through exit_dispatch: MOV to CR0/CR3/CR4/CR8, MOV from CR3/CR8, CLTS and
 * LMSW; the read shadows and the forced bits; #GP for invalid values with nothing changed;
 * IA-32e mode following CR0.PG with EFER.LME; 64-bit mode as EFER.LMA and CS.L together; PAE
 * paging loading the PDPTEs (reserved bits above MAXPHYADDR included); the INVVPID a change
 * of paging needs; and cr4_guest_allowed.
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
#include "vmx/cpuid_view.h"
#include "vmx/exit_cr.h"

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

/* Outside IA-32e mode CS.L means nothing: the operand is 32 bits, paging may go off. */
static void cs_l_is_ignored_outside_ia32e_mode(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64);
	assert_int_equal(mov_to(0, 0x100000011ull), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_CR0_READ_SHADOW), 0x11);

	/* 32-bit paging off with CS.L set: allowed (in 64-bit mode it would be #GP). */
	exit_test_setup();
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64);
	fake_vmcs_set(VMCS_GUEST_CR0, 0x80000031);
	fake_vmcs_set(VMCS_CR0_READ_SHADOW, 0x80000031);
	assert_int_equal(mov_to(0, 0x11), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_CR0_READ_SHADOW), 0x11);
}

/* CR4.PAE on (paging still off): a MOV to CR0 setting PG enters PAE or 4-level paging. */
static void set_cr4_pae(void)
{
	fake_vmcs_set(VMCS_GUEST_CR4, CR4_VMXE | CR4_PAE);
	fake_vmcs_set(VMCS_CR4_READ_SHADOW, CR4_PAE);
}

/* Four PDPTEs in guest RAM at cr3, and CR3 pointing at them. */
static void put_pdpt(uint64_t cr3, const uint64_t pdpte[4])
{
	assert_int_equal(guest_ram_write(&exit_test.ram, cr3, pdpte, 4 * sizeof(pdpte[0])), 0);
	fake_vmcs_set(VMCS_GUEST_CR3, cr3);
}

/* Long mode set up to be entered: EFER.LME, CR4.PAE. */
static void prepare_long_mode(void)
{
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME);
	set_cr4_pae();
	fake_vmcs_set(VMCS_GUEST_TR_ACCESS_RIGHTS, 0x83); /* 16-bit busy TSS: never loaded */
}

/* Running in 64-bit mode: IA-32e mode active (LMA, paging, PAE) and a 64-bit CS. */
static void enter_64bit_mode(void)
{
	prepare_long_mode();
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME | EFER_LMA);
	fake_vmcs_set(VMCS_GUEST_CR0, 0x80000031);
	fake_vmcs_set(VMCS_CR0_READ_SHADOW, 0x80000031);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64);
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
	enter_64bit_mode();
	mov_to(0, 0x11);
	assert_refused();
}

static void pae_paging_loads_the_pdptes(void **state)
{
	(void)state;
	static const uint64_t pdpte[4] = { 0x20001, 0x0, 0x30001, 0x40001 };
	put_pdpt(0x10020, pdpte);
	set_cr4_pae();
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
	static const uint64_t pdpte[4] = { 0x20001 | 0x2 /* reserved bit 1 */, 0, 0, 0 };
	put_pdpt(0x10000, pdpte);
	set_cr4_pae();
	mov_to(0, 0x80000011);
	assert_refused();
	assert_false(fake_vmcs_written(VMCS_GUEST_PDPTE0));
}

/*
 * PDPTE bits from MAXPHYADDR up to 51 are reserved too. The fake host CPU has 39 physical
 * address bits (CPUID 0x80000008 EAX[7:0]): bit 39 is reserved, bit 38 is an address bit.
 * Both MOVs that enter PAE paging refuse it: to CR0 (PG) and to CR4 (PAE).
 */
static void pdpte_bit_above_maxphyaddr_raises_gp(void **state)
{
	(void)state;
	static const uint64_t bad[4] = { 0x20001, 0x30001 | (1ull << 39), 0, 0 };
	static const uint64_t good[4] = { 0x20001, 0x30001 | (1ull << 38), 0, 0 };

	put_pdpt(0x10000, bad);
	set_cr4_pae();
	mov_to(0, 0x80000011);
	assert_refused();
	assert_false(fake_vmcs_written(VMCS_GUEST_PDPTE1));

	/* MOV to CR4 setting PAE under 32-bit paging. */
	exit_test_setup();
	put_pdpt(0x10000, bad);
	fake_vmcs_set(VMCS_GUEST_CR0, 0x80000031);
	fake_vmcs_set(VMCS_CR0_READ_SHADOW, 0x80000031);
	mov_to(4, CR4_PAE);
	assert_refused();
	assert_false(fake_vmcs_written(VMCS_GUEST_PDPTE1));

	/* One bit lower it is an address bit. */
	exit_test_setup();
	put_pdpt(0x10000, good);
	set_cr4_pae();
	assert_int_equal(mov_to(0, 0x80000011), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_PDPTE1), good[1]);
}

/* ---- TLB: the INVVPID an emulated change of paging needs ---------------------------------- */

/*
 * With VPID on, VM entry and exit do not flush the guest's translations (SDM Vol. 3, 29.4.3),
 * so a MOV to CR0 that changes PG, emulated, needs the INVVPID the CPU would have done
 * (SDM Vol. 3, 4.10.4.1). PG is guest-owned: the MOV exits for a host-owned bit beside it,
 * here CD.
 */
static void cr0_pg_change_flushes_the_guest_vpid(void **state)
{
	(void)state;
	assert_int_equal(mov_to(0, 0xC0000011), EXIT_RESUME); /* PG on, CD on */
	assert_resumed();
	assert_int_equal(fake_host_invvpid_single_count(), 1);
	assert_int_equal(fake_host_invvpid_single_vpid(), EXIT_TEST_VPID);
	assert_int_equal(fake_host_invvpid_all_count(), 0);

	/* And PG off again. */
	fake_vmcs_set(VMCS_GUEST_RIP, EXIT_TEST_RIP);
	assert_int_equal(mov_to(0, 0x00000011), EXIT_RESUME);
	assert_resumed();
	assert_int_equal(fake_host_invvpid_single_count(), 2);
}

static void cr0_without_pg_change_does_not_flush(void **state)
{
	(void)state;
	mov_to(0, 0x40000011); /* CD only */
	assert_resumed();
	mov_to(0, 0x80000010); /* PG without PE: refused, nothing done */
	assert_int_equal(fake_host_invvpid_single_count(), 0);
	assert_int_equal(fake_host_invvpid_all_count(), 0);
}

static void cr0_pg_change_without_vpid_does_not_flush(void **state)
{
	(void)state;
	/* VM entry and exit flush everything when VPID is off (SDM Vol. 3, 29.4.3.1). */
	fake_vmcs_set(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS,
		      EXIT_TEST_SECONDARY & ~SECONDARY_ENABLE_VPID);
	fake_vmcs_set(VMCS_VIRTUAL_PROCESSOR_ID, 0);
	mov_to(0, 0xC0000011);
	assert_resumed();
	assert_int_equal(fake_host_invvpid_single_count(), 0);
	assert_int_equal(fake_host_invvpid_all_count(), 0);

	/* Nor with no secondary controls at all. */
	exit_test_setup();
	fake_vmcs_set(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS,
		      fake_vmcs_get(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS) &
			      ~PROCBASED_ACTIVATE_SECONDARY_CONTROLS);
	mov_to(0, 0xC0000011);
	assert_int_equal(fake_host_invvpid_single_count(), 0);
	assert_int_equal(fake_host_invvpid_all_count(), 0);
}

/* A CPU without single-context INVVPID (IA32_VMX_EPT_VPID_CAP bit 41) gets all-context. */
static void cr0_pg_change_falls_back_to_all_context(void **state)
{
	(void)state;
	exit_test.caps.ept_vpid_cap = EXIT_TEST_EPT_VPID_CAP & ~VMX_VPID_INVVPID_SINGLE_CONTEXT;
	mov_to(0, 0xC0000011);
	assert_resumed();
	assert_int_equal(fake_host_invvpid_single_count(), 0);
	assert_int_equal(fake_host_invvpid_all_count(), 1);
}

/* MOV to CR4 changing PGE, PAE, PCIDE or SMEP flushes too (SDM Vol. 3, 4.10.4.1). */
static void cr4_paging_bits_flush_the_guest_vpid(void **state)
{
	(void)state;
	static const struct {
		uint64_t value;
		unsigned flushes;
	} cases[] = {
		{ CR4_PGE, 1 },
		{ CR4_PAE, 1 },
		{ CR4_SMEP, 1 },
		{ CR4_OSFXSR | CR4_OSXMMEXCPT, 0 },
		{ CR4_VMXE, 0 }, /* refused */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		mov_to(4, cases[i].value);
		if (fake_host_invvpid_single_count() != cases[i].flushes)
			fail_msg("CR4 0x%lx: %u INVVPIDs, expected %u", (unsigned long)cases[i].value,
				 fake_host_invvpid_single_count(), cases[i].flushes);
	}
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
		{ CR4_PCIDE, "PCIDE outside IA-32e mode" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		mov_to(4, cases[i].value);
		if (exit_test_injected() != EXIT_TEST_GP)
			fail_msg("CR4 0x%lx (%s) accepted", (unsigned long)cases[i].value, cases[i].why);
		assert_refused();
	}
	/* Bits 63:32 need a 64-bit operand: 64-bit mode, where PAE stays. */
	exit_test_setup();
	enter_64bit_mode();
	mov_to(4, CR4_PAE | (1ull << 32));
	assert_refused();
}

/*
 * What cr4_guest_allowed gives vmx/vmcs_setup.c for the guest/host mask: the bits of the
 * features CPUID shows the guest, within CR4_FIXED1; never VMXE or SMXE.
 */
static void cr4_guest_allowed_follows_cpuid_and_fixed1(void **state)
{
	(void)state;
	uint64_t always = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_MCE |
			  CR4_PGE | CR4_PCE | CR4_OSFXSR | CR4_OSXMMEXCPT;
	/* The fake Haswell shows PCID, XSAVE, FSGSBASE and SMEP; FIXED1 is 0x1727ff. */
	uint64_t allowed = cr4_guest_allowed(&exit_test.caps);
	assert_int_equal(allowed, always | CR4_PCIDE | CR4_OSXSAVE | CR4_FSGSBASE | CR4_SMEP);
	assert_false(allowed & (CR4_VMXE | CR4_SMXE));
	assert_int_equal(allowed & ~exit_test.caps.cr4_fixed1, 0);

	/* No caps: no FIXED1 limit, e.g. SMAP once CPUID shows it. */
	struct cpuid_regs leaf7 = host_cpuid(7, 0);
	leaf7.ebx |= CPUID_07_EBX_SMAP;
	fake_host_cpuid_set(7, 0, leaf7);
	assert_true(cr4_guest_allowed(NULL) & CR4_SMAP);
	assert_false(cr4_guest_allowed(&exit_test.caps) & CR4_SMAP); /* bit 21 not in FIXED1 */
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
	enter_64bit_mode();
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
		exit_test_unit_test(cs_l_is_ignored_outside_ia32e_mode),
		exit_test_unit_test(paging_on_with_lme_enters_ia32e_mode),
		exit_test_unit_test(paging_on_with_lme_but_no_pae_raises_gp),
		exit_test_unit_test(paging_off_in_64bit_mode_raises_gp),
		exit_test_unit_test(pae_paging_loads_the_pdptes),
		exit_test_unit_test(invalid_pdpte_raises_gp),
		exit_test_unit_test(pdpte_bit_above_maxphyaddr_raises_gp),
		exit_test_unit_test(cr0_pg_change_flushes_the_guest_vpid),
		exit_test_unit_test(cr0_without_pg_change_does_not_flush),
		exit_test_unit_test(cr0_pg_change_without_vpid_does_not_flush),
		exit_test_unit_test(cr0_pg_change_falls_back_to_all_context),
		exit_test_unit_test(cr4_paging_bits_flush_the_guest_vpid),
		exit_test_unit_test(clts_clears_ts),
		exit_test_unit_test(lmsw_loads_low_bits_but_cannot_clear_pe),
		exit_test_unit_test(cr4_write_keeps_vmxe_in_the_real_register),
		exit_test_unit_test(cr4_refuses_what_the_guest_does_not_have),
		exit_test_unit_test(cr4_guest_allowed_follows_cpuid_and_fixed1),
		exit_test_unit_test(cr4_long_mode_rules),
		exit_test_unit_test(mov_cr3_both_ways),
		exit_test_unit_test(mov_from_cr3_to_rsp_goes_to_the_vmcs),
		exit_test_unit_test(cr8_without_an_apic),
		exit_test_unit_test(unexpected_control_register_ends_the_guest),
	};
	return cmocka_run_group_tests_name("exit_cr", tests, NULL, NULL);
}
