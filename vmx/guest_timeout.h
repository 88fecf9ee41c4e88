/*
 * The guest's time budget (guest_timeout=): the VMX-preemption timer counts down while the
 * guest runs, at the TSC's rate divided by 2^IA32_VMX_MISC[4:0], and "save VMX-preemption
 * timer value" keeps its count across exits, so it measures guest time only (SDM Vol. 3,
 * 26.5.1). Its VMCS field holds 32 bits: a longer budget is handed out in slices, each expiry
 * taking the next, and the guest ends when none is left.
 */
#ifndef VMX_GUEST_TIMEOUT_H
#define VMX_GUEST_TIMEOUT_H

#include <stdint.h>

#include "vmx/vcpu.h"

/* Timer ticks in seconds of guest time, for a TSC of tsc_hz and a timer rate of 2^rate. */
uint64_t guest_timeout_ticks(uint64_t tsc_hz, unsigned rate, unsigned seconds);

/* Give the guest ticks of time (seconds for the report): the first slice goes in the VMCS. */
void guest_timeout_start(struct vcpu *vcpu, uint64_t ticks, unsigned seconds);

#endif
