/*
 * What this CPU's VMX can do: the capability MSRs of SDM Vol. 3 Appendix A, read once at
 * start-up (vmx/caps_read.c, kernel) into raw values and decoded here (pure, so tests build
 * capabilities from synthetic numbers), then asked through small vmx_caps_*() predicates.
 */
#ifndef VMX_CAPS_H
#define VMX_CAPS_H

#include <stdbool.h>
#include <stdint.h>

/* ---- IA32_VMX_BASIC (SDM A.1) ------------------------------------------------------------- */
#define VMX_BASIC_REVISION_ID_MASK     0x7FFFFFFFull        /* bits 30:0 */
#define VMX_BASIC_REGION_SIZE_SHIFT    32                   /* bits 44:32 */
#define VMX_BASIC_REGION_SIZE_MASK     0x1FFFull
#define VMX_BASIC_PHYS_ADDR_32BIT      (1ull << 48)         /* regions must lie below 4 GiB */
#define VMX_BASIC_DUAL_MONITOR         (1ull << 49)
#define VMX_BASIC_MEMORY_TYPE_SHIFT    50                   /* bits 53:50 */
#define VMX_BASIC_MEMORY_TYPE_MASK     0xFull
#define VMX_BASIC_INS_OUTS_INFO        (1ull << 54)         /* INS/OUTS exit information */
#define VMX_BASIC_TRUE_CONTROLS        (1ull << 55)         /* IA32_VMX_TRUE_*_CTLS exist */
#define VMX_BASIC_NO_ERROR_CODE_CHECK  (1ull << 56)         /* any exception may deliver an error code */

/* Memory types (SDM 12.3, Table 12-8 / A.1): the only ones IA32_VMX_BASIC reports are UC and WB. */
#define VMX_MEMORY_TYPE_UC 0
#define VMX_MEMORY_TYPE_WB 6

/* ---- IA32_VMX_MISC (SDM A.6) -------------------------------------------------------------- */
#define VMX_MISC_PREEMPTION_TIMER_RATE_MASK 0x1Full      /* bits 4:0: timer ticks every 2^n TSC */
#define VMX_MISC_STORE_EFER_LMA             (1ull << 5)
#define VMX_MISC_ACTIVITY_STATES_SHIFT      6            /* bits 8:6: HLT, shutdown, wait-for-SIPI */
#define VMX_MISC_ACTIVITY_STATES_MASK       0x7ull
#define VMX_MISC_ACTIVITY_HLT               (1ull << 6)
#define VMX_MISC_ACTIVITY_SHUTDOWN          (1ull << 7)
#define VMX_MISC_ACTIVITY_WAIT_FOR_SIPI     (1ull << 8)
#define VMX_MISC_PT_IN_VMX                  (1ull << 14)
#define VMX_MISC_RDMSR_SMBASE_IN_SMM        (1ull << 15)
#define VMX_MISC_CR3_TARGETS_SHIFT          16           /* bits 24:16 */
#define VMX_MISC_CR3_TARGETS_MASK           0x1FFull
#define VMX_MISC_MAX_MSR_LIST_SHIFT         25           /* bits 27:25: 512 * (N + 1) entries */
#define VMX_MISC_MAX_MSR_LIST_MASK          0x7ull
#define VMX_MISC_MSR_LIST_UNIT              512
#define VMX_MISC_SMM_MONITOR_CTL_BIT2       (1ull << 28)
#define VMX_MISC_VMWRITE_ANY_FIELD          (1ull << 29) /* VMWRITE to VM-exit information fields */
#define VMX_MISC_INJECT_ZERO_LENGTH         (1ull << 30) /* event injection with instruction length 0 */
#define VMX_MISC_MSEG_REVISION_SHIFT        32

/* ---- IA32_VMX_EPT_VPID_CAP (SDM A.10) ----------------------------------------------------- */
#define VMX_EPT_EXECUTE_ONLY              (1ull << 0)
#define VMX_EPT_PAGE_WALK_4               (1ull << 6)
#define VMX_EPT_PAGE_WALK_5               (1ull << 7)
#define VMX_EPT_MEMORY_TYPE_UC            (1ull << 8)
#define VMX_EPT_MEMORY_TYPE_WB            (1ull << 14)
#define VMX_EPT_PDE_2MB                   (1ull << 16)
#define VMX_EPT_PDPTE_1GB                 (1ull << 17)
#define VMX_EPT_INVEPT                    (1ull << 20)
#define VMX_EPT_ACCESSED_DIRTY            (1ull << 21)
#define VMX_EPT_ADVANCED_EXIT_INFO        (1ull << 22)
#define VMX_EPT_SUPERVISOR_SHADOW_STACK   (1ull << 23)
#define VMX_EPT_INVEPT_SINGLE_CONTEXT     (1ull << 25)
#define VMX_EPT_INVEPT_ALL_CONTEXT        (1ull << 26)
#define VMX_VPID_INVVPID                  (1ull << 32)
#define VMX_VPID_INVVPID_INDIVIDUAL_ADDR  (1ull << 40)
#define VMX_VPID_INVVPID_SINGLE_CONTEXT   (1ull << 41)
#define VMX_VPID_INVVPID_ALL_CONTEXT      (1ull << 42)
#define VMX_VPID_INVVPID_SINGLE_NONGLOBAL (1ull << 43) /* single-context, retaining globals */

/* ---- IA32_VMX_VMCS_ENUM (SDM A.9) --------------------------------------------------------- */
#define VMX_VMCS_ENUM_MAX_INDEX_SHIFT 1 /* bits 9:1: highest index used in any field encoding */
#define VMX_VMCS_ENUM_MAX_INDEX_MASK  0x1FFull

/* ---- control-capability MSRs (SDM A.3-A.5) ------------------------------------------------ */
#define VMX_CTLS_ALLOWED1_SHIFT 32 /* bits 63:32 allowed-1 settings, bits 31:0 allowed-0 settings */

/*
 * One control word's capabilities. A control may be 0 only if its allowed0 bit is 0 and may be
 * 1 only if its allowed1 bit is 1. default1 is the non-TRUE MSR's allowed-0 word: the default
 * setting Algorithm 3 (SDM 31.5.1) gives controls software does not know about.
 */
struct vmx_control_caps {
	uint32_t allowed0;
	uint32_t allowed1;
	uint32_t default1;
};

/*
 * The raw MSR values, as read (or as a test makes them up). An MSR that was not read (because
 * the CPU does not have it) is 0, and has_* says whether it was read.
 */
struct vmx_msr_values {
	uint64_t basic;
	uint64_t pinbased_ctls, procbased_ctls, exit_ctls, entry_ctls;
	uint64_t true_pinbased_ctls, true_procbased_ctls, true_exit_ctls, true_entry_ctls;
	uint64_t procbased_ctls2;
	uint64_t misc;
	uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	uint64_t vmcs_enum;
	uint64_t ept_vpid_cap;
	bool has_true_ctls;       /* true_* were read (IA32_VMX_BASIC[55] = 1) */
	bool has_procbased_ctls2; /* read (primary allowed-1 has "activate secondary controls") */
	bool has_ept_vpid_cap;    /* read (secondary allowed-1 has "enable EPT" or "enable VPID") */
};

/* The decoded capabilities: read once, then only asked. */
struct vmx_caps {
	uint64_t basic;            /* IA32_VMX_BASIC as read */
	uint32_t revision_id;      /* VMCS revision identifier, bits 30:0 */
	uint32_t region_size;      /* bytes to allocate for the VMXON region and each VMCS */
	bool phys_addr_32bit;      /* VMXON/VMCS/bitmap addresses limited to 32 bits */
	uint8_t memory_type;       /* memory type for VMCS-referenced structures (6 = WB) */
	bool ins_outs_info;        /* VM-exit instruction information for INS/OUTS */
	bool true_controls;        /* the TRUE control MSRs were used */

	struct vmx_control_caps pinbased, procbased, procbased2, exit, entry;

	uint64_t misc;
	uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	uint64_t vmcs_enum;
	uint64_t ept_vpid_cap;     /* 0 when the CPU has neither EPT nor VPID */
};

/* CPUID.01H:ECX feature flags that gate VMX (SDM Vol. 2A, CPUID, Table 3-10). */
#define CPUID_LEAF_FEATURES 1
#define CPUID_1_ECX_VMX     (1u << 5)
#define CPUID_1_ECX_SMX     (1u << 6)

/*
 * Kernel only (vmx/caps_read.c). Whether CPUID reports VMX / SMX; and reading every capability
 * MSR the CPU has into caps. Only call vmx_caps_read after vmx_cpu_has_vmx() said yes: without
 * VMX, QEMU TCG raises #GP on IA32_VMX_BASIC and Bochs returns 0.
 */
bool vmx_cpu_has_vmx(void);
bool vmx_cpu_has_smx(void);
void vmx_msr_values_read(struct vmx_msr_values *v);
void vmx_caps_read(struct vmx_caps *caps);

/* Which optional MSRs the reader may touch, given what it has read so far (absent ones #GP). */
bool vmx_msr_values_want_procbased_ctls2(const struct vmx_msr_values *v);
bool vmx_msr_values_want_ept_vpid_cap(const struct vmx_msr_values *v);

/* Decode raw values into caps. TRUE control MSRs are used when IA32_VMX_BASIC[55] says so. */
void vmx_caps_decode(struct vmx_caps *caps, const struct vmx_msr_values *v);

/* A control word's capabilities from its MSR value (and the non-TRUE MSR for default1). */
struct vmx_control_caps vmx_control_caps_from_msr(uint64_t msr, uint64_t non_true_msr);

/* Whether a control may be set to 1 / must be 1. */
static inline bool vmx_control_allowed(struct vmx_control_caps c, uint32_t control)
{
	return (c.allowed1 & control) == control;
}

static inline bool vmx_control_forced(struct vmx_control_caps c, uint32_t control)
{
	return (c.allowed0 & control) != 0;
}

/* ---- predicates --------------------------------------------------------------------------- */
bool vmx_caps_has_secondary(const struct vmx_caps *caps);
bool vmx_caps_has_ept(const struct vmx_caps *caps);
bool vmx_caps_has_vpid(const struct vmx_caps *caps);
bool vmx_caps_has_unrestricted_guest(const struct vmx_caps *caps);
bool vmx_caps_has_preemption_timer(const struct vmx_caps *caps);
bool vmx_caps_has_io_bitmaps(const struct vmx_caps *caps);
bool vmx_caps_has_msr_bitmaps(const struct vmx_caps *caps);
bool vmx_caps_ept_4level(const struct vmx_caps *caps);
bool vmx_caps_ept_wb(const struct vmx_caps *caps);
bool vmx_caps_ept_uc(const struct vmx_caps *caps);
bool vmx_caps_ept_2m(const struct vmx_caps *caps);
bool vmx_caps_ept_1g(const struct vmx_caps *caps);
bool vmx_caps_ept_ad(const struct vmx_caps *caps);
bool vmx_caps_ept_execute_only(const struct vmx_caps *caps);
bool vmx_caps_has_invept(const struct vmx_caps *caps);
bool vmx_caps_has_invvpid(const struct vmx_caps *caps);
bool vmx_caps_has_invvpid_single_context(const struct vmx_caps *caps);
bool vmx_caps_has_invvpid_all_context(const struct vmx_caps *caps);

/* IA32_VMX_MISC fields. */
unsigned vmx_caps_preemption_timer_rate(const struct vmx_caps *caps); /* ticks every 2^n TSC */
unsigned vmx_caps_cr3_target_count(const struct vmx_caps *caps);
unsigned vmx_caps_max_msr_list(const struct vmx_caps *caps);          /* entries per list */
unsigned vmx_caps_vmcs_max_index(const struct vmx_caps *caps);        /* from VMCS_ENUM */

#endif
