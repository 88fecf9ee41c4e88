/*
 * RDMSR and WRMSR exits: the register plumbing around msr_read/msr_write (msr_emulation.c).
 * ECX holds the MSR number, EDX:EAX the value (RDMSR zero-extends both halves into RDX and
 * RAX). A refused access raises #GP(0) in the guest and leaves RIP on the instruction, as the
 * CPU would. Every access is counted per MSR in vcpu->stats.msr, kept in ascending MSR order.
 */
#include "vmx/exit_handlers.h"

#include <stddef.h>
#include <string.h>

#include "vmx/event_injection.h"
#include "vmx/msr_emulation.h"

/* The statistics entry for msr, added in order if new; NULL when the table is full. */
static struct msr_stat *msr_stat_for(struct exit_stats *stats, uint32_t msr)
{
	unsigned lo = 0, hi = stats->msr_used;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (stats->msr[mid].msr < msr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < stats->msr_used && stats->msr[lo].msr == msr)
		return &stats->msr[lo];
	if (stats->msr_used == MSR_STATS_MAX)
		return NULL;
	memmove(&stats->msr[lo + 1], &stats->msr[lo],
		(stats->msr_used - lo) * sizeof(stats->msr[0]));
	stats->msr[lo] = (struct msr_stat){ .msr = msr };
	stats->msr_used++;
	return &stats->msr[lo];
}

/* Count one access (and whether it faulted). */
static void count_access(struct vcpu *vcpu, uint32_t msr, bool write, bool faulted)
{
	struct msr_stat *stat = msr_stat_for(&vcpu->stats, msr);

	if (stat == NULL) {
		vcpu->stats.msr_other++;
		return;
	}
	if (write)
		stat->writes++;
	else
		stat->reads++;
	if (faulted)
		stat->faults++;
}

enum exit_action exit_handle_rdmsr(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint32_t msr = (uint32_t)vcpu->regs.rcx;
	uint64_t value;
	bool refused = msr_read(vcpu, msr, &value) != 0;

	count_access(vcpu, msr, false, refused);
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

	count_access(vcpu, msr, true, refused);
	if (refused) {
		inject_gp0(vcpu);
		return EXIT_RESUME;
	}
	skip_instruction(vcpu);
	return EXIT_RESUME;
}
