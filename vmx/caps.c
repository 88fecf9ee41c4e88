/*
 * Decoding the VMX capability MSRs (SDM Vol. 3, Appendix A) and answering questions about them.
 * Pure: the kernel feeds it what vmx/caps_read.c read, tests feed it made-up values.
 */
#include "vmx/caps.h"
#include "vmx/vmx_controls.h"

#include <string.h>

/* The reader may read IA32_VMX_PROCBASED_CTLS2 only if secondary controls can be activated (A.3.3). */
bool vmx_msr_values_want_procbased_ctls2(const struct vmx_msr_values *v)
{
	uint32_t allowed1 = (uint32_t)(v->procbased_ctls >> VMX_CTLS_ALLOWED1_SHIFT);
	return (allowed1 & PROCBASED_ACTIVATE_SECONDARY_CONTROLS) != 0;
}

/* IA32_VMX_EPT_VPID_CAP exists only if EPT or VPID can be enabled (A.10). */
bool vmx_msr_values_want_ept_vpid_cap(const struct vmx_msr_values *v)
{
	uint32_t allowed1 = (uint32_t)(v->procbased_ctls2 >> VMX_CTLS_ALLOWED1_SHIFT);

	if (!v->has_procbased_ctls2 || !vmx_msr_values_want_procbased_ctls2(v))
		return false;
	return (allowed1 & (SECONDARY_ENABLE_EPT | SECONDARY_ENABLE_VPID)) != 0;
}

/*
 * Bits 31:0 of a control MSR are the allowed-0 settings (1 = must be 1), bits 63:32 the
 * allowed-1 settings (0 = must be 0) (A.3.1). default1 comes from the non-TRUE MSR's low word,
 * which reports every default1 control as must-be-1 (A.2).
 */
struct vmx_control_caps vmx_control_caps_from_msr(uint64_t msr, uint64_t non_true_msr)
{
	struct vmx_control_caps c = {
		.allowed0 = (uint32_t)msr,
		.allowed1 = (uint32_t)(msr >> VMX_CTLS_ALLOWED1_SHIFT),
		.default1 = (uint32_t)non_true_msr,
	};
	return c;
}

/* The pin/primary/exit/entry control words, from the TRUE MSRs when BASIC[55] allows (A.3-A.5). */
static void decode_controls(struct vmx_caps *caps, const struct vmx_msr_values *v)
{
	caps->true_controls = (v->basic & VMX_BASIC_TRUE_CONTROLS) && v->has_true_ctls;
	if (caps->true_controls) {
		caps->pinbased = vmx_control_caps_from_msr(v->true_pinbased_ctls, v->pinbased_ctls);
		caps->procbased = vmx_control_caps_from_msr(v->true_procbased_ctls, v->procbased_ctls);
		caps->exit = vmx_control_caps_from_msr(v->true_exit_ctls, v->exit_ctls);
		caps->entry = vmx_control_caps_from_msr(v->true_entry_ctls, v->entry_ctls);
	} else {
		caps->pinbased = vmx_control_caps_from_msr(v->pinbased_ctls, v->pinbased_ctls);
		caps->procbased = vmx_control_caps_from_msr(v->procbased_ctls, v->procbased_ctls);
		caps->exit = vmx_control_caps_from_msr(v->exit_ctls, v->exit_ctls);
		caps->entry = vmx_control_caps_from_msr(v->entry_ctls, v->entry_ctls);
	}
	/* Secondary controls have no TRUE MSR and no default1 class (A.3.3). */
	if (v->has_procbased_ctls2 && vmx_msr_values_want_procbased_ctls2(v))
		caps->procbased2 = vmx_control_caps_from_msr(v->procbased_ctls2, v->procbased_ctls2);
}

void vmx_caps_decode(struct vmx_caps *caps, const struct vmx_msr_values *v)
{
	memset(caps, 0, sizeof(*caps));
	caps->basic = v->basic;
	caps->revision_id = (uint32_t)(v->basic & VMX_BASIC_REVISION_ID_MASK);
	caps->region_size = (uint32_t)((v->basic >> VMX_BASIC_REGION_SIZE_SHIFT) & VMX_BASIC_REGION_SIZE_MASK);
	caps->phys_addr_32bit = (v->basic & VMX_BASIC_PHYS_ADDR_32BIT) != 0;
	caps->memory_type = (uint8_t)((v->basic >> VMX_BASIC_MEMORY_TYPE_SHIFT) & VMX_BASIC_MEMORY_TYPE_MASK);
	caps->ins_outs_info = (v->basic & VMX_BASIC_INS_OUTS_INFO) != 0;

	decode_controls(caps, v);

	caps->misc = v->misc;
	caps->cr0_fixed0 = v->cr0_fixed0;
	caps->cr0_fixed1 = v->cr0_fixed1;
	caps->cr4_fixed0 = v->cr4_fixed0;
	caps->cr4_fixed1 = v->cr4_fixed1;
	caps->vmcs_enum = v->vmcs_enum;
	if (v->has_ept_vpid_cap && vmx_msr_values_want_ept_vpid_cap(v))
		caps->ept_vpid_cap = v->ept_vpid_cap;
}

bool vmx_caps_has_secondary(const struct vmx_caps *caps)
{
	return vmx_control_allowed(caps->procbased, PROCBASED_ACTIVATE_SECONDARY_CONTROLS);
}

/* A secondary control is available only if secondary controls can be activated at all. */
static bool secondary_allowed(const struct vmx_caps *caps, uint32_t control)
{
	return vmx_caps_has_secondary(caps) && vmx_control_allowed(caps->procbased2, control);
}

bool vmx_caps_has_ept(const struct vmx_caps *caps)
{
	return secondary_allowed(caps, SECONDARY_ENABLE_EPT);
}

bool vmx_caps_has_vpid(const struct vmx_caps *caps)
{
	return secondary_allowed(caps, SECONDARY_ENABLE_VPID);
}

/* Unrestricted guest requires "enable EPT" as well (SDM 26.2.1.1). */
bool vmx_caps_has_unrestricted_guest(const struct vmx_caps *caps)
{
	return secondary_allowed(caps, SECONDARY_UNRESTRICTED_GUEST) && vmx_caps_has_ept(caps);
}

bool vmx_caps_has_preemption_timer(const struct vmx_caps *caps)
{
	return vmx_control_allowed(caps->pinbased, PIN_BASED_ACTIVATE_PREEMPTION_TIMER);
}

bool vmx_caps_has_io_bitmaps(const struct vmx_caps *caps)
{
	return vmx_control_allowed(caps->procbased, PROCBASED_USE_IO_BITMAPS);
}

bool vmx_caps_has_msr_bitmaps(const struct vmx_caps *caps)
{
	return vmx_control_allowed(caps->procbased, PROCBASED_USE_MSR_BITMAPS);
}

/* An EPT capability bit counts only when EPT itself can be enabled. */
static bool ept_cap(const struct vmx_caps *caps, uint64_t bit)
{
	return vmx_caps_has_ept(caps) && (caps->ept_vpid_cap & bit);
}

bool vmx_caps_ept_4level(const struct vmx_caps *caps) { return ept_cap(caps, VMX_EPT_PAGE_WALK_4); }
bool vmx_caps_ept_wb(const struct vmx_caps *caps) { return ept_cap(caps, VMX_EPT_MEMORY_TYPE_WB); }
bool vmx_caps_ept_uc(const struct vmx_caps *caps) { return ept_cap(caps, VMX_EPT_MEMORY_TYPE_UC); }
bool vmx_caps_ept_2m(const struct vmx_caps *caps) { return ept_cap(caps, VMX_EPT_PDE_2MB); }
bool vmx_caps_ept_1g(const struct vmx_caps *caps) { return ept_cap(caps, VMX_EPT_PDPTE_1GB); }
bool vmx_caps_ept_ad(const struct vmx_caps *caps) { return ept_cap(caps, VMX_EPT_ACCESSED_DIRTY); }
bool vmx_caps_ept_execute_only(const struct vmx_caps *caps) { return ept_cap(caps, VMX_EPT_EXECUTE_ONLY); }
bool vmx_caps_has_invept(const struct vmx_caps *caps) { return ept_cap(caps, VMX_EPT_INVEPT); }

bool vmx_caps_has_invvpid(const struct vmx_caps *caps)
{
	return vmx_caps_has_vpid(caps) && (caps->ept_vpid_cap & VMX_VPID_INVVPID);
}

/* An INVVPID type counts only when INVVPID itself is there (SDM A.10). */
bool vmx_caps_has_invvpid_single_context(const struct vmx_caps *caps)
{
	return vmx_caps_has_invvpid(caps) && (caps->ept_vpid_cap & VMX_VPID_INVVPID_SINGLE_CONTEXT);
}

bool vmx_caps_has_invvpid_all_context(const struct vmx_caps *caps)
{
	return vmx_caps_has_invvpid(caps) && (caps->ept_vpid_cap & VMX_VPID_INVVPID_ALL_CONTEXT);
}

unsigned vmx_caps_preemption_timer_rate(const struct vmx_caps *caps)
{
	return (unsigned)(caps->misc & VMX_MISC_PREEMPTION_TIMER_RATE_MASK);
}

unsigned vmx_caps_cr3_target_count(const struct vmx_caps *caps)
{
	return (unsigned)((caps->misc >> VMX_MISC_CR3_TARGETS_SHIFT) & VMX_MISC_CR3_TARGETS_MASK);
}

/* A.6: the recommended maximum is 512 * (N + 1) for N in bits 27:25. */
unsigned vmx_caps_max_msr_list(const struct vmx_caps *caps)
{
	unsigned n = (unsigned)((caps->misc >> VMX_MISC_MAX_MSR_LIST_SHIFT) & VMX_MISC_MAX_MSR_LIST_MASK);
	return VMX_MISC_MSR_LIST_UNIT * (n + 1);
}

unsigned vmx_caps_vmcs_max_index(const struct vmx_caps *caps)
{
	return (unsigned)((caps->vmcs_enum >> VMX_VMCS_ENUM_MAX_INDEX_SHIFT) & VMX_VMCS_ENUM_MAX_INDEX_MASK);
}
