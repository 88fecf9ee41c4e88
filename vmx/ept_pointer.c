/* Building and reading the EPT pointer (SDM Vol. 3, 25.6.11); see ept_pointer.h. */
#include "vmx/ept_pointer.h"
#include "kernel/log.h"

/* The paging-structure memory type: WB if the CPU allows it, else UC, else none (A.10). */
static bool choose_memory_type(const struct vmx_caps *caps, uint64_t *type)
{
	if (vmx_caps_ept_wb(caps)) {
		*type = EPTP_MEMORY_TYPE_WB;
		return true;
	}
	if (vmx_caps_ept_uc(caps)) {
		*type = EPTP_MEMORY_TYPE_UC;
		return true;
	}
	return false;
}

enum ept_pointer_error ept_pointer_build(const struct vmx_caps *caps, phys_addr_t pml4,
					 bool want_ad, uint64_t *eptp)
{
	uint64_t type;

	if (!vmx_caps_has_ept(caps)) {
		log_error("vmx: EPT pointer: EPT is not supported by this CPU");
		return EPT_POINTER_NO_EPT;
	}
	if (!vmx_caps_ept_4level(caps)) {
		log_error("vmx: EPT pointer: the CPU does not support a 4-level EPT page walk");
		return EPT_POINTER_NO_4LEVEL;
	}
	if (!choose_memory_type(caps, &type)) {
		log_error("vmx: EPT pointer: the CPU allows neither WB nor UC for EPT structures");
		return EPT_POINTER_NO_MEMORY_TYPE;
	}
	if (pml4 == 0 || (pml4 & ~EPTP_PML4_MASK)) {
		log_error("vmx: EPT pointer: PML4 address 0x%llx is not a 4 KiB-aligned 52-bit address",
			  (unsigned long long)pml4);
		return EPT_POINTER_BAD_PML4;
	}
	*eptp = type | EPTP_WALK_LENGTH_4 | pml4;
	if (want_ad && vmx_caps_ept_ad(caps))
		*eptp |= EPTP_ENABLE_AD;
	else if (want_ad)
		log_info("vmx: EPT pointer: the CPU has no EPT accessed/dirty flags; EPTP without them");
	return EPT_POINTER_OK;
}

phys_addr_t ept_pointer_pml4(uint64_t eptp) { return eptp & EPTP_PML4_MASK; }
unsigned ept_pointer_memory_type(uint64_t eptp) { return (unsigned)(eptp & EPTP_MEMORY_TYPE_MASK); }

unsigned ept_pointer_walk_levels(uint64_t eptp)
{
	return (unsigned)((eptp & EPTP_WALK_LENGTH_MASK) >> EPTP_WALK_LENGTH_SHIFT) + 1;
}

bool ept_pointer_ad_enabled(uint64_t eptp) { return (eptp & EPTP_ENABLE_AD) != 0; }
