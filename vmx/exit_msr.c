/*
 * RDMSR and WRMSR exits: the register plumbing around msr_read/msr_write (msr_emulation.c).
 * ECX holds the MSR number, EDX:EAX the value (RDMSR zero-extends both halves into RDX and
 * RAX). A refused access raises #GP(0) in the guest and leaves RIP on the instruction, as the
 * CPU would. Every access is counted per MSR in vcpu->stats.msr_counts.
 */
#include "vmx/exit_handlers.h"

#include "vmx/event_injection.h"
#include "vmx/msr_emulation.h"

enum exit_action exit_handle_rdmsr(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint32_t msr = (uint32_t)vcpu->regs.rcx;
	uint64_t value;
	bool refused = msr_read(vcpu, msr, &value) != 0;

	access_counters_add(&vcpu->stats.msr_counts, msr, false, refused);
	if (refused) {
		inject_gp0(vcpu);
		return EXIT_RESUME;
	}
	vcpu->regs.rax = (uint32_t)value;
	vcpu->regs.rdx = value >> 32;
	skip_instruction(vcpu);
	return EXIT_RESUME;
}

enum exit_action exit_handle_wrmsr(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint32_t msr = (uint32_t)vcpu->regs.rcx;
	uint64_t value = (vcpu->regs.rdx << 32) | (uint32_t)vcpu->regs.rax;
	bool refused = msr_write(vcpu, msr, value) != 0;

	access_counters_add(&vcpu->stats.msr_counts, msr, true, refused);
	if (refused) {
		inject_gp0(vcpu);
		return EXIT_RESUME;
	}
	skip_instruction(vcpu);
	return EXIT_RESUME;
}
