/*
 * The virtual CPU: what the hypervisor keeps of the guest's processor beyond the VMCS.
 *
 * The VMCS holds RIP, RSP, RFLAGS, control registers, segments and the MSRs with VMCS fields.
 * The general registers are ours to save: vmx/vmentry.asm stores them into vcpu->regs on every
 * VM exit and loads them on every VM entry, in exactly the order of struct guest_regs.
 */
#ifndef VMX_VCPU_H
#define VMX_VCPU_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/io_bus.h"
#include "kernel/access_counters.h"
#include "mm/guest_ram.h"
#include "vmx/exit_reason.h"

struct vmx_caps;

/* Keep in step with the offsets in vmx/vmentry.asm. */
struct guest_regs {
	uint64_t rax, rcx, rdx, rbx, rbp, rsi, rdi;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t cr2; /* not in the VMCS: the host's page faults would clobber it */
};

/* The MSRs the VMCS does not hold, as the guest last wrote them (see vmx/msr_emulation.c). */
struct guest_msr_state {
	uint64_t apic_base;
	uint64_t misc_enable;
	uint64_t mtrr_def_type;
	uint64_t star, lstar, cstar, sfmask; /* KERNEL_GS_BASE is read from the hardware: SWAPGS */
	uint64_t tsc_aux;
};

/* Counts for the statistics printed when the guest ends. */
struct exit_stats {
	uint64_t by_reason[EXIT_REASON_COUNT];
	uint64_t total;
	struct access_counters msr_counts; /* per MSR; faults are accesses answered with #GP */
};

/* Why the guest stopped running, filled in by whatever ended it. */
enum vcpu_end_kind {
	VCPU_RUNNING = 0,
	VCPU_END_EXIT_STATUS, /* the guest wrote its status to the debug-exit port */
	VCPU_END_GUEST_FAULT, /* the guest did something it cannot go on from */
	VCPU_END_ENTRY_FAILED, /* VM entry failed: our bug or a bad guest state */
	/* Added by the exit handlers (vmx/exit_io.c, vmx/exit_misc.c): */
	VCPU_END_RESET,       /* the guest asked for a machine reset (0xCF9, i8042 0xFE) */
	VCPU_END_HALTED,      /* HLT with nothing that could wake the guest */
};

struct vcpu {
	struct guest_regs regs;  /* first: vmentry.asm addresses it at offset 0 */
	uint64_t host_rsp_in_vmcs; /* offset 128: what vmentry.asm last wrote to HOST_RSP */
	bool launched;           /* VMLAUNCH done: later entries use VMRESUME */
	const struct vmx_caps *caps;
	struct guest_ram *ram;
	struct io_bus *io;
	struct guest_msr_state msrs;
	struct exit_stats stats;
	enum vcpu_end_kind end;
	int exit_status;         /* VCPU_END_EXIT_STATUS: the guest's status */
	char end_reason[160];    /* one line saying why the guest ended */
	bool host_interrupt_reported; /* a stray host interrupt was logged (once is enough) */
	uint64_t timeout_ticks_left;  /* guest_timeout: preemption-timer ticks not yet handed out */
	unsigned timeout_seconds;     /* guest_timeout: the budget as given, for the report */
	bool host_nmi_reported;
};

_Static_assert(__builtin_offsetof(struct vcpu, host_rsp_in_vmcs) == 128,
	       "vmx/vmentry.asm expects vcpu->host_rsp_in_vmcs at offset 128");

#endif
