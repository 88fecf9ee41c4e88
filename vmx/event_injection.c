/* Event injection through the VM-entry interruption-information field; see event_injection.h. */
#include "vmx/event_injection.h"

#include "vmx/control_regs.h"
#include "vmx/vmcs.h"

uint32_t event_interruption_info(const struct guest_event *event)
{
	uint32_t info = INTR_INFO_VALID | event->vector |
			(((uint32_t)event->type & INTR_INFO_TYPE_MASK) << INTR_INFO_TYPE_SHIFT);
	if (event->has_error_code)
		info |= INTR_INFO_DELIVER_ERROR_CODE;
	return info;
}

void inject_event(struct vcpu *vcpu, const struct guest_event *event)
{
	struct guest_event e = *event;
	(void)vcpu;

	/* PE is never forced under unrestricted guest, so GUEST_CR0.PE is the guest's own. */
	if (e.has_error_code && !(vmcs_read_natural(VMCS_GUEST_CR0) & CR0_PE))
		e.has_error_code = false;
	if (e.has_error_code)
		vmcs_write32(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE, e.error_code);
	if (e.type == EVENT_SOFTWARE_INTERRUPT || e.type == EVENT_PRIVILEGED_SOFTWARE_EXCEPTION ||
	    e.type == EVENT_SOFTWARE_EXCEPTION)
		vmcs_write32(VMCS_VM_ENTRY_INSTRUCTION_LENGTH, e.instruction_length);
	vmcs_write32(VMCS_VM_ENTRY_INTERRUPTION_INFORMATION, event_interruption_info(&e));
}

void inject_exception(struct vcpu *vcpu, uint8_t vector, bool has_error_code, uint32_t error_code)
{
	struct guest_event e = {
		.type = EVENT_HARDWARE_EXCEPTION,
		.vector = vector,
		.has_error_code = has_error_code,
		.error_code = error_code,
	};
	inject_event(vcpu, &e);
}
