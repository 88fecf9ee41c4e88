/*
 * The CPU the guest sees through CPUID: the host's answers with what the guest cannot use
 * taken out, and a hypervisor range of our own. Pure: built on the host_cpuid seam, so tests
 * feed it any CPU. vmx/exit_cpuid.c puts the answer into the guest's registers.
 *
 * What is hidden, and why, is documented at each leaf in cpuid_view.c. The rule: a feature
 * is shown only if the guest can use it under vmxhv as it would on bare metal. Features that
 * need a device we do not model (local APIC, x2APIC, TSC deadline timer), MSRs we answer
 * with #GP (performance monitoring, thermal and power management, debug store, machine check,
 * speculation controls), VMX controls we do not set (INVPCID, WAITPKG, XSAVES) or that would
 * let the guest see VMX itself, are hidden.
 *
 * Leaves 0x40000000-0x4FFFFFFF are vmxhv's:
 *   0x40000000  EAX = 0x40000001 (highest hypervisor leaf), EBX:ECX:EDX = "vmxhv" NUL-padded
 *   0x40000001  EAX = VMXHV_HYPERCALL_VERSION ((major << 16) | minor), others 0
 *   the rest    all zeros
 */
#ifndef VMX_CPUID_VIEW_H
#define VMX_CPUID_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "vmx/host_cpuid.h"

#define CPUID_HYPERVISOR_BASE      0x40000000u
#define CPUID_HYPERVISOR_VERSION   0x40000001u
#define CPUID_HYPERVISOR_LAST      0x4FFFFFFFu
#define CPUID_HYPERVISOR_MAX_LEAF  CPUID_HYPERVISOR_VERSION
#define CPUID_SIGNATURE_EBX        0x68786D76u /* "vmxh" */
#define CPUID_SIGNATURE_ECX        0x00000076u /* "v\0\0\0" */
#define CPUID_SIGNATURE_EDX        0x00000000u

#define CPUID_EXTENDED_BASE        0x80000000u

/* Leaf 1 (SDM Vol. 2A, CPUID, "Feature Information"). */
#define CPUID_01_EBX_LOGICAL_COUNT_SHIFT 16       /* bits 23:16 */
#define CPUID_01_EBX_APIC_ID_SHIFT       24       /* bits 31:24 */
#define CPUID_01_ECX_DTES64        (1u << 2)
#define CPUID_01_ECX_MONITOR       (1u << 3)
#define CPUID_01_ECX_DS_CPL        (1u << 4)
#define CPUID_01_ECX_VMX           (1u << 5)
#define CPUID_01_ECX_SMX           (1u << 6)
#define CPUID_01_ECX_EST           (1u << 7)
#define CPUID_01_ECX_TM2           (1u << 8)
#define CPUID_01_ECX_SDBG          (1u << 11)
#define CPUID_01_ECX_XTPR          (1u << 14)
#define CPUID_01_ECX_PDCM          (1u << 15)
#define CPUID_01_ECX_PCID          (1u << 17)
#define CPUID_01_ECX_DCA           (1u << 18)
#define CPUID_01_ECX_X2APIC        (1u << 21)
#define CPUID_01_ECX_TSC_DEADLINE  (1u << 24)
#define CPUID_01_ECX_XSAVE         (1u << 26)
#define CPUID_01_ECX_OSXSAVE       (1u << 27)
#define CPUID_01_ECX_HYPERVISOR    (1u << 31)
#define CPUID_01_EDX_MCE           (1u << 7)
#define CPUID_01_EDX_APIC          (1u << 9)
#define CPUID_01_EDX_MCA           (1u << 14)
#define CPUID_01_EDX_DS            (1u << 21)
#define CPUID_01_EDX_ACPI          (1u << 22)
#define CPUID_01_EDX_HTT           (1u << 28)
#define CPUID_01_EDX_TM            (1u << 29)
#define CPUID_01_EDX_PBE           (1u << 31)

/* Leaf 7 subleaf 0 ("Structured Extended Feature Flags"). */
#define CPUID_07_EBX_FSGSBASE      (1u << 0)
#define CPUID_07_EBX_TSC_ADJUST    (1u << 1)
#define CPUID_07_EBX_SGX           (1u << 2)
#define CPUID_07_EBX_SMEP          (1u << 7)
#define CPUID_07_EBX_INVPCID       (1u << 10)
#define CPUID_07_EBX_RDT_M         (1u << 12)
#define CPUID_07_EBX_MPX           (1u << 14)
#define CPUID_07_EBX_RDT_A         (1u << 15)
#define CPUID_07_EBX_SMAP          (1u << 20)
#define CPUID_07_EBX_PT            (1u << 25)
#define CPUID_07_ECX_UMIP          (1u << 2)
#define CPUID_07_ECX_PKU           (1u << 3)
#define CPUID_07_ECX_OSPKE         (1u << 4)
#define CPUID_07_ECX_WAITPKG       (1u << 5)
#define CPUID_07_ECX_CET_SS        (1u << 7)
#define CPUID_07_ECX_TME           (1u << 13)
#define CPUID_07_ECX_LA57          (1u << 16)
#define CPUID_07_ECX_RDPID         (1u << 22)
#define CPUID_07_ECX_KL            (1u << 23)
#define CPUID_07_ECX_ENQCMD        (1u << 29)
#define CPUID_07_ECX_SGX_LC        (1u << 30)
#define CPUID_07_ECX_PKS           (1u << 31)
#define CPUID_07_EDX_UINTR         (1u << 5)
#define CPUID_07_EDX_PCONFIG       (1u << 18)
#define CPUID_07_EDX_ARCH_LBR      (1u << 19)
#define CPUID_07_EDX_CET_IBT       (1u << 20)
#define CPUID_07_EDX_AMX_BF16      (1u << 22)
#define CPUID_07_EDX_AMX_TILE      (1u << 24)
#define CPUID_07_EDX_AMX_INT8      (1u << 25)
#define CPUID_07_EDX_IBRS_IBPB     (1u << 26)
#define CPUID_07_EDX_STIBP         (1u << 27)
#define CPUID_07_EDX_L1D_FLUSH     (1u << 28)
#define CPUID_07_EDX_ARCH_CAPABILITIES (1u << 29)
#define CPUID_07_EDX_CORE_CAPABILITIES (1u << 30)
#define CPUID_07_EDX_SSBD          (1u << 31)

/* Leaf 0xD subleaf 1. */
#define CPUID_0D_1_EAX_XSAVES      (1u << 3)
#define CPUID_0D_1_EAX_XFD         (1u << 4)

/* Leaf 0x80000001. */
#define CPUID_80000001_EDX_SYSCALL (1u << 11)
#define CPUID_80000001_EDX_NX      (1u << 20)
#define CPUID_80000001_EDX_PAGE1GB (1u << 26)
#define CPUID_80000001_EDX_RDTSCP  (1u << 27)
#define CPUID_80000001_EDX_LM      (1u << 29)

/* XCR0 state components (SDM Vol. 1, 13.1). */
#define XCR0_X87       (1ull << 0)
#define XCR0_SSE       (1ull << 1)
#define XCR0_AVX       (1ull << 2)
#define XCR0_OPMASK    (1ull << 5)
#define XCR0_ZMM_HI256 (1ull << 6)
#define XCR0_HI16_ZMM  (1ull << 7)
#define XCR0_PKRU      (1ull << 9)
#define XCR0_AVX512    (XCR0_OPMASK | XCR0_ZMM_HI256 | XCR0_HI16_ZMM)
/* The user state components a guest may enable (MPX, AMX and supervisor states stay off). */
#define XCR0_GUEST_ALLOWED (XCR0_X87 | XCR0_SSE | XCR0_AVX | XCR0_AVX512 | XCR0_PKRU)

/*
 * What of the guest's state an answer depends on. cr4 is CR4 as the guest sees it (OSXSAVE
 * and PKE are mirrored into leaves 1 and 7); secondary_controls is the secondary
 * processor-based VM-execution controls in effect (0 if not activated): RDTSCP/RDPID need
 * "enable RDTSCP", INVPCID "enable INVPCID", TPAUSE/UMWAIT "enable user wait and pause", or
 * those instructions raise #UD in the guest.
 */
struct cpuid_guest_state {
	uint64_t cr4;
	uint32_t secondary_controls;
};

/* Whether the answer for leaf uses struct cpuid_guest_state (leaves 1, 7, 0x80000001). */
static inline bool cpuid_leaf_uses_guest_state(uint32_t leaf)
{
	return leaf == 1 || leaf == 7 || leaf == 0x80000001u;
}

/*
 * The guest's answer for CPUID(leaf, subleaf). guest may be NULL: then OSXSAVE and OSPKE read
 * 0 and RDTSCP, RDPID, INVPCID and WAITPKG are hidden.
 */
struct cpuid_regs cpuid_view_for_guest(uint32_t leaf, uint32_t subleaf,
				       const struct cpuid_guest_state *guest);

/* cpuid_view_for_guest(leaf, subleaf, NULL). */
struct cpuid_regs cpuid_view(uint32_t leaf, uint32_t subleaf);

/*
 * What the guest may use, for the handlers that check guest writes: the XCR0 components
 * XSETBV may enable (0 when XSAVE is hidden), the width of linear addresses (for canonical
 * checks; 48 when CPUID does not say), the width of physical addresses, MAXPHYADDR (for
 * reserved bits in paging structures; 36 when CPUID does not say), and whether a
 * leaf-0x80000001 EDX feature is shown.
 */
uint64_t cpuid_guest_xcr0_allowed(void);
unsigned cpuid_linear_address_bits(void);
unsigned cpuid_physical_address_bits(void);
bool cpuid_guest_has_80000001_edx(uint32_t bit);

#endif
