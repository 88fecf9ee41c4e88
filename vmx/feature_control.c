/* Deciding what to do with IA32_FEATURE_CONTROL (SDM Vol. 3, 24.7); see feature_control.h. */
#include "vmx/feature_control.h"
#include "kernel/log.h"

bool feature_control_ready(uint64_t value)
{
	uint64_t needed = FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMXON_OUTSIDE_SMX;
	return (value & needed) == needed;
}

enum feature_control_plan feature_control_plan(uint64_t current, bool cpu_has_smx,
					       uint64_t *new_value)
{
	*new_value = current;
	if (current & FEATURE_CONTROL_LOCKED)
		return feature_control_ready(current) ? FEATURE_CONTROL_READY : FEATURE_CONTROL_LOCKED_OFF;

	*new_value |= FEATURE_CONTROL_VMXON_OUTSIDE_SMX | FEATURE_CONTROL_LOCKED;
	/* The inside-SMX bit may be set only on a CPU with SMX (SDM 24.7: else WRMSR #GPs). */
	if (cpu_has_smx)
		*new_value |= FEATURE_CONTROL_VMXON_INSIDE_SMX;
	return FEATURE_CONTROL_WRITE;
}

void feature_control_log(enum feature_control_plan plan, uint64_t current, uint64_t new_value)
{
	switch (plan) {
	case FEATURE_CONTROL_READY:
		log_info("vmx: IA32_FEATURE_CONTROL 0x%llx: locked, VMXON outside SMX enabled",
			 (unsigned long long)current);
		break;
	case FEATURE_CONTROL_WRITE:
		log_info("vmx: IA32_FEATURE_CONTROL 0x%llx: unlocked, writing 0x%llx (VMXON enabled, locked)",
			 (unsigned long long)current, (unsigned long long)new_value);
		break;
	case FEATURE_CONTROL_LOCKED_OFF:
		log_error("vmx: IA32_FEATURE_CONTROL 0x%llx: locked with VMXON outside SMX disabled: "
			  "VMX is turned off by the firmware; enable VT-x (\"Intel Virtualization "
			  "Technology\") in the firmware setup and reboot",
			  (unsigned long long)current);
		break;
	}
}
