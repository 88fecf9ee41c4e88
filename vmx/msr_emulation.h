/*
 * The guest's MSRs: what RDMSR and WRMSR do for each MSR vmxhv emulates (every MSR access
 * exits: the MSR bitmaps intercept them all). vmx/exit_msr.c moves ECX and EDX:EAX in and out,
 * counts the access and injects #GP(0) when these functions refuse.
 *
 * Emulated (see msr_emulation.c for each value and rule):
 *   0x10  IA32_TIME_STAMP_COUNTER  host TSC + VMCS TSC offset; a write moves the offset
 *   0x1B  IA32_APIC_BASE           0xFEE00100: BSP, at the default base, globally disabled
 *   0x3A  IA32_FEATURE_CONTROL     1: locked with VMX off; writes #GP
 *   0x8B  IA32_BIOS_SIGN_ID        0 (no microcode update loaded); writes accepted, ignored
 *   0xFE  IA32_MTRRCAP             0: no variable or fixed ranges, no WC; writes #GP
 *   0x174-0x176 IA32_SYSENTER_CS/ESP/EIP   VMCS guest fields
 *   0x1A0 IA32_MISC_ENABLE         fast strings, BTS and PEBS unavailable
 *   0x277 IA32_PAT                 VMCS guest field (loaded and saved on entry and exit)
 *   0x2FF IA32_MTRR_DEF_TYPE       stored: E = 1, default type WB
 *   0xC0000080 IA32_EFER           VMCS guest field, writes validated
 *   0xC0000081-0xC0000084 STAR, LSTAR, CSTAR, FMASK   in the hardware (host_msr_write)
 *   0xC0000100-0xC0000101 FS_BASE, GS_BASE            VMCS guest segment bases
 *   0xC0000102 KERNEL_GS_BASE      in the hardware
 *   0xC0000103 TSC_AUX             in the hardware, when the CPU has RDTSCP or RDPID
 * Every other MSR, the VMX capability MSRs 0x480-0x493 included, raises #GP(0).
 */
#ifndef VMX_MSR_EMULATION_H
#define VMX_MSR_EMULATION_H

#include <stdint.h>

#include "vmx/vcpu.h"

/* IA32_APIC_BASE (SDM Vol. 3, 11.4.4). */
#define APIC_BASE_BSP           (1ull << 8)
#define APIC_BASE_X2APIC_ENABLE (1ull << 10)
#define APIC_BASE_GLOBAL_ENABLE (1ull << 11)
#define APIC_BASE_DEFAULT       0xFEE00000ull

/* IA32_MISC_ENABLE (SDM Vol. 4, Table 2-2). */
#define MISC_ENABLE_FAST_STRINGS       (1ull << 0)
#define MISC_ENABLE_AUTO_THERMAL       (1ull << 3)
#define MISC_ENABLE_BTS_UNAVAILABLE    (1ull << 11)
#define MISC_ENABLE_PEBS_UNAVAILABLE   (1ull << 12)
#define MISC_ENABLE_EIST               (1ull << 16)
#define MISC_ENABLE_MONITOR            (1ull << 18)
#define MISC_ENABLE_LIMIT_CPUID        (1ull << 22)
#define MISC_ENABLE_XTPR_DISABLE       (1ull << 23)
#define MISC_ENABLE_XD_DISABLE         (1ull << 34)

/* IA32_MTRR_DEF_TYPE (SDM Vol. 3, 12.11.2.1). */
#define MTRR_DEF_TYPE_TYPE_MASK 0xFFull
#define MTRR_DEF_TYPE_FE        (1ull << 10) /* fixed-range MTRRs enable */
#define MTRR_DEF_TYPE_E         (1ull << 11) /* MTRRs enable */

/* Memory types (SDM Vol. 3, Table 12-8 and 12-10). */
#define MEMORY_TYPE_UC  0
#define MEMORY_TYPE_WC  1
#define MEMORY_TYPE_WT  4
#define MEMORY_TYPE_WP  5
#define MEMORY_TYPE_WB  6
#define MEMORY_TYPE_UC_MINUS 7 /* PAT only */

/* The PAT's power-on value: WB, WT, UC-, UC, twice (SDM Vol. 3, Table 12-12). */
#define PAT_POWER_ON 0x0007040600070406ull

/*
 * Power-on state of the emulated MSRs that live outside the VMCS: vcpu->msrs, and the hardware
 * MSRs the guest owns while it runs (STAR, LSTAR, CSTAR, FMASK, KERNEL_GS_BASE set to 0, and
 * TSC_AUX when the CPU has it). Call once before the first VM entry. The VMCS fields (EFER,
 * PAT, SYSENTER_*, FS/GS base, TSC offset) are the VMCS setup's.
 */
void msr_emulation_init(struct vcpu *vcpu);

/* RDMSR: 0 with *value set, or -1 for "raise #GP(0)". */
int msr_read(struct vcpu *vcpu, uint32_t msr, uint64_t *value);

/* WRMSR: 0 when done, or -1 for "raise #GP(0)" (and nothing changed). */
int msr_write(struct vcpu *vcpu, uint32_t msr, uint64_t value);

/* The SDM's name of an MSR ("IA32_PAT"), or NULL when we have none. */
const char *msr_name(uint32_t msr);

#endif
