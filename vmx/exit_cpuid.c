/*
 * CPUID exits (unconditional in VMX non-root operation): answer from cpuid_view with the
 * leaf in EAX and the subleaf in ECX, write EAX, EBX, ECX, EDX (zero-extended into the 64-bit
 * registers, as CPUID does) and skip the instruction.
 *
 * Only leaves 1, 7 and 0x80000001 depend on guest state, and only they read the VMCS beyond
 * skip_instruction: this exit is on the benchmark's hot path.
 */
#include "vmx/exit_handlers.h"

#include "vmx/control_regs.h"
#include "vmx/cpuid_view.h"
#include "vmx/vmcs.h"
#include "vmx/vmx_controls.h"

/* The guest's view of the CR4 bits in bits, reading the shadow only for host-owned ones. */
static uint64_t guest_cr4_bits(uint64_t bits)
{
	uint64_t host_owned = vmcs_read_natural(VMCS_CR4_GUEST_HOST_MASK) & bits;
	uint64_t value = 0;

	if (host_owned != bits)
		value |= vmcs_read_natural(VMCS_GUEST_CR4) & bits & ~host_owned;
	if (host_owned)
		value |= vmcs_read_natural(VMCS_CR4_READ_SHADOW) & host_owned;
	return value;
}

/* The secondary controls in effect: 0 unless "activate secondary controls" is 1. */
static uint32_t secondary_controls(void)
{
	if (!(vmcs_read32(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS) &
	      PROCBASED_ACTIVATE_SECONDARY_CONTROLS))
		return 0;
	return vmcs_read32(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS);
}

/*
 * What the answer for leaf (1, 7 or 0x80000001) needs of the guest's state. Out of line: the
 * other leaves need none, and this would weigh on their frame.
 */
__attribute__((noinline)) static struct cpuid_guest_state guest_state_for(uint32_t leaf)
{
	struct cpuid_guest_state guest = { 0, 0 };

	if (leaf != 0x80000001u)
		guest.cr4 = guest_cr4_bits(CR4_OSXSAVE | CR4_PKE);
	if (leaf != 1)
		guest.secondary_controls = secondary_controls();
	return guest;
}

enum exit_action exit_handle_cpuid(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint32_t leaf = (uint32_t)vcpu->regs.rax;
	uint32_t subleaf = (uint32_t)vcpu->regs.rcx;
	struct cpuid_guest_state guest;
	struct cpuid_regs r;

	if (cpuid_leaf_uses_guest_state(leaf)) {
		guest = guest_state_for(leaf);
		r = cpuid_view_for_guest(leaf, subleaf, &guest);
	} else {
		r = cpuid_view_for_guest(leaf, subleaf, NULL);
	}
	vcpu->regs.rax = r.eax;
	vcpu->regs.rbx = r.ebx;
	vcpu->regs.rcx = r.ecx;
	vcpu->regs.rdx = r.edx;
	skip_instruction(vcpu);
	return EXIT_RESUME;
}
