/*
 * The VM-exit dispatcher: one table indexed by basic exit reason, one small handler each
 * (the handlers live in vmx/exit_*.c), and the helpers the handlers share.
 *
 * This is the hot path. Per exit it does one VMREAD (the exit reason) before the handler, and
 * the handlers read only the fields they need: an emulated instruction costs four VMREADs (RIP,
 * instruction length, interruptibility, RFLAGS) and one VMWRITE in skip_instruction on top of
 * its own work.
 */
#include "vmx/exit_handlers.h"

#include <stdarg.h>

#include "kernel/format.h"
#include "vmx/entry_failure.h"
#include "vmx/exit_reason.h"
#include "vmx/vmcs.h"

/*
 * Every exit reason the controls vmxhv sets can produce has a handler here. A reason without
 * one ends the guest with a report naming it (exit_handle_unexpected).
 */
static exit_handler_fn *const handlers[EXIT_REASON_COUNT] = {
	[EXIT_REASON_EXCEPTION_NMI] = exit_handle_exception_or_nmi,
	[EXIT_REASON_EXTERNAL_INTERRUPT] = exit_handle_external_interrupt,
	[EXIT_REASON_PREEMPTION_TIMER] = exit_handle_preemption_timer,
	[EXIT_REASON_TRIPLE_FAULT] = exit_handle_triple_fault,
	[EXIT_REASON_INIT_SIGNAL] = exit_handle_init_sipi,
	[EXIT_REASON_SIPI] = exit_handle_init_sipi,
	[EXIT_REASON_CPUID] = exit_handle_cpuid,
	[EXIT_REASON_HLT] = exit_handle_hlt,
	[EXIT_REASON_INVD] = exit_handle_cache_invalidation,
	[EXIT_REASON_RDPMC] = exit_handle_rdpmc,
	[EXIT_REASON_VMCALL] = exit_handle_vmcall,
	[EXIT_REASON_VMCLEAR] = exit_handle_undefined_opcode,
	[EXIT_REASON_VMLAUNCH] = exit_handle_undefined_opcode,
	[EXIT_REASON_VMPTRLD] = exit_handle_undefined_opcode,
	[EXIT_REASON_VMPTRST] = exit_handle_undefined_opcode,
	[EXIT_REASON_VMREAD] = exit_handle_undefined_opcode,
	[EXIT_REASON_VMRESUME] = exit_handle_undefined_opcode,
	[EXIT_REASON_VMWRITE] = exit_handle_undefined_opcode,
	[EXIT_REASON_VMXOFF] = exit_handle_undefined_opcode,
	[EXIT_REASON_VMXON] = exit_handle_undefined_opcode,
	[EXIT_REASON_CR_ACCESS] = exit_handle_cr_access,
	[EXIT_REASON_IO_INSTRUCTION] = exit_handle_io,
	[EXIT_REASON_RDMSR] = exit_handle_rdmsr,
	[EXIT_REASON_WRMSR] = exit_handle_wrmsr,
	[EXIT_REASON_MWAIT] = exit_handle_undefined_opcode,
	[EXIT_REASON_MONITOR] = exit_handle_undefined_opcode,
	[EXIT_REASON_EPT_VIOLATION] = exit_handle_ept_violation,
	[EXIT_REASON_EPT_MISCONFIGURATION] = exit_handle_ept_misconfiguration,
	[EXIT_REASON_INVEPT] = exit_handle_undefined_opcode,
	[EXIT_REASON_INVVPID] = exit_handle_undefined_opcode,
	[EXIT_REASON_WBINVD] = exit_handle_cache_invalidation,
	[EXIT_REASON_XSETBV] = exit_handle_xsetbv,
	[EXIT_REASON_VMFUNC] = exit_handle_undefined_opcode,
};

enum exit_action exit_dispatch(struct vcpu *vcpu)
{
	uint32_t exit_reason = vmcs_read32(VMCS_EXIT_REASON);
	uint32_t basic = EXIT_REASON_BASIC(exit_reason);

	if (exit_reason & EXIT_REASON_VM_ENTRY_FAILURE) {
		entry_failure_report(vcpu, VMX_ENTRY_OK);
		return EXIT_END;
	}
	vcpu->stats.total++;
	if (basic >= EXIT_REASON_COUNT)
		return exit_handle_unexpected(vcpu, exit_reason);
	vcpu->stats.by_reason[basic]++;
	if (handlers[basic] == NULL)
		return exit_handle_unexpected(vcpu, exit_reason);
	return handlers[basic](vcpu, exit_reason);
}

enum exit_action exit_end_guest(struct vcpu *vcpu, enum vcpu_end_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(vcpu->end_reason, sizeof(vcpu->end_reason), fmt, ap);
	va_end(ap);
	vcpu->end = kind;
	return EXIT_END;
}

#define GPR_RSP 4

/* struct guest_regs in qualification order; RSP (4) is not there. */
static uint64_t *gpr_slot(struct guest_regs *regs, unsigned index)
{
	switch (index & 0xF) {
	case 0: return &regs->rax;
	case 1: return &regs->rcx;
	case 2: return &regs->rdx;
	case 3: return &regs->rbx;
	case 5: return &regs->rbp;
	case 6: return &regs->rsi;
	case 7: return &regs->rdi;
	case 8: return &regs->r8;
	case 9: return &regs->r9;
	case 10: return &regs->r10;
	case 11: return &regs->r11;
	case 12: return &regs->r12;
	case 13: return &regs->r13;
	case 14: return &regs->r14;
	case 15: return &regs->r15;
	default: return NULL; /* RSP */
	}
}

uint64_t guest_gpr_read(const struct vcpu *vcpu, unsigned index)
{
	if ((index & 0xF) == GPR_RSP)
		return vmcs_read_natural(VMCS_GUEST_RSP);
	return *gpr_slot((struct guest_regs *)&vcpu->regs, index);
}

void guest_gpr_write(struct vcpu *vcpu, unsigned index, uint64_t value)
{
	if ((index & 0xF) == GPR_RSP)
		vmcs_write_natural(VMCS_GUEST_RSP, value);
	else
		*gpr_slot(&vcpu->regs, index) = value;
}

uint64_t guest_cr0_visible(void)
{
	uint64_t mask = vmcs_read_natural(VMCS_CR0_GUEST_HOST_MASK);
	return (vmcs_read_natural(VMCS_GUEST_CR0) & ~mask) |
	       (vmcs_read_natural(VMCS_CR0_READ_SHADOW) & mask);
}

uint64_t guest_cr4_visible(void)
{
	uint64_t mask = vmcs_read_natural(VMCS_CR4_GUEST_HOST_MASK);
	return (vmcs_read_natural(VMCS_GUEST_CR4) & ~mask) |
	       (vmcs_read_natural(VMCS_CR4_READ_SHADOW) & mask);
}
