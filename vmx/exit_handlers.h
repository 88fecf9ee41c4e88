/*
 * What the exit handlers (vmx/exit_*.c) share: the handler type, one declaration per handler,
 * and the small helpers every handler needs. Only vmx/exit_dispatch.c and the handlers include
 * this; the run loop sees vmx/exit_dispatch.h.
 */
#ifndef VMX_EXIT_HANDLERS_H
#define VMX_EXIT_HANDLERS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/msr_index.h"
#include "vmx/exit_dispatch.h"
#include "vmx/vcpu.h"
#include "vmx/vmcs.h"

/* A handler gets the raw exit-reason field (basic reason in bits 15:0). */
typedef enum exit_action exit_handler_fn(struct vcpu *vcpu, uint32_t exit_reason);

exit_handler_fn exit_handle_io;               /* exit_io.c: IN, OUT, INS, OUTS */
exit_handler_fn exit_handle_rdmsr;            /* exit_msr.c */
exit_handler_fn exit_handle_wrmsr;            /* exit_msr.c */
exit_handler_fn exit_handle_cpuid;            /* exit_cpuid.c */
exit_handler_fn exit_handle_cr_access;        /* exit_cr.c: MOV CR, CLTS, LMSW */
exit_handler_fn exit_handle_hlt;              /* exit_misc.c from here on */
exit_handler_fn exit_handle_vmcall;
exit_handler_fn exit_handle_rdpmc;            /* no PMU: #GP */
exit_handler_fn exit_handle_undefined_opcode; /* VMXON & co, MONITOR/MWAIT: #UD */
exit_handler_fn exit_handle_triple_fault;
exit_handler_fn exit_handle_init_sipi;
exit_handler_fn exit_handle_ept_violation;
exit_handler_fn exit_handle_ept_misconfiguration;
exit_handler_fn exit_handle_xsetbv;
exit_handler_fn exit_handle_cache_invalidation; /* INVD, WBINVD: nothing to do */
exit_handler_fn exit_handle_external_interrupt; /* exit_host_event.c: host interrupt */
exit_handler_fn exit_handle_exception_or_nmi;   /* exit_host_event.c: host NMI */
exit_handler_fn exit_handle_preemption_timer;   /* guest_timeout.c: budget spent or next slice */
exit_handler_fn exit_handle_unexpected;       /* anything we did not ask for */

/* Stop the guest: set vcpu->end = kind and vcpu->end_reason from fmt. Returns EXIT_END. */
enum exit_action exit_end_guest(struct vcpu *vcpu, enum vcpu_end_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * General registers by the number the exit qualifications use (0 RAX, 1 RCX, 2 RDX, 3 RBX,
 * 4 RSP, 5 RBP, 6 RSI, 7 RDI, 8-15 R8-R15). RSP lives in the VMCS, the others in vcpu->regs.
 */
uint64_t guest_gpr_read(const struct vcpu *vcpu, unsigned index);
void guest_gpr_write(struct vcpu *vcpu, unsigned index, uint64_t value);

/*
 * CR0 and CR4 as the guest believes them to be: guest-owned bits from GUEST_CRn, host-owned
 * bits (set in the guest/host mask) from the read shadow (SDM Vol. 3, 26.3 "Changes to
 * instruction behavior": MOV from CR0/CR4).
 */
uint64_t guest_cr0_visible(void);
uint64_t guest_cr4_visible(void);

/* Segment access-rights bits used by handlers (SDM Vol. 3, Table "Format of Access Rights"). */
#define SEGMENT_AR_DPL_SHIFT 5
#define SEGMENT_AR_DPL_MASK  0x3u
#define SEGMENT_AR_L         (1u << 13) /* 64-bit code segment */
#define SEGMENT_AR_DB        (1u << 14) /* default operation size 32 bits */
#define SEGMENT_AR_TYPE_MASK 0xFu

/* RFLAGS bits (SDM Vol. 1, 3.4.3). */
#define RFLAGS_TF (1ull << 8)
#define RFLAGS_IF (1ull << 9)
#define RFLAGS_DF (1ull << 10)
#define RFLAGS_VM (1ull << 17)

/* Interruptibility state (SDM Vol. 3, Table "Format of Interruptibility State"). */
#define INTERRUPTIBILITY_BLOCKING_BY_STI    (1u << 0)
#define INTERRUPTIBILITY_BLOCKING_BY_MOV_SS (1u << 1)

/* Pending debug exceptions: BS, a single-step trap is pending (SDM Vol. 3, 25.4.2). */
#define PENDING_DEBUG_BS (1ull << 14)

/*
 * The instruction that exited has been emulated: advance GUEST_RIP past it and clear blocking
 * by STI and by MOV SS, which covered only that instruction (SDM Vol. 3, 26.3.1.5 and the
 * interruptibility state, Table "Format of Interruptibility State"). Under RFLAGS.TF the CPU
 * would now take its single-step #DB; the exit came first, so make it pending (BS) for VM
 * entry to deliver after the instruction, as KVM does. BTF (single-step on branches only) is
 * not the guest's to set: it cannot write IA32_DEBUGCTL. Inline: every emulated instruction
 * ends here, and it is five VMX instructions.
 */
__attribute__((always_inline)) static inline void skip_instruction(struct vcpu *vcpu)
{
	(void)vcpu;
	uint64_t rip = vmcs_read_natural(VMCS_GUEST_RIP);
	uint32_t length = vmcs_read32(VMCS_VM_EXIT_INSTRUCTION_LENGTH);
	vmcs_write_natural(VMCS_GUEST_RIP, rip + length);

	uint32_t interruptibility = vmcs_read32(VMCS_GUEST_INTERRUPTIBILITY_STATE);
	uint32_t blocking = INTERRUPTIBILITY_BLOCKING_BY_STI | INTERRUPTIBILITY_BLOCKING_BY_MOV_SS;
	if (interruptibility & blocking)
		vmcs_write32(VMCS_GUEST_INTERRUPTIBILITY_STATE, interruptibility & ~blocking);

	if (__builtin_expect(vmcs_read_natural(VMCS_GUEST_RFLAGS) & RFLAGS_TF, 0))
		vmcs_write_natural(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS,
				   vmcs_read_natural(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS) |
					   PENDING_DEBUG_BS);
}

/* The guest's current privilege level: SS.DPL (SDM Vol. 3, 25.4.1). */
static inline unsigned guest_cpl(void)
{
	uint32_t ss = vmcs_read32(VMCS_GUEST_SS_ACCESS_RIGHTS);
	return (ss >> SEGMENT_AR_DPL_SHIFT) & SEGMENT_AR_DPL_MASK;
}

/*
 * Whether the guest runs in 64-bit mode: IA-32e mode (EFER.LMA) with a 64-bit code segment
 * (CS.L). Outside IA-32e mode CS.L is ignored (SDM Vol. 3, 3.4.5); with CS.L = 0 in IA-32e
 * mode the guest is in compatibility mode, which behaves as 32-bit protected mode.
 */
static inline bool guest_in_64bit_mode(void)
{
	return (vmcs_read32(VMCS_GUEST_CS_ACCESS_RIGHTS) & SEGMENT_AR_L) &&
	       (vmcs_read64(VMCS_GUEST_IA32_EFER) & EFER_LMA);
}

#endif
