/*
 * VMX regions (SDM Vol. 3, 25.2 "Format of the VMCS Region" and 25.11.5 "VMXON Region"): the
 * VMXON region and each VMCS are one zeroed frame whose first 32-bit word holds the VMCS
 * revision identifier in bits 30:0 and the shadow-VMCS indicator in bit 31. Pure: only frames.
 */
#ifndef VMX_REGION_H
#define VMX_REGION_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/frames.h"
#include "vmx/caps.h"

#define VMX_REGION_REVISION_MASK   0x7FFFFFFFu
#define VMX_REGION_SHADOW_INDICATOR (1u << 31)
#define VMX_REGION_32BIT_LIMIT     (1ull << 32) /* regions end below this when BASIC[48] = 1 */

enum vmx_region_kind {
	VMX_REGION_VMXON,
	VMX_REGION_VMCS,
	VMX_REGION_SHADOW_VMCS, /* a VMCS with bit 31 set (VMCS shadowing) */
};

struct vmx_region {
	phys_addr_t phys; /* 0 when not allocated */
};

enum vmx_region_error {
	VMX_REGION_OK = 0,
	VMX_REGION_TOO_LARGE = -1,  /* IA32_VMX_BASIC region size 0 or more than a frame */
	VMX_REGION_NO_MEMORY = -2,
	VMX_REGION_ABOVE_4G = -3,   /* the frame breaks IA32_VMX_BASIC[48]'s 32-bit limit */
};

/* Allocate and format a region of this kind; logs why on failure. */
enum vmx_region_error vmx_region_create(struct vmx_region *region, const struct vmx_caps *caps,
					enum vmx_region_kind kind);
void vmx_region_destroy(struct vmx_region *region);

/* The region's first word: revision identifier and shadow indicator, as stored. */
uint32_t vmx_region_header(const struct vmx_region *region);

/* "VMXON region", "VMCS" or "shadow VMCS" (for log lines). */
const char *vmx_region_kind_name(enum vmx_region_kind kind);

#endif
