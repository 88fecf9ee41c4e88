/* VMXON and VMCS regions (SDM Vol. 3, 25.2 and 25.11.5); see region.h. */
#include "vmx/region.h"
#include "kernel/log.h"

const char *vmx_region_kind_name(enum vmx_region_kind kind)
{
	switch (kind) {
	case VMX_REGION_VMXON:
		return "VMXON region";
	case VMX_REGION_VMCS:
		return "VMCS";
	case VMX_REGION_SHADOW_VMCS:
		return "shadow VMCS";
	}
	return "VMX region";
}

/* A.1: the size is at most 4 KiB; a frame holds it only when it is between 1 and FRAME_SIZE. */
static bool size_fits(const struct vmx_caps *caps)
{
	return caps->region_size > 0 && caps->region_size <= FRAME_SIZE;
}

enum vmx_region_error vmx_region_create(struct vmx_region *region, const struct vmx_caps *caps,
					enum vmx_region_kind kind)
{
	const char *name = vmx_region_kind_name(kind);
	unsigned flags = FRAME_ZEROED | (caps->phys_addr_32bit ? FRAME_BELOW_4G : 0);

	region->phys = 0;
	if (!size_fits(caps)) {
		log_error("vmx: %s: IA32_VMX_BASIC region size %u does not fit a %llu-byte frame",
			  name, caps->region_size, (unsigned long long)FRAME_SIZE);
		return VMX_REGION_TOO_LARGE;
	}
	phys_addr_t phys = frame_alloc(flags);
	if (phys == 0) {
		log_error("vmx: %s: out of memory", name);
		return VMX_REGION_NO_MEMORY;
	}
	/* Belt and braces: an allocator ignoring FRAME_BELOW_4G would make VMXON fail obscurely. */
	if (caps->phys_addr_32bit && phys + FRAME_SIZE > VMX_REGION_32BIT_LIMIT) {
		log_error("vmx: %s: frame 0x%llx is above 4 GiB but IA32_VMX_BASIC[48] limits "
			  "VMX addresses to 32 bits", name, (unsigned long long)phys);
		frame_free(phys);
		return VMX_REGION_ABOVE_4G;
	}
	uint32_t header = caps->revision_id & VMX_REGION_REVISION_MASK;
	if (kind == VMX_REGION_SHADOW_VMCS)
		header |= VMX_REGION_SHADOW_INDICATOR;
	*(volatile uint32_t *)phys_to_virt(phys) = header;
	region->phys = phys;
	return VMX_REGION_OK;
}

void vmx_region_destroy(struct vmx_region *region)
{
	if (region->phys)
		frame_free(region->phys);
	region->phys = 0;
}

uint32_t vmx_region_header(const struct vmx_region *region)
{
	return *(const volatile uint32_t *)phys_to_virt(region->phys);
}
