/*
 * The capability block of the boot log. Each line is a user-visible contract (the Bochs boot
 * tests match them): change the wording only together with tests/boot.
 */
#include "vmx/caps_log.h"
#include "vmx/vmx_controls.h"
#include "kernel/log.h"

/* Capabilities are printed as words, not bits. */
static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

/* SDM 12.3, Table 12-8: the memory type encodings shared by IA32_VMX_BASIC, EPT and PAT. */
const char *vmx_memory_type_name(unsigned type)
{
	switch (type) {
	case 0:
		return "UC";
	case 1:
		return "WC";
	case 4:
		return "WT";
	case 5:
		return "WP";
	case 6:
		return "WB";
	default:
		return "reserved";
	}
}

/* IA32_VMX_BASIC (A.1): what the regions need. */
static void log_basic(const struct vmx_caps *caps)
{
	log_info("vmx: IA32_VMX_BASIC 0x%016llx: revision id 0x%x, region size %u, memory type %s, "
		 "32-bit addresses %s, INS/OUTS info %s, TRUE controls %s",
		 (unsigned long long)caps->basic, caps->revision_id, caps->region_size,
		 vmx_memory_type_name(caps->memory_type), yes_no(caps->phys_addr_32bit),
		 yes_no(caps->ins_outs_info), yes_no(caps->true_controls));
}

/* Allowed-0 / allowed-1 words of each control MSR, the ones vmx_controls_adjust will use. */
static void log_controls(const struct vmx_caps *caps)
{
	log_info("vmx: controls allowed-0/allowed-1 (%s MSRs): pin-based 0x%08x/0x%08x, "
		 "primary 0x%08x/0x%08x, secondary 0x%08x/0x%08x, exit 0x%08x/0x%08x, "
		 "entry 0x%08x/0x%08x",
		 caps->true_controls ? "TRUE" : "non-TRUE", caps->pinbased.allowed0,
		 caps->pinbased.allowed1, caps->procbased.allowed0, caps->procbased.allowed1,
		 caps->procbased2.allowed0, caps->procbased2.allowed1, caps->exit.allowed0,
		 caps->exit.allowed1, caps->entry.allowed0, caps->entry.allowed1);
}

/* IA32_VMX_MISC (A.6): timer rate, CR3 targets, MSR-list size, activity states. */
static void log_misc(const struct vmx_caps *caps)
{
	log_info("vmx: IA32_VMX_MISC 0x%016llx: preemption timer rate 2^%u TSC, CR3 targets %u, "
		 "MSR list max %u, activity HLT %s shutdown %s wait-for-SIPI %s",
		 (unsigned long long)caps->misc, vmx_caps_preemption_timer_rate(caps),
		 vmx_caps_cr3_target_count(caps), vmx_caps_max_msr_list(caps),
		 yes_no(caps->misc & VMX_MISC_ACTIVITY_HLT),
		 yes_no(caps->misc & VMX_MISC_ACTIVITY_SHUTDOWN),
		 yes_no(caps->misc & VMX_MISC_ACTIVITY_WAIT_FOR_SIPI));
}

/* IA32_VMX_EPT_VPID_CAP (A.10), or why there is none. */
static void log_ept_vpid(const struct vmx_caps *caps)
{
	if (!vmx_caps_has_ept(caps) && !vmx_caps_has_vpid(caps)) {
		log_info("vmx: IA32_VMX_EPT_VPID_CAP not present (no EPT, no VPID)");
		return;
	}
	uint64_t cap = caps->ept_vpid_cap;
	log_info("vmx: IA32_VMX_EPT_VPID_CAP 0x%016llx: 4-level walk %s, WB %s, UC %s, 2M pages %s, "
		 "1G pages %s, A/D %s, execute-only %s, INVEPT %s, INVVPID %s",
		 (unsigned long long)cap, yes_no(cap & VMX_EPT_PAGE_WALK_4),
		 yes_no(cap & VMX_EPT_MEMORY_TYPE_WB), yes_no(cap & VMX_EPT_MEMORY_TYPE_UC),
		 yes_no(cap & VMX_EPT_PDE_2MB), yes_no(cap & VMX_EPT_PDPTE_1GB),
		 yes_no(cap & VMX_EPT_ACCESSED_DIRTY), yes_no(cap & VMX_EPT_EXECUTE_ONLY),
		 yes_no(cap & VMX_EPT_INVEPT), yes_no(cap & VMX_VPID_INVVPID));
}

/* The CR0/CR4 fixed bits (A.7, A.8) and VMCS_ENUM (A.9). */
static void log_cr_fixed(const struct vmx_caps *caps)
{
	log_info("vmx: IA32_VMX_CR0_FIXED0 0x%llx FIXED1 0x%llx, IA32_VMX_CR4_FIXED0 0x%llx FIXED1 0x%llx",
		 (unsigned long long)caps->cr0_fixed0, (unsigned long long)caps->cr0_fixed1,
		 (unsigned long long)caps->cr4_fixed0, (unsigned long long)caps->cr4_fixed1);
	log_info("vmx: IA32_VMX_VMCS_ENUM 0x%llx: highest field index %u",
		 (unsigned long long)caps->vmcs_enum, vmx_caps_vmcs_max_index(caps));
}

/* The summary the user looks for first: what vmxhv will be able to use. */
static void log_features(const struct vmx_caps *caps)
{
	bool ept = vmx_caps_has_ept(caps);

	log_info("vmx: features: EPT %s, VPID %s, unrestricted guest %s, EPT pages %s%s%s, "
		 "EPT A/D %s, preemption timer %s",
		 yes_no(ept), yes_no(vmx_caps_has_vpid(caps)),
		 yes_no(vmx_caps_has_unrestricted_guest(caps)), ept ? "4K" : "none",
		 vmx_caps_ept_2m(caps) ? " 2M" : "", vmx_caps_ept_1g(caps) ? " 1G" : "",
		 yes_no(vmx_caps_ept_ad(caps)), yes_no(vmx_caps_has_preemption_timer(caps)));
}

/* The whole block, in the order a reader needs it; the features summary last. */
void vmx_caps_log(const struct vmx_caps *caps)
{
	log_basic(caps);
	log_controls(caps);
	log_misc(caps);
	log_ept_vpid(caps);
	log_cr_fixed(caps);
	log_features(caps);
}
