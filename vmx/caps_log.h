/*
 * The boot log block that describes the CPU's VMX capabilities in words (pure: log lines only,
 * so tests check the exact text against synthetic capabilities).
 */
#ifndef VMX_CAPS_LOG_H
#define VMX_CAPS_LOG_H

#include "vmx/caps.h"

/* The SDM's abbreviation of a memory type: "UC", "WC", "WT", "WP", "WB" or "reserved". */
const char *vmx_memory_type_name(unsigned type);

/* Log the block: IA32_VMX_BASIC, the controls, MISC, EPT/VPID, CR fixed bits, features. */
void vmx_caps_log(const struct vmx_caps *caps);

#endif
