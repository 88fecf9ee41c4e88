/*
 * Host events that arrive while the guest runs. With the pin-based controls "external-interrupt
 * exiting" and "NMI exiting" set, an interrupt or NMI of the real machine makes a VM exit
 * instead of going through the guest's IDT (SDM Vol. 3, 26.2), so the guest never sees the
 * host's hardware. vmxhv masks every host interrupt line (drivers/i8259.c), so such an event is
 * a stray: "acknowledge interrupt on exit" has already taken it from the controller and put
 * its vector in the exit interruption information (SDM 28.2.2); it gets its end of interrupt,
 * is reported once, and the guest goes on.
 */
#include "vmx/exit_handlers.h"

#include "kernel/log.h"
#include "vmx/event_injection.h"
#include "vmx/host_cpu.h"
#include "vmx/vmcs.h"

enum exit_action exit_handle_external_interrupt(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint32_t info = vmcs_read32(VMCS_VM_EXIT_INTERRUPTION_INFORMATION);
	uint8_t vector = info & INTR_INFO_VECTOR_MASK;

	if (!(info & INTR_INFO_VALID))
		return EXIT_RESUME; /* not acknowledged: still pending at its controller */
	host_interrupt_done(vector);
	if (!vcpu->host_interrupt_reported) {
		log_warn("host interrupt (vector 0x%x) arrived while the guest ran: ended at its "
			 "controller, not given to the guest", vector);
		vcpu->host_interrupt_reported = true;
	}
	return EXIT_RESUME;
}

/*
 * Exit reason 0 is an exception or an NMI. The exception bitmap is 0, so the guest's own
 * exceptions never exit: only a host NMI lands here, and anything else is unexpected.
 */
enum exit_action exit_handle_exception_or_nmi(struct vcpu *vcpu, uint32_t exit_reason)
{
	uint32_t info = vmcs_read32(VMCS_VM_EXIT_INTERRUPTION_INFORMATION);
	unsigned type = (info >> INTR_INFO_TYPE_SHIFT) & INTR_INFO_TYPE_MASK;

	if (!(info & INTR_INFO_VALID) || type != EVENT_NMI)
		return exit_handle_unexpected(vcpu, exit_reason);
	if (!vcpu->host_nmi_reported) {
		log_warn("host NMI arrived while the guest ran: not given to the guest");
		vcpu->host_nmi_reported = true;
	}
	return EXIT_RESUME;
}
