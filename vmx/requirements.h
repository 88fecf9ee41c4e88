/*
 * What vmxhv needs from VMX to run its guests, checked against the capabilities: EPT with a
 * 4-level walk and a usable memory type, unrestricted guest (the guests start in real mode),
 * I/O and MSR bitmaps. Pure: the verdict and its log lines are unit-tested.
 */
#ifndef VMX_REQUIREMENTS_H
#define VMX_REQUIREMENTS_H

#include "vmx/caps.h"

enum vmx_requirement {
	VMX_REQUIREMENTS_MET = 0,
	VMX_MISSING_EPT = -1,                 /* no EPT, or EPT without a 4-level walk / memory type */
	VMX_MISSING_UNRESTRICTED_GUEST = -2,
	VMX_MISSING_BITMAPS = -3,             /* no "use I/O bitmaps" or "use MSR bitmaps" */
};

/*
 * Log one line per missing feature ("vmx: EPT is not supported by this CPU: ...") or one line
 * saying all is there; return the first missing requirement, in the order of the enum.
 */
enum vmx_requirement vmx_check_requirements(const struct vmx_caps *caps);

#endif
