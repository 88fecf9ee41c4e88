/* Filling the current VMCS for a new guest: controls, host state, initial guest state. */
#ifndef VMX_VMCS_SETUP_H
#define VMX_VMCS_SETUP_H

#include "loader/guest_boot.h"
#include "mm/frames.h"
#include "vmx/caps.h"
#include "vmx/vcpu.h"

/* The VM's structures the VMCS points at. */
struct vmcs_config {
	uint64_t eptp;
	phys_addr_t io_bitmap_a, io_bitmap_b;
	phys_addr_t msr_bitmap;
	uint16_t vpid; /* used when the CPU has VPID */
	bool preemption_timer; /* guest_timeout: run the VMX-preemption timer */
};

/*
 * Write every control, host-state and guest-state field for a guest entering as boot says,
 * and put boot's registers into vcpu->regs. Returns 0, or -1 after logging what the CPU lacks
 * or which VMWRITE failed.
 */
int vmcs_setup(struct vcpu *vcpu, const struct vmcs_config *config,
	       const struct guest_boot_state *boot);

/* The guest/host masks: CR bits the guest may not own (fixed by VMX or needed by us). */
uint64_t vmcs_cr0_guest_host_mask(const struct vmx_caps *caps);
uint64_t vmcs_cr4_guest_host_mask(const struct vmx_caps *caps);

#endif
