/* Checking that the CPU's VMX has what vmxhv needs to run guests; see requirements.h. */
#include "vmx/requirements.h"
#include "kernel/log.h"

/* EPT as ept_pointer_build will need it: present, 4-level walk, WB or UC structures. */
static enum vmx_requirement check_ept(const struct vmx_caps *caps)
{
	if (!vmx_caps_has_ept(caps)) {
		log_error("vmx: EPT is not supported by this CPU: vmxhv needs EPT to run guests");
		return VMX_MISSING_EPT;
	}
	if (!vmx_caps_ept_4level(caps)) {
		log_error("vmx: EPT on this CPU has no 4-level page walk: vmxhv cannot use it");
		return VMX_MISSING_EPT;
	}
	if (!vmx_caps_ept_wb(caps) && !vmx_caps_ept_uc(caps)) {
		log_error("vmx: EPT on this CPU allows neither WB nor UC tables: vmxhv cannot use it");
		return VMX_MISSING_EPT;
	}
	return VMX_REQUIREMENTS_MET;
}

/* The guests start in real mode, which only unrestricted guest runs under VMX (SDM 26.6). */
static enum vmx_requirement check_unrestricted_guest(const struct vmx_caps *caps)
{
	if (vmx_caps_has_unrestricted_guest(caps))
		return VMX_REQUIREMENTS_MET;
	log_error("vmx: unrestricted guest is not supported by this CPU: vmxhv needs it to run "
		  "real-mode guests");
	return VMX_MISSING_UNRESTRICTED_GUEST;
}

/* Without bitmaps every I/O instruction and MSR access would exit, or none could. */
static enum vmx_requirement check_bitmaps(const struct vmx_caps *caps)
{
	if (vmx_caps_has_io_bitmaps(caps) && vmx_caps_has_msr_bitmaps(caps))
		return VMX_REQUIREMENTS_MET;
	log_error("vmx: I/O bitmaps %s, MSR bitmaps %s: vmxhv needs both",
		  vmx_caps_has_io_bitmaps(caps) ? "supported" : "not supported",
		  vmx_caps_has_msr_bitmaps(caps) ? "supported" : "not supported");
	return VMX_MISSING_BITMAPS;
}

/* Every check runs, so the log names every missing feature, not just the first. */
enum vmx_requirement vmx_check_requirements(const struct vmx_caps *caps)
{
	enum vmx_requirement ept = check_ept(caps);
	enum vmx_requirement ug = check_unrestricted_guest(caps);
	enum vmx_requirement bitmaps = check_bitmaps(caps);

	if (ept)
		return ept;
	if (ug)
		return ug;
	if (bitmaps)
		return bitmaps;
	log_info("vmx: EPT and unrestricted guest supported: guests can run");
	return VMX_REQUIREMENTS_MET;
}
