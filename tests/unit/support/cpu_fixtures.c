/* Synthetic CPUs for host unit tests; see cpu_fixtures.h. */
#include "tests/unit/support/cpu_fixtures.h"
#include "vmx/vmx_controls.h"

struct vmx_msr_values cpu_haswell_msrs(void)
{
	struct vmx_msr_values v = {
		.basic = 0x00d810000000002bull,
		.pinbased_ctls = 0x0000007f00000016ull,
		.procbased_ctls = 0xfff9fffe0401e172ull,
		.exit_ctls = 0x007fffff00036dffull,
		.entry_ctls = 0x0000ffff000011ffull,
		.true_pinbased_ctls = 0x0000007f00000016ull,
		.true_procbased_ctls = 0xfff9fffe04006172ull,
		.true_exit_ctls = 0x007fffff00036dfbull,
		.true_entry_ctls = 0x0000ffff000011fbull,
		.procbased_ctls2 = 0x00047fff00000000ull,
		.misc = 0x00000000000401e5ull,
		.cr0_fixed0 = 0x80000021ull,
		.cr0_fixed1 = 0xffffffffull,
		.cr4_fixed0 = 0x2000ull,
		.cr4_fixed1 = 0x1727ffull,
		.vmcs_enum = 0x2eull,
		.ept_vpid_cap = HASWELL_EPT_VPID_CAP,
		.has_true_ctls = true,
		.has_procbased_ctls2 = true,
		.has_ept_vpid_cap = true,
	};
	return v;
}

struct vmx_caps cpu_caps_decode(struct vmx_msr_values v)
{
	struct vmx_caps caps;
	vmx_caps_decode(&caps, &v);
	return caps;
}

struct vmx_caps cpu_caps_with_ept(uint64_t ept_vpid_cap)
{
	struct vmx_msr_values v = {
		.basic = 0x00d810000000002bull,
		.procbased_ctls = (uint64_t)PROCBASED_ACTIVATE_SECONDARY_CONTROLS << 32,
		.procbased_ctls2 = 0x00047fff00000000ull,
		.ept_vpid_cap = ept_vpid_cap,
		.has_procbased_ctls2 = true,
		.has_ept_vpid_cap = true,
	};
	return cpu_caps_decode(v);
}
