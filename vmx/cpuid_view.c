/*
 * The guest's CPUID (see cpuid_view.h): the host's answer, leaf by leaf, minus what the guest
 * cannot use under vmxhv. Every hidden bit says why next to it. Leaves not listed pass through
 * unchanged (vendor, family and model, caches, TLBs, brand string, address sizes, TSC and
 * core-crystal frequencies).
 */
#include "vmx/cpuid_view.h"

#include <stddef.h>

#include "vmx/control_regs.h"
#include "vmx/hypercall.h"
#include "vmx/vmx_controls.h"

static const struct cpuid_regs no_answer = { 0, 0, 0, 0 };

/*
 * Leaf 1 ECX. VMX and SMX: the guest gets no VMX (its VMX instructions raise #UD) and no
 * safer-mode extensions. MONITOR: MONITOR/MWAIT would run natively and an MWAIT would sleep
 * the real CPU with nothing to wake it. EST, TM2, xTPR, PDCM, DTES64, DS-CPL, SDBG, DCA:
 * power, thermal, debug-store, silicon-debug and cache-access MSRs we answer with #GP.
 * x2APIC and TSC-deadline: there is no local APIC.
 */
#define LEAF1_ECX_HIDDEN                                                                   \
	(CPUID_01_ECX_DTES64 | CPUID_01_ECX_MONITOR | CPUID_01_ECX_DS_CPL | CPUID_01_ECX_VMX | \
	 CPUID_01_ECX_SMX | CPUID_01_ECX_EST | CPUID_01_ECX_TM2 | CPUID_01_ECX_SDBG |          \
	 CPUID_01_ECX_XTPR | CPUID_01_ECX_PDCM | CPUID_01_ECX_DCA | CPUID_01_ECX_X2APIC |      \
	 CPUID_01_ECX_TSC_DEADLINE | CPUID_01_ECX_OSXSAVE)

/*
 * Leaf 1 EDX. APIC: no local APIC is given (reads of its page are outside guest RAM). MCE
 * and MCA: the machine-check MSRs are not emulated; a guest believing in them would read
 * MCG_CAP and the banks. DS, ACPI (thermal monitor MSRs), TM, PBE: MSRs we do not give.
 * HTT: one logical processor, so the EBX count field is not a topology.
 */
#define LEAF1_EDX_HIDDEN                                                                   \
	(CPUID_01_EDX_MCE | CPUID_01_EDX_APIC | CPUID_01_EDX_MCA | CPUID_01_EDX_DS |           \
	 CPUID_01_EDX_ACPI | CPUID_01_EDX_HTT | CPUID_01_EDX_TM | CPUID_01_EDX_PBE)

/*
 * Leaf 7 subleaf 0. TSC_ADJUST, RDT, PT, TME, ARCH_LBR, PCONFIG, CET, the speculation
 * controls (IBRS/IBPB, STIBP, L1D_FLUSH, SSBD), ARCH_CAPABILITIES and CORE_CAPABILITIES all
 * stand for MSRs we answer with #GP; a guest that believed in them would take #GP on
 * WRMSR. SGX, SGX_LC, MPX, Key Locker, ENQCMD, UINTR, PKS and AMX need VMX controls or state
 * (ENCLS exiting, BNDCFGS, PASID, XFD, supervisor keys) that vmxhv does not set up.
 * OSPKE is the guest's CR4.PKE; INVPCID, RDPID and WAITPKG depend on controls (see below).
 */
#define LEAF7_EBX_HIDDEN                                                                   \
	(CPUID_07_EBX_TSC_ADJUST | CPUID_07_EBX_SGX | CPUID_07_EBX_RDT_M | CPUID_07_EBX_MPX |  \
	 CPUID_07_EBX_RDT_A | CPUID_07_EBX_PT | CPUID_07_EBX_INVPCID)
#define LEAF7_ECX_HIDDEN                                                                   \
	(CPUID_07_ECX_OSPKE | CPUID_07_ECX_WAITPKG | CPUID_07_ECX_CET_SS | CPUID_07_ECX_TME |  \
	 CPUID_07_ECX_RDPID | CPUID_07_ECX_KL | CPUID_07_ECX_ENQCMD | CPUID_07_ECX_SGX_LC |     \
	 CPUID_07_ECX_PKS)
#define LEAF7_EDX_HIDDEN                                                                   \
	(CPUID_07_EDX_UINTR | CPUID_07_EDX_PCONFIG | CPUID_07_EDX_ARCH_LBR |                    \
	 CPUID_07_EDX_CET_IBT | CPUID_07_EDX_AMX_BF16 | CPUID_07_EDX_AMX_TILE |                 \
	 CPUID_07_EDX_AMX_INT8 | CPUID_07_EDX_IBRS_IBPB | CPUID_07_EDX_STIBP |                 \
	 CPUID_07_EDX_L1D_FLUSH | CPUID_07_EDX_ARCH_CAPABILITIES |                              \
	 CPUID_07_EDX_CORE_CAPABILITIES | CPUID_07_EDX_SSBD)
/* Leaf 7 subleaf 1 EAX: only plain instruction-set extensions (AVX-VNNI, AVX512-BF16, fast
 * short REP MOV/STOS/CMPS, AVX-IFMA) pass; the rest of that leaf is system state we do not give. */
#define LEAF7_1_EAX_SHOWN ((1u << 4) | (1u << 5) | (1u << 10) | (1u << 11) | (1u << 12) | (1u << 23))

/* Leaf 4 EAX: bits 31:26 cores per package - 1, bits 25:14 threads sharing the cache - 1. */
#define LEAF4_EAX_TOPOLOGY 0xFFFFC000u

/* Extended topology (leaves 0xB and 0x1F) ECX: bits 15:8 level type. */
#define TOPOLOGY_LEVEL_SMT  1
#define TOPOLOGY_LEVEL_CORE 2

/*
 * The leaf the CPU actually answers: a basic leaf above the highest one (leaf 0 EAX), or an
 * extended leaf above the highest extended one, gets the highest basic leaf's answer (SDM
 * Vol. 2A, CPUID, "If a value entered for CPUID.EAX is higher than the maximum input value").
 * Leaves 0, 1 and 0x80000000 always exist and cost nothing extra.
 */
static uint32_t answered_leaf(uint32_t leaf)
{
	if (leaf <= 1 || leaf == CPUID_EXTENDED_BASE)
		return leaf;
	uint32_t max_basic = host_cpuid(0, 0).eax;
	if (leaf < CPUID_EXTENDED_BASE)
		return leaf > max_basic ? max_basic : leaf;
	uint32_t max_extended = host_cpuid(CPUID_EXTENDED_BASE, 0).eax;
	return leaf > max_extended ? max_basic : leaf;
}

/* Leaves 0x40000000-0x4FFFFFFF: ours. */
static struct cpuid_regs hypervisor_leaf(uint32_t leaf)
{
	switch (leaf) {
	case CPUID_HYPERVISOR_BASE:
		return (struct cpuid_regs){ CPUID_HYPERVISOR_MAX_LEAF, CPUID_SIGNATURE_EBX,
					    CPUID_SIGNATURE_ECX, CPUID_SIGNATURE_EDX };
	case CPUID_HYPERVISOR_VERSION:
		return (struct cpuid_regs){ VMXHV_HYPERCALL_VERSION, 0, 0, 0 };
	default:
		return no_answer;
	}
}

/* One logical processor, one core: what leaves 0xB and 0x1F say for each level. */
static struct cpuid_regs one_thread_topology(uint32_t subleaf)
{
	switch (subleaf) {
	case 0: /* SMT level: x2APIC id shift 0, one logical processor */
		return (struct cpuid_regs){ 0, 1, (TOPOLOGY_LEVEL_SMT << 8) | 0, 0 };
	case 1: /* core level: still one */
		return (struct cpuid_regs){ 0, 1, (TOPOLOGY_LEVEL_CORE << 8) | 1, 0 };
	default: /* level type 0: no more levels */
		return (struct cpuid_regs){ 0, 0, subleaf & 0xFF, 0 };
	}
}

static void leaf1(struct cpuid_regs *r, const struct cpuid_guest_state *guest)
{
	/* EBX: keep brand index and CLFLUSH size; initial APIC id 0, one logical processor. */
	r->ebx = (r->ebx & 0xFFFF) | (1u << CPUID_01_EBX_LOGICAL_COUNT_SHIFT);
	r->ecx = (r->ecx & ~LEAF1_ECX_HIDDEN) | CPUID_01_ECX_HYPERVISOR;
	/* OSXSAVE reflects the guest's CR4, not the host's (SDM Vol. 2A, CPUID leaf 1 ECX[27]). */
	if (guest && (guest->cr4 & CR4_OSXSAVE) && (r->ecx & CPUID_01_ECX_XSAVE))
		r->ecx |= CPUID_01_ECX_OSXSAVE;
	r->edx &= ~LEAF1_EDX_HIDDEN;
}

static void leaf7(struct cpuid_regs *r, uint32_t subleaf, const struct cpuid_guest_state *guest)
{
	if (subleaf == 1) {
		*r = (struct cpuid_regs){ r->eax & LEAF7_1_EAX_SHOWN, 0, 0, 0 };
		return;
	}
	if (subleaf != 0) {
		*r = no_answer;
		return;
	}
	uint32_t host_ebx = r->ebx, host_ecx = r->ecx;
	r->ebx &= ~LEAF7_EBX_HIDDEN;
	r->ecx &= ~LEAF7_ECX_HIDDEN;
	r->edx &= ~LEAF7_EDX_HIDDEN;
	if (guest == NULL)
		return;
	uint32_t secondary = guest->secondary_controls;
	/* With "enable INVPCID" 0, INVPCID raises #UD in the guest (SDM 26.3). */
	if (secondary & SECONDARY_ENABLE_INVPCID)
		r->ebx |= host_ebx & CPUID_07_EBX_INVPCID;
	/* RDPID reads IA32_TSC_AUX and, like RDTSCP, raises #UD unless "enable RDTSCP" is 1. */
	if (secondary & SECONDARY_ENABLE_RDTSCP)
		r->ecx |= host_ecx & CPUID_07_ECX_RDPID;
	/* TPAUSE/UMWAIT/UMONITOR raise #UD unless "enable user wait and pause" is 1. */
	if (secondary & SECONDARY_ENABLE_USER_WAIT_AND_PAUSE)
		r->ecx |= host_ecx & CPUID_07_ECX_WAITPKG;
	/* OSPKE reflects the guest's CR4.PKE. */
	if ((guest->cr4 & CR4_PKE) && (r->ecx & CPUID_07_ECX_PKU))
		r->ecx |= CPUID_07_ECX_OSPKE;
}

/*
 * Leaf 0xD, the XSAVE state components: only those of XCR0_GUEST_ALLOWED (what our XSETBV
 * accepts). XSAVES/XRSTORS need "enable XSAVES/XRSTORS" and an IA32_XSS we do not emulate, XFD
 * its MSRs: hidden, and no supervisor components (subleaf 1 ECX/EDX).
 */
static void leaf_xsave(struct cpuid_regs *r, uint32_t subleaf)
{
	if (subleaf == 0) {
		r->eax &= (uint32_t)XCR0_GUEST_ALLOWED;
		r->edx &= (uint32_t)(XCR0_GUEST_ALLOWED >> 32);
	} else if (subleaf == 1) {
		r->eax &= ~(CPUID_0D_1_EAX_XSAVES | CPUID_0D_1_EAX_XFD);
		r->ecx = 0;
		r->edx = 0;
	} else if (subleaf >= 64 || !(XCR0_GUEST_ALLOWED & (1ull << subleaf))) {
		*r = no_answer;
	}
}

struct cpuid_regs cpuid_view_for_guest(uint32_t leaf, uint32_t subleaf,
				       const struct cpuid_guest_state *guest)
{
	if (leaf >= CPUID_HYPERVISOR_BASE && leaf <= CPUID_HYPERVISOR_LAST)
		return hypervisor_leaf(leaf);

	leaf = answered_leaf(leaf);
	struct cpuid_regs r = host_cpuid(leaf, subleaf);

	switch (leaf) {
	case 0x1:
		leaf1(&r, guest);
		break;
	case 0x4: /* deterministic cache parameters: caches as they are, shared by no one */
		r.eax &= ~LEAF4_EAX_TOPOLOGY;
		break;
	case 0x7:
		leaf7(&r, subleaf, guest);
		break;
	case 0xB:  /* extended topology */
	case 0x1F: /* V2 extended topology */
		r = one_thread_topology(subleaf);
		break;
	case 0xD:
		leaf_xsave(&r, subleaf);
		break;
	case 0x5:  /* MONITOR/MWAIT parameters: MONITOR is hidden */
	case 0x6:  /* thermal and power management: no such MSRs, APERF/MPERF included */
	case 0x9:  /* direct cache access: hidden */
	case 0xA:  /* architectural performance monitoring: no PMU is virtualized */
	case 0xF:  /* RDT monitoring: hidden */
	case 0x10: /* RDT allocation: hidden */
	case 0x12: /* SGX: hidden */
	case 0x14: /* processor trace: hidden */
	case 0x19: /* Key Locker: hidden */
	case 0x1B: /* PCONFIG: hidden */
	case 0x1C: /* architectural LBRs: hidden */
	case 0x1D: /* AMX tile information: hidden */
	case 0x1E: /* AMX TMUL information: hidden */
	case 0x20: /* processor history reset: its MSRs are not emulated */
	case 0x23: /* architectural performance monitoring extended: no PMU */
		r = no_answer;
		break;
	case 0x80000001:
		/* Kept: SYSCALL, NX, LM, 1 GiB pages: a 64-bit guest runs natively under EPT.
		 * RDTSCP raises #UD in the guest unless "enable RDTSCP" is 1. */
		if (!guest || !(guest->secondary_controls & SECONDARY_ENABLE_RDTSCP))
			r.edx &= ~CPUID_80000001_EDX_RDTSCP;
		break;
	default:
		break;
	}
	return r;
}

struct cpuid_regs cpuid_view(uint32_t leaf, uint32_t subleaf)
{
	return cpuid_view_for_guest(leaf, subleaf, NULL);
}

uint64_t cpuid_guest_xcr0_allowed(void)
{
	if (!(cpuid_view(1, 0).ecx & CPUID_01_ECX_XSAVE))
		return 0;
	struct cpuid_regs r = cpuid_view(0xD, 0);
	return ((uint64_t)r.edx << 32 | r.eax) & XCR0_GUEST_ALLOWED;
}

/* One byte of CPUID 0x80000008 EAX (SDM Vol. 2A, CPUID), or fallback where it is absent or 0. */
static unsigned address_bits(unsigned shift, unsigned fallback)
{
	if (host_cpuid(CPUID_EXTENDED_BASE, 0).eax < 0x80000008u)
		return fallback;
	unsigned bits = (host_cpuid(0x80000008u, 0).eax >> shift) & 0xFF;
	return bits ? bits : fallback;
}

unsigned cpuid_linear_address_bits(void)
{
	return address_bits(8, 48);
}

/* 36 without the leaf: what CPUs with PAE but without the leaf have (SDM Vol. 3, 4.1.4). */
unsigned cpuid_physical_address_bits(void)
{
	return address_bits(0, 36);
}

bool cpuid_guest_has_80000001_edx(uint32_t bit)
{
	if (host_cpuid(CPUID_EXTENDED_BASE, 0).eax < 0x80000001u)
		return false;
	return (cpuid_view(0x80000001u, 0).edx & bit) == bit;
}
