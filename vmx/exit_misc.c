/*
 * The small exit handlers: HLT, VMCALL (hypercalls), RDPMC, instructions the guest does not
 * have (the VMX instructions, MONITOR/MWAIT), triple fault, INIT/SIPI, EPT violation and
 * misconfiguration, XSETBV, INVD/WBINVD, and every exit nobody asked for. Each either emulates
 * in a few lines or ends the guest with one line saying why.
 */
#include "vmx/exit_handlers.h"

#include "kernel/format.h"
#include "vmx/cpuid_view.h"
#include "vmx/event_injection.h"
#include "vmx/exit_reason.h"
#include "vmx/host_cpu.h"
#include "vmx/hypercall.h"
#include "vmx/vmcs.h"

/* Exit qualification for EPT violations (SDM Vol. 3, Table "Exit Qualification for EPT Violations"). */
#define EPT_QUAL_READ          (1ull << 0)
#define EPT_QUAL_WRITE         (1ull << 1)
#define EPT_QUAL_FETCH         (1ull << 2)
#define EPT_QUAL_READABLE      (1ull << 3)
#define EPT_QUAL_WRITABLE      (1ull << 4)
#define EPT_QUAL_EXECUTABLE    (1ull << 5)
#define EPT_QUAL_LINEAR_VALID  (1ull << 7)
#define EPT_QUAL_TRANSLATED    (1ull << 8) /* 1: the access was to the translated address */

static uint64_t guest_rip(void)
{
	return vmcs_read_natural(VMCS_GUEST_RIP);
}

/*
 * HLT stops the CPU until an interrupt, NMI, SMI or INIT. With interrupts disabled nothing
 * will come; with them enabled, nothing will come either, because vmxhv does not inject
 * interrupts yet (no PIC, PIT or APIC model). Either way the guest is done: say which.
 */
enum exit_action exit_handle_hlt(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint64_t rip = guest_rip();

	if (!(vmcs_read_natural(VMCS_GUEST_RFLAGS) & RFLAGS_IF))
		return exit_end_guest(vcpu, VCPU_END_HALTED,
				      "the guest halted with interrupts disabled (HLT at RIP 0x%lx): "
				      "nothing can wake it", rip);
	return exit_end_guest(vcpu, VCPU_END_HALTED,
			      "the guest halted waiting for an interrupt (HLT at RIP 0x%lx), but "
			      "vmxhv delivers no interrupts yet: nothing can wake it", rip);
}

/* The answer to hypercall number (vmx/hypercall.h): VMXHV_HC_UNKNOWN for one not defined. */
static inline uint64_t hypercall(uint64_t number)
{
	switch (number) {
	case VMXHV_HC_VERSION:
		return VMXHV_HYPERCALL_VERSION;
	default:
		return VMXHV_HC_UNKNOWN;
	}
}

/*
 * VMCALL: a hypercall, number in RAX, result in RAX. VMCALL exits whatever the guest's
 * privilege; only CPL 0 may make hypercalls, anything else gets the #UD a CPU without a
 * hypervisor would give. Outside 64-bit mode the number is EAX: the upper half of RAX is left
 * over from earlier code (or an earlier answer) there. Every defined number fits in 32 bits,
 * so only a number not found with its upper half set needs the mode looked up: the usual
 * hypercall pays nothing for it.
 */
enum exit_action exit_handle_vmcall(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	if (guest_cpl() != 0) {
		inject_ud(vcpu);
		return EXIT_RESUME;
	}
	uint64_t number = vcpu->regs.rax;
	uint64_t result = hypercall(number);
	if (result == VMXHV_HC_UNKNOWN && (number >> 32) && !guest_in_64bit_mode())
		result = hypercall((uint32_t)number);
	vcpu->regs.rax = result;
	skip_instruction(vcpu);
	return EXIT_RESUME;
}

/*
 * RDPMC (with RDPMC exiting on): vmxhv virtualizes no performance counters (CPUID leaf 0xA
 * reads zero), so every counter number in ECX is invalid and the CPU would raise #GP(0). The
 * #GP for CPL > 0 with CR4.PCE clear comes before the exit (SDM Vol. 3, 26.1.1); same answer.
 */
enum exit_action exit_handle_rdpmc(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	inject_gp0(vcpu);
	return EXIT_RESUME;
}

/*
 * Instructions the guest's CPU does not have, which raise #UD there:
 *  - VMCLEAR, VMLAUNCH, VMPTRLD, VMPTRST, VMREAD, VMRESUME, VMWRITE, VMXOFF, VMXON, INVEPT,
 *    INVVPID, VMFUNC always exit in VMX non-root operation. The guest has no VMX (CPUID hides
 *    it and CR4.VMXE cannot be set), and outside VMX operation they raise #UD (SDM Vol. 3,
 *    26.1.2 and each instruction's "Protected Mode Exceptions").
 *  - MONITOR and MWAIT (if their exiting controls are on): CPUID shows no MONITOR/MWAIT, and a
 *    CPU without them raises #UD. (Run natively, MWAIT could sleep the real CPU with nothing
 *    to wake it.)
 */
enum exit_action exit_handle_undefined_opcode(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	inject_ud(vcpu);
	return EXIT_RESUME;
}

/* A triple fault shuts a real CPU down: the guest is over. */
enum exit_action exit_handle_triple_fault(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	return exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			      "the guest caused a triple fault (an exception while delivering a "
			      "double fault) at RIP 0x%lx", guest_rip());
}

/* INIT and SIPI: nobody in a one-processor guest sends them; a reset we do not model. */
enum exit_action exit_handle_init_sipi(struct vcpu *vcpu, uint32_t exit_reason)
{
	return exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			      "the guest received %s (exit reason %u) at RIP 0x%lx: vmxhv models no "
			      "second processor and no INIT reset",
			      exit_reason_name(exit_reason), EXIT_REASON_BASIC(exit_reason), guest_rip());
}

/*
 * EPT maps exactly guest RAM, read-write-execute: a violation is the guest touching
 * guest-physical memory that is not RAM (nothing else is mapped: no APIC page, no MMIO).
 */
enum exit_action exit_handle_ept_violation(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint64_t qualification = vmcs_read_natural(VMCS_EXIT_QUALIFICATION);
	uint64_t gpa = vmcs_read64(VMCS_GUEST_PHYSICAL_ADDRESS);
	const char *access = (qualification & EPT_QUAL_WRITE)   ? "write"
			     : (qualification & EPT_QUAL_FETCH) ? "instruction fetch"
								: "read";
	char linear[64] = "";

	if (qualification & EPT_QUAL_LINEAR_VALID)
		fmt_snprintf(linear, sizeof(linear), ", linear 0x%lx%s",
			     vmcs_read_natural(VMCS_GUEST_LINEAR_ADDRESS),
			     (qualification & EPT_QUAL_TRANSLATED) ? "" : ", during a page walk");
	if (qualification & (EPT_QUAL_READABLE | EPT_QUAL_WRITABLE | EPT_QUAL_EXECUTABLE))
		return exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
				      "EPT refused the guest's %s of guest-physical 0x%lx (mapped %c%c%c) "
				      "at RIP 0x%lx%s",
				      access, gpa, (qualification & EPT_QUAL_READABLE) ? 'r' : '-',
				      (qualification & EPT_QUAL_WRITABLE) ? 'w' : '-',
				      (qualification & EPT_QUAL_EXECUTABLE) ? 'x' : '-', guest_rip(),
				      linear);
	return exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			      "the guest touched guest-physical 0x%lx outside its RAM (%s at RIP 0x%lx%s)",
			      gpa, access, guest_rip(), linear);
}

/* An EPT entry the CPU finds malformed: ours, not the guest's. */
enum exit_action exit_handle_ept_misconfiguration(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	return exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			      "EPT misconfiguration at guest-physical 0x%lx (RIP 0x%lx): vmxhv built "
			      "a bad EPT entry, a vmxhv bug",
			      vmcs_read64(VMCS_GUEST_PHYSICAL_ADDRESS), guest_rip());
}

/*
 * XSETBV exits unconditionally. XCR0 is not switched between guest and host, and vmxhv never
 * uses XSAVE state, so the guest's value goes into the real XCR0 once validated (SDM Vol. 1,
 * 13.3): ECX must be 0; only components cpuid_view shows; x87 always; AVX needs SSE;
 * the AVX-512 components all or none, and only with AVX. The CPU has already raised #UD
 * (CR4.OSXSAVE = 0) or #GP (CPL > 0) before exiting if those applied.
 */
enum exit_action exit_handle_xsetbv(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint64_t allowed = cpuid_guest_xcr0_allowed();
	uint64_t value = (vcpu->regs.rdx << 32) | (uint32_t)vcpu->regs.rax;
	bool valid = (uint32_t)vcpu->regs.rcx == 0 && !(value & ~allowed) && (value & XCR0_X87) &&
		     (!(value & XCR0_AVX) || (value & XCR0_SSE)) &&
		     (!(value & XCR0_AVX512) ||
		      ((value & XCR0_AVX512) == XCR0_AVX512 && (value & XCR0_AVX)));

	if (allowed == 0) {
		inject_ud(vcpu); /* XSAVE is not shown: XSETBV does not exist */
		return EXIT_RESUME;
	}
	if (!valid) {
		inject_gp0(vcpu);
		return EXIT_RESUME;
	}
	host_xsetbv(0, value);
	skip_instruction(vcpu);
	return EXIT_RESUME;
}

/*
 * INVD (always exits) and WBINVD (if WBINVD exiting is on): nothing to do. INVD would throw
 * away the host's dirty cache lines too, so it must never run; EPT-mapped guest RAM is
 * cache-coherent, so skipping the write-back loses nothing.
 */
enum exit_action exit_handle_cache_invalidation(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	skip_instruction(vcpu);
	return EXIT_RESUME;
}

/* Any exit the controls vmxhv sets should not produce: end the guest and name it. */
enum exit_action exit_handle_unexpected(struct vcpu *vcpu, uint32_t exit_reason)
{
	return exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			      "unexpected VM exit '%s' (%u) at RIP 0x%lx",
			      exit_reason_name(exit_reason), EXIT_REASON_BASIC(exit_reason),
			      guest_rip());
}
