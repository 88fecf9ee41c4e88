/*
 * MSR emulation: one switch for RDMSR, one for WRMSR (see msr_emulation.h for the list).
 * A function returns -1 to have exit_msr.c raise #GP(0); it then has changed nothing.
 *
 * Where a guest MSR lives:
 *  - in the VMCS, when VM entry loads it and VM exit saves it (EFER, PAT, SYSENTER_*, FS/GS
 *    base): read and write the guest field;
 *  - in the hardware, when nothing switches it and the host never uses it (STAR, LSTAR, CSTAR,
 *    FMASK, KERNEL_GS_BASE, TSC_AUX): validate so the real WRMSR cannot fault, write it
 *    through host_msr_write. Reads of STAR, LSTAR, CSTAR, FMASK and TSC_AUX come from a copy
 *    in vcpu->msrs: only WRMSR changes them, and every guest WRMSR exits here. KERNEL_GS_BASE
 *    is read from the hardware (host_msr_read): SWAPGS exchanges it with GS.base, no exit;
 *  - nowhere, when it describes a machine we make up (APIC_BASE, MISC_ENABLE, MTRRs,
 *    FEATURE_CONTROL): vcpu->msrs or a constant.
 */
#include "vmx/msr_emulation.h"

#include <stdbool.h>
#include <stddef.h>

#include "kernel/msr_index.h"
#include "vmx/control_regs.h"
#include "vmx/cpuid_view.h"
#include "vmx/exit_handlers.h"
#include "vmx/feature_control.h"
#include "vmx/host_cpu.h"
#include "vmx/vmcs.h"

/*
 * IA32_MISC_ENABLE bits a guest may flip: fast strings, automatic thermal control, Enhanced
 * SpeedStep and xTPR-message disable only tune power, thermal and interrupt-message hardware
 * that the guest does not drive under vmxhv. They read back as written and change nothing
 * else. Every other bit is fixed: BTS and PEBS unavailable are read-only; LIMIT_CPUID and
 * XD_DISABLE would change CPUID answers and MONITOR enable would show MONITOR, none of which
 * cpuid_view follows; the rest are reserved. Changing a fixed bit raises #GP.
 */
#define MISC_ENABLE_GUEST_TOGGLES \
	(MISC_ENABLE_FAST_STRINGS | MISC_ENABLE_AUTO_THERMAL | MISC_ENABLE_EIST | MISC_ENABLE_XTPR_DISABLE)

#define FMASK_RESERVED 0xFFFFFFFF00000000ull /* bits 63:32 of IA32_FMASK */
#define TSC_AUX_RESERVED 0xFFFFFFFF00000000ull /* bits 63:32 of IA32_TSC_AUX */

/* Sign-extended from the CPU's linear-address width (SDM Vol. 1, 3.3.7.1). */
static bool is_canonical(uint64_t value)
{
	unsigned shift = 64 - cpuid_linear_address_bits();
	return (uint64_t)((int64_t)(value << shift) >> shift) == value;
}

/* Whether the CPU has IA32_TSC_AUX: it comes with RDTSCP or RDPID. */
static bool cpu_has_tsc_aux(void)
{
	return (host_cpuid(0x80000001u, 0).edx & CPUID_80000001_EDX_RDTSCP) ||
	       (host_cpuid(7, 0).ecx & CPUID_07_ECX_RDPID);
}

/* Each PAT entry must be UC, WC, WT, WP, WB or UC-; 2, 3 and 8-255 are reserved (SDM 12.12.2). */
static bool pat_valid(uint64_t pat)
{
	for (unsigned i = 0; i < 8; i++) {
		uint8_t type = (uint8_t)(pat >> (8 * i));
		if (type > MEMORY_TYPE_UC_MINUS || type == 2 || type == 3)
			return false;
	}
	return true;
}

/*
 * IA32_MTRR_DEF_TYPE: the type in bits 7:0 must be UC, WC, WT, WP or WB; FE (10) and E (11)
 * are the only other bits. FE is accepted even though MTRRCAP reports no fixed ranges: with
 * none to enable it changes nothing (KVM does the same). The value only matters to the guest's
 * own bookkeeping: with EPT, guest memory types come from EPT and the guest's PAT.
 */
static bool mtrr_def_type_valid(uint64_t value)
{
	uint64_t type = value & MTRR_DEF_TYPE_TYPE_MASK;

	if (value & ~(MTRR_DEF_TYPE_TYPE_MASK | MTRR_DEF_TYPE_FE | MTRR_DEF_TYPE_E))
		return false;
	return type == MEMORY_TYPE_UC || type == MEMORY_TYPE_WC || type == MEMORY_TYPE_WT ||
	       type == MEMORY_TYPE_WP || type == MEMORY_TYPE_WB;
}

/*
 * IA32_EFER: SCE, LME and NXE may be written when CPUID shows SYSCALL, LM and NX; every other
 * bit is reserved. LMA belongs to the CPU: it follows CR0.PG while LME is set (exit_cr.c keeps
 * it when it emulates MOV to CR0), so the written LMA is ignored. LME may not change while
 * paging is on (SDM Vol. 3, 10.8.5).
 */
static int write_efer(uint64_t value)
{
	uint64_t allowed = 0;
	if (cpuid_guest_has_80000001_edx(CPUID_80000001_EDX_SYSCALL))
		allowed |= EFER_SCE;
	if (cpuid_guest_has_80000001_edx(CPUID_80000001_EDX_LM))
		allowed |= EFER_LME | EFER_LMA;
	if (cpuid_guest_has_80000001_edx(CPUID_80000001_EDX_NX))
		allowed |= EFER_NXE;
	if (value & ~allowed)
		return -1;

	uint64_t old = vmcs_read64(VMCS_GUEST_IA32_EFER);
	value = (value & ~EFER_LMA) | (old & EFER_LMA);
	if (((value ^ old) & EFER_LME) && (guest_cr0_visible() & CR0_PG))
		return -1;
	vmcs_write64(VMCS_GUEST_IA32_EFER, value);
	return 0;
}

/* An MSR that lives in the hardware while the guest runs: write it there and keep a copy. */
static int write_hardware(uint32_t msr, uint64_t *copy, uint64_t value)
{
	host_msr_write(msr, value);
	*copy = value;
	return 0;
}

void msr_emulation_init(struct vcpu *vcpu)
{
	vcpu->msrs = (struct guest_msr_state){
		/* The bootstrap processor's APIC at its default base, globally disabled: CPUID
		 * shows no APIC, and no APIC page is mapped. */
		.apic_base = APIC_BASE_DEFAULT | APIC_BASE_BSP,
		/* Fast strings on, as firmware leaves it; no branch trace store, no PEBS. */
		.misc_enable = MISC_ENABLE_FAST_STRINGS | MISC_ENABLE_BTS_UNAVAILABLE |
			       MISC_ENABLE_PEBS_UNAVAILABLE,
		/* As firmware would leave it with no ranges to program: MTRRs on, all of memory
		 * write-back, which is what EPT maps. */
		.mtrr_def_type = MTRR_DEF_TYPE_E | MEMORY_TYPE_WB,
	};
	/* Their power-on values, in the hardware the guest will see. */
	host_msr_write(MSR_IA32_STAR, 0);
	host_msr_write(MSR_IA32_LSTAR, 0);
	host_msr_write(MSR_IA32_CSTAR, 0);
	host_msr_write(MSR_IA32_FMASK, 0);
	host_msr_write(MSR_IA32_KERNEL_GS_BASE, 0);
	if (cpu_has_tsc_aux())
		host_msr_write(MSR_IA32_TSC_AUX, 0);
}

int msr_read(struct vcpu *vcpu, uint32_t msr, uint64_t *value)
{
	switch (msr) {
	case MSR_IA32_TIME_STAMP_COUNTER:
		/* What RDTSC gives the guest: TSC offsetting is on (SDM Vol. 3, 27.3). */
		*value = host_rdtsc() + vmcs_read64(VMCS_TSC_OFFSET);
		return 0;
	case MSR_IA32_APIC_BASE:
		*value = vcpu->msrs.apic_base;
		return 0;
	case MSR_IA32_FEATURE_CONTROL:
		/* Locked, VMXON disabled inside and outside SMX: the firmware said no to VMX. */
		*value = FEATURE_CONTROL_LOCKED;
		return 0;
	case MSR_IA32_BIOS_SIGN_ID:
		/* Microcode update signature: no update was loaded. */
		*value = 0;
		return 0;
	case MSR_IA32_MTRRCAP:
		/* VCNT 0, no fixed ranges, no WC, no SMRR: nothing for the guest to program. */
		*value = 0;
		return 0;
	case MSR_IA32_SYSENTER_CS:
		*value = vmcs_read32(VMCS_GUEST_IA32_SYSENTER_CS);
		return 0;
	case MSR_IA32_SYSENTER_ESP:
		*value = vmcs_read_natural(VMCS_GUEST_IA32_SYSENTER_ESP);
		return 0;
	case MSR_IA32_SYSENTER_EIP:
		*value = vmcs_read_natural(VMCS_GUEST_IA32_SYSENTER_EIP);
		return 0;
	case MSR_IA32_MISC_ENABLE:
		*value = vcpu->msrs.misc_enable;
		return 0;
	case MSR_IA32_PAT:
		*value = vmcs_read64(VMCS_GUEST_IA32_PAT);
		return 0;
	case MSR_IA32_MTRR_DEF_TYPE:
		*value = vcpu->msrs.mtrr_def_type;
		return 0;
	case MSR_IA32_EFER:
		*value = vmcs_read64(VMCS_GUEST_IA32_EFER);
		return 0;
	case MSR_IA32_STAR:
		*value = vcpu->msrs.star;
		return 0;
	case MSR_IA32_LSTAR:
		*value = vcpu->msrs.lstar;
		return 0;
	case MSR_IA32_CSTAR:
		*value = vcpu->msrs.cstar;
		return 0;
	case MSR_IA32_FMASK:
		*value = vcpu->msrs.sfmask;
		return 0;
	case MSR_IA32_FS_BASE:
		*value = vmcs_read_natural(VMCS_GUEST_FS_BASE);
		return 0;
	case MSR_IA32_GS_BASE:
		*value = vmcs_read_natural(VMCS_GUEST_GS_BASE);
		return 0;
	case MSR_IA32_KERNEL_GS_BASE:
		/* Not a copy: the guest's SWAPGS changes it without an exit. */
		*value = host_msr_read(MSR_IA32_KERNEL_GS_BASE);
		return 0;
	case MSR_IA32_TSC_AUX:
		if (!cpu_has_tsc_aux())
			return -1;
		*value = vcpu->msrs.tsc_aux;
		return 0;
	default:
		/* Everything else, the VMX capability MSRs included: the guest has no VMX. */
		return -1;
	}
}

int msr_write(struct vcpu *vcpu, uint32_t msr, uint64_t value)
{
	switch (msr) {
	case MSR_IA32_TIME_STAMP_COUNTER:
		/* Move the offset so that the guest reads back what it wrote, and counts on. */
		vmcs_write64(VMCS_TSC_OFFSET, value - host_rdtsc());
		return 0;
	case MSR_IA32_APIC_BASE:
		/* Only the value it has: the APIC cannot move (nothing is mapped anywhere else),
		 * cannot be enabled (there is none) and x2APIC mode does not exist. BSP is
		 * read-only. */
		if ((value & ~APIC_BASE_BSP) != APIC_BASE_DEFAULT)
			return -1;
		return 0;
	case MSR_IA32_FEATURE_CONTROL:
		/* Locked: writes fault, as on hardware once firmware set the lock. */
		return -1;
	case MSR_IA32_BIOS_SIGN_ID:
		/* Software writes 0 here before CPUID to fetch the signature: accept, ignore. */
		return 0;
	case MSR_IA32_MTRRCAP:
		/* Read-only. */
		return -1;
	case MSR_IA32_SYSENTER_CS:
		vmcs_write32(VMCS_GUEST_IA32_SYSENTER_CS, (uint32_t)value);
		return 0;
	case MSR_IA32_SYSENTER_ESP:
		if (!is_canonical(value))
			return -1;
		vmcs_write_natural(VMCS_GUEST_IA32_SYSENTER_ESP, value);
		return 0;
	case MSR_IA32_SYSENTER_EIP:
		if (!is_canonical(value))
			return -1;
		vmcs_write_natural(VMCS_GUEST_IA32_SYSENTER_EIP, value);
		return 0;
	case MSR_IA32_MISC_ENABLE:
		if ((value ^ vcpu->msrs.misc_enable) & ~MISC_ENABLE_GUEST_TOGGLES)
			return -1;
		vcpu->msrs.misc_enable = value;
		return 0;
	case MSR_IA32_PAT:
		if (!pat_valid(value))
			return -1;
		vmcs_write64(VMCS_GUEST_IA32_PAT, value);
		return 0;
	case MSR_IA32_MTRR_DEF_TYPE:
		if (!mtrr_def_type_valid(value))
			return -1;
		vcpu->msrs.mtrr_def_type = value;
		return 0;
	case MSR_IA32_EFER:
		return write_efer(value);
	case MSR_IA32_STAR:
		/* Selectors and the legacy target: every value is valid. */
		return write_hardware(msr, &vcpu->msrs.star, value);
	case MSR_IA32_LSTAR:
		if (!is_canonical(value))
			return -1;
		return write_hardware(msr, &vcpu->msrs.lstar, value);
	case MSR_IA32_CSTAR:
		if (!is_canonical(value))
			return -1;
		return write_hardware(msr, &vcpu->msrs.cstar, value);
	case MSR_IA32_FMASK:
		/* Bits 63:32 are reserved; refuse them rather than risk the real WRMSR faulting. */
		if (value & FMASK_RESERVED)
			return -1;
		return write_hardware(msr, &vcpu->msrs.sfmask, value);
	case MSR_IA32_FS_BASE:
		if (!is_canonical(value))
			return -1;
		vmcs_write_natural(VMCS_GUEST_FS_BASE, value);
		return 0;
	case MSR_IA32_GS_BASE:
		if (!is_canonical(value))
			return -1;
		vmcs_write_natural(VMCS_GUEST_GS_BASE, value);
		return 0;
	case MSR_IA32_KERNEL_GS_BASE:
		if (!is_canonical(value))
			return -1;
		host_msr_write(msr, value);
		return 0;
	case MSR_IA32_TSC_AUX:
		if (!cpu_has_tsc_aux() || (value & TSC_AUX_RESERVED))
			return -1;
		return write_hardware(msr, &vcpu->msrs.tsc_aux, value);
	default:
		return -1;
	}
}

/* ---- names, for the statistics ------------------------------------------------------------ */

struct msr_name_entry {
	uint32_t msr;
	const char *name;
};

/* The emulated MSRs and those a guest is known to probe (SDM Vol. 4, chapter 2). */
static const struct msr_name_entry names[] = {
	{ 0x10, "IA32_TIME_STAMP_COUNTER" },
	{ 0x1B, "IA32_APIC_BASE" },
	{ 0x3A, "IA32_FEATURE_CONTROL" },
	{ 0x3B, "IA32_TSC_ADJUST" },
	{ 0x48, "IA32_SPEC_CTRL" },
	{ 0x49, "IA32_PRED_CMD" },
	{ 0x8B, "IA32_BIOS_SIGN_ID" },
	{ 0xC1, "IA32_PMC0" },
	{ 0xC2, "IA32_PMC1" },
	{ 0xC3, "IA32_PMC2" },
	{ 0xC4, "IA32_PMC3" },
	{ 0xCE, "MSR_PLATFORM_INFO" },
	{ 0xE7, "IA32_MPERF" },
	{ 0xE8, "IA32_APERF" },
	{ 0xFE, "IA32_MTRRCAP" },
	{ 0x10A, "IA32_ARCH_CAPABILITIES" },
	{ 0x174, "IA32_SYSENTER_CS" },
	{ 0x175, "IA32_SYSENTER_ESP" },
	{ 0x176, "IA32_SYSENTER_EIP" },
	{ 0x179, "IA32_MCG_CAP" },
	{ 0x17A, "IA32_MCG_STATUS" },
	{ 0x186, "IA32_PERFEVTSEL0" },
	{ 0x187, "IA32_PERFEVTSEL1" },
	{ 0x188, "IA32_PERFEVTSEL2" },
	{ 0x189, "IA32_PERFEVTSEL3" },
	{ 0x19B, "IA32_THERM_INTERRUPT" },
	{ 0x19C, "IA32_THERM_STATUS" },
	{ 0x1A0, "IA32_MISC_ENABLE" },
	{ 0x1B0, "IA32_ENERGY_PERF_BIAS" },
	{ 0x1B1, "IA32_PACKAGE_THERM_STATUS" },
	{ 0x1B2, "IA32_PACKAGE_THERM_INTERRUPT" },
	{ 0x1D9, "IA32_DEBUGCTL" },
	{ 0x200, "IA32_MTRR_PHYSBASE0" },
	{ 0x201, "IA32_MTRR_PHYSMASK0" },
	{ 0x250, "IA32_MTRR_FIX64K_00000" },
	{ 0x258, "IA32_MTRR_FIX16K_80000" },
	{ 0x259, "IA32_MTRR_FIX16K_A0000" },
	{ 0x277, "IA32_PAT" },
	{ 0x2FF, "IA32_MTRR_DEF_TYPE" },
	{ 0x345, "IA32_PERF_CAPABILITIES" },
	{ 0x38F, "IA32_PERF_GLOBAL_CTRL" },
	{ 0x480, "IA32_VMX_BASIC" },
	{ 0x481, "IA32_VMX_PINBASED_CTLS" },
	{ 0x482, "IA32_VMX_PROCBASED_CTLS" },
	{ 0x483, "IA32_VMX_EXIT_CTLS" },
	{ 0x484, "IA32_VMX_ENTRY_CTLS" },
	{ 0x485, "IA32_VMX_MISC" },
	{ 0x486, "IA32_VMX_CR0_FIXED0" },
	{ 0x487, "IA32_VMX_CR0_FIXED1" },
	{ 0x488, "IA32_VMX_CR4_FIXED0" },
	{ 0x489, "IA32_VMX_CR4_FIXED1" },
	{ 0x48A, "IA32_VMX_VMCS_ENUM" },
	{ 0x48B, "IA32_VMX_PROCBASED_CTLS2" },
	{ 0x48C, "IA32_VMX_EPT_VPID_CAP" },
	{ 0x48D, "IA32_VMX_TRUE_PINBASED_CTLS" },
	{ 0x48E, "IA32_VMX_TRUE_PROCBASED_CTLS" },
	{ 0x48F, "IA32_VMX_TRUE_EXIT_CTLS" },
	{ 0x490, "IA32_VMX_TRUE_ENTRY_CTLS" },
	{ 0x491, "IA32_VMX_VMFUNC" },
	{ 0x492, "IA32_VMX_PROCBASED_CTLS3" },
	{ 0x493, "IA32_VMX_EXIT_CTLS2" },
	{ 0x6E0, "IA32_TSC_DEADLINE" },
	{ 0xDA0, "IA32_XSS" },
	{ 0xC0000080, "IA32_EFER" },
	{ 0xC0000081, "IA32_STAR" },
	{ 0xC0000082, "IA32_LSTAR" },
	{ 0xC0000083, "IA32_CSTAR" },
	{ 0xC0000084, "IA32_FMASK" },
	{ 0xC0000100, "IA32_FS_BASE" },
	{ 0xC0000101, "IA32_GS_BASE" },
	{ 0xC0000102, "IA32_KERNEL_GS_BASE" },
	{ 0xC0000103, "IA32_TSC_AUX" },
};

const char *msr_name(uint32_t msr)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].msr == msr)
			return names[i].name;
	return NULL;
}
