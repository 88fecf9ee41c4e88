/* CR0/CR4 against IA32_VMX_CRn_FIXED0/FIXED1 (SDM Vol. 3, A.7-A.8); see cr_fixed.h. */
#include "vmx/cr_fixed.h"
#include "kernel/log.h"

bool cr_fixed_ok(uint64_t value, uint64_t fixed0, uint64_t fixed1)
{
	return (value & fixed0) == fixed0 && (value & ~fixed1) == 0;
}

uint64_t cr_fixed_apply(uint64_t value, uint64_t fixed0, uint64_t fixed1)
{
	return (value | fixed0) & fixed1;
}

bool cr_fixed_check_and_log(const char *name, uint64_t value, uint64_t fixed0, uint64_t fixed1)
{
	uint64_t must_be_1 = fixed0 & ~value; /* required bits that are 0 */
	uint64_t must_be_0 = value & ~fixed1; /* forbidden bits that are 1 */
	unsigned long long v = value, f0 = fixed0, f1 = fixed1;

	if (!must_be_1 && !must_be_0) {
		log_info("vmx: %s 0x%016llx (FIXED0 0x%llx, FIXED1 0x%llx): ok", name, v, f0, f1);
		return true;
	}
	log_error("vmx: %s 0x%016llx (FIXED0 0x%llx, FIXED1 0x%llx): bits 0x%llx must be 1, "
		  "bits 0x%llx must be 0", name, v, f0, f1, (unsigned long long)must_be_1,
		  (unsigned long long)must_be_0);
	return false;
}
