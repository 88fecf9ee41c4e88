/* The guest's time budget on the VMX-preemption timer (vmx/guest_timeout.h). */
#include "vmx/guest_timeout.h"
#include "vmx/exit_handlers.h"
#include "vmx/vmcs.h"

#define TIMER_SLICE_MAX 0xFFFFFFFFull /* the VMCS field is 32 bits */

uint64_t guest_timeout_ticks(uint64_t tsc_hz, unsigned rate, unsigned seconds)
{
	return (tsc_hz >> rate) * seconds;
}

/* Put the next slice of the budget in the timer; the rest waits in the vCPU. */
static void load_next_slice(struct vcpu *vcpu)
{
	uint64_t slice = vcpu->timeout_ticks_left < TIMER_SLICE_MAX ? vcpu->timeout_ticks_left
								     : TIMER_SLICE_MAX;

	vcpu->timeout_ticks_left -= slice;
	vmcs_write32(VMCS_VMX_PREEMPTION_TIMER_VALUE, (uint32_t)slice);
}

void guest_timeout_start(struct vcpu *vcpu, uint64_t ticks, unsigned seconds)
{
	vcpu->timeout_seconds = seconds;
	vcpu->timeout_ticks_left = ticks;
	load_next_slice(vcpu);
}

/* The timer reached 0: take the next slice, or end the guest when the budget is spent. */
enum exit_action exit_handle_preemption_timer(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	if (vcpu->timeout_ticks_left > 0) {
		load_next_slice(vcpu);
		return EXIT_RESUME;
	}
	return exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			      "the guest used up its time: guest_timeout=%u seconds of guest time",
			      vcpu->timeout_seconds);
}
