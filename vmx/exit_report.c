/* The end-of-guest report and the exit statistics; formats in exit_report.h. */
#include "vmx/exit_report.h"

#include "kernel/format.h"
#include "kernel/log.h"
#include "vmx/event_injection.h"
#include "vmx/exit_handlers.h"
#include "vmx/exit_reason.h"
#include "vmx/msr_emulation.h"
#include "vmx/vmcs.h"

static const char *plural(uint64_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The guest's CPU state at the end, from the VMCS and vcpu->regs. */
static void report_cpu_state(const struct vcpu *vcpu)
{
	const struct guest_regs *r = &vcpu->regs;
	uint32_t exit_reason = vmcs_read32(VMCS_EXIT_REASON);
	uint32_t exit_info = vmcs_read32(VMCS_VM_EXIT_INTERRUPTION_INFORMATION);
	uint32_t idt_info = vmcs_read32(VMCS_IDT_VECTORING_INFORMATION);

	log_info("  exit reason %u (%s), qualification 0x%lx", EXIT_REASON_BASIC(exit_reason),
		 exit_reason_name(exit_reason), vmcs_read_natural(VMCS_EXIT_QUALIFICATION));
	if (exit_info & INTR_INFO_VALID)
		log_info("  exit interruption info 0x%08x, error code 0x%x", exit_info,
			 vmcs_read32(VMCS_VM_EXIT_INTERRUPTION_ERROR_CODE));
	if (idt_info & INTR_INFO_VALID)
		log_info("  IDT-vectoring info 0x%08x, error code 0x%x", idt_info,
			 vmcs_read32(VMCS_IDT_VECTORING_ERROR_CODE));
	log_info("  CS:RIP %04x:%016lx SS:RSP %04x:%016lx RFLAGS %08lx",
		 vmcs_read16(VMCS_GUEST_CS_SELECTOR), vmcs_read_natural(VMCS_GUEST_RIP),
		 vmcs_read16(VMCS_GUEST_SS_SELECTOR), vmcs_read_natural(VMCS_GUEST_RSP),
		 vmcs_read_natural(VMCS_GUEST_RFLAGS));
	log_info("  CR0 %016lx CR2 %016lx CR3 %016lx", guest_cr0_visible(), r->cr2,
		 vmcs_read_natural(VMCS_GUEST_CR3));
	log_info("  CR4 %016lx EFER %016lx", guest_cr4_visible(), vmcs_read64(VMCS_GUEST_IA32_EFER));
	log_info("  RAX %016lx RBX %016lx RCX %016lx", r->rax, r->rbx, r->rcx);
	log_info("  RDX %016lx RSI %016lx RDI %016lx", r->rdx, r->rsi, r->rdi);
	log_info("  RBP %016lx R8  %016lx R9  %016lx", r->rbp, r->r8, r->r9);
	log_info("  R10 %016lx R11 %016lx R12 %016lx", r->r10, r->r11, r->r12);
	log_info("  R13 %016lx R14 %016lx R15 %016lx", r->r13, r->r14, r->r15);
}

void exit_report_guest_end(const struct vcpu *vcpu)
{
	const char *reason = vcpu->end_reason[0] ? vcpu->end_reason : "no reason recorded";

	switch (vcpu->end) {
	case VCPU_END_EXIT_STATUS:
		log_always(LOG_INFO, "guest exited with status %d", vcpu->exit_status);
		return;
	case VCPU_END_RESET:
		log_always(LOG_INFO, "guest ended: %s", reason);
		return;
	case VCPU_END_HALTED:
		log_always(LOG_INFO, "guest ended: %s", reason);
		report_cpu_state(vcpu);
		return;
	case VCPU_END_GUEST_FAULT:
		log_always(LOG_ERROR, "guest ended: %s", reason);
		report_cpu_state(vcpu);
		return;
	case VCPU_END_ENTRY_FAILED:
		log_always(LOG_ERROR, "guest ended: %s", reason);
		return;
	case VCPU_RUNNING:
	default:
		log_always(LOG_WARN, "guest ended without saying why: %s", reason);
		return;
	}
}

void exit_report_statistics(const struct vcpu *vcpu)
{
	const struct exit_stats *stats = &vcpu->stats;

	log_info("exits: %lu in all", stats->total);
	for (uint32_t reason = 0; reason < EXIT_REASON_COUNT; reason++)
		if (stats->by_reason[reason])
			log_info("  %s (%u): %lu", exit_reason_name(reason), reason,
				 stats->by_reason[reason]);

	if (vcpu->io) {
		const struct access_counters *ports = &vcpu->io->port_counts;
		for (size_t i = 0; i < access_counters_entries(ports); i++) {
			const struct access_count *p = access_counters_entry(ports, i);
			log_info("I/O port 0x%x: %lu %s, %lu %s", p->key, p->reads,
				 plural(p->reads, "read", "reads"), p->writes,
				 plural(p->writes, "write", "writes"));
		}
		const struct access_count *other = &ports->other;
		if (other->reads || other->writes)
			log_info("I/O ports beyond the table: %lu %s, %lu %s", other->reads,
				 plural(other->reads, "read", "reads"), other->writes,
				 plural(other->writes, "write", "writes"));
	}

	const struct access_counters *msrs = &stats->msr_counts;
	for (size_t i = 0; i < access_counters_entries(msrs); i++) {
		const struct access_count *m = access_counters_entry(msrs, i);
		const char *name = msr_name(m->key);
		char label[48];
		if (name)
			fmt_snprintf(label, sizeof(label), "MSR 0x%x (%s)", m->key, name);
		else
			fmt_snprintf(label, sizeof(label), "MSR 0x%x", m->key);
		log_info("%s: %lu %s, %lu %s, %lu #GP", label, m->reads,
			 plural(m->reads, "read", "reads"), m->writes,
			 plural(m->writes, "write", "writes"), m->faults);
	}
	uint64_t other_msrs = msrs->other.reads + msrs->other.writes;
	if (other_msrs)
		log_info("MSRs beyond the table: %lu %s", other_msrs,
			 plural(other_msrs, "access", "accesses"));
}
