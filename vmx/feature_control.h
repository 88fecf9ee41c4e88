/*
 * IA32_FEATURE_CONTROL (MSR 0x3A; SDM Vol. 3, 24.7 "Enabling and Entering VMX Operation"): the
 * firmware's switch for VMXON. Once the lock bit is set the MSR cannot change until reset, so
 * an unlocked MSR is ours to enable and lock; a locked one with VMX off means the user must
 * enable VT-x in the firmware setup. Pure: vmx/vmx_on.c does the RDMSR/WRMSR.
 */
#ifndef VMX_FEATURE_CONTROL_H
#define VMX_FEATURE_CONTROL_H

#include <stdbool.h>
#include <stdint.h>

#define FEATURE_CONTROL_LOCKED            (1ull << 0)
#define FEATURE_CONTROL_VMXON_INSIDE_SMX  (1ull << 1)
#define FEATURE_CONTROL_VMXON_OUTSIDE_SMX (1ull << 2)

enum feature_control_plan {
	FEATURE_CONTROL_READY,      /* locked with VMXON outside SMX enabled: nothing to do */
	FEATURE_CONTROL_WRITE,      /* unlocked: write the new value (enable VMXON, lock) */
	FEATURE_CONTROL_LOCKED_OFF, /* locked with VMXON outside SMX disabled: cannot use VMX */
};

/*
 * What to do with the MSR's current value. For FEATURE_CONTROL_WRITE, *new_value is current
 * with VMXON outside SMX (and inside SMX, when the CPU has SMX) enabled and the lock set; every
 * other bit is preserved. vmxhv runs outside SMX, so only the outside-SMX bit makes it READY.
 */
enum feature_control_plan feature_control_plan(uint64_t current, bool cpu_has_smx,
					       uint64_t *new_value);

/* One log line describing the plan (the LOCKED_OFF line tells the user to enable VT-x). */
void feature_control_log(enum feature_control_plan plan, uint64_t current, uint64_t new_value);

/* Whether a value read back after the write shows VMXON outside SMX enabled and locked. */
bool feature_control_ready(uint64_t value);

#endif
