/*
 * VM-entry failure triage (see entry_failure.h): which of the three ways it failed, then the
 * fields that way depends on, each with a verdict where a simple rule can give one.
 */
#include "vmx/entry_failure.h"

#include "kernel/format.h"
#include "kernel/log.h"
#include "kernel/msr_index.h"
#include "mm/frames.h"
#include "vmx/caps.h"
#include "vmx/control_regs.h"
#include "vmx/controls.h"
#include "vmx/exit_reason.h"
#include "vmx/msr_emulation.h"
#include "vmx/vm_instruction_error.h"
#include "vmx/vmcs.h"
#include "vmx/vmx_controls.h"

#define say(fmt, ...) log_error("vm entry failed: " fmt, ##__VA_ARGS__)

/* Exit qualification for exit reason 33 (SDM Vol. 3, 27.7). */
static const char *invalid_guest_state_detail(uint64_t qualification)
{
	switch (qualification) {
	case 0:
		return "no detail; check the fields below";
	case 2:
		return "loading the PDPTEs failed";
	case 3:
		return "NMI injected while blocking by STI";
	case 4:
		return "invalid VMCS link pointer";
	default:
		return "unknown qualification";
	}
}

/* "ok", or which bits break IA32_VMX_CRn_FIXED0/FIXED1, into buf. */
static const char *fixed_verdict(char *buf, size_t size, uint64_t value, uint64_t fixed0,
				 uint64_t fixed1)
{
	uint64_t must_be_1 = fixed0 & ~value;
	uint64_t must_be_0 = value & ~fixed1;

	if (!must_be_1 && !must_be_0)
		return "ok";
	fmt_snprintf(buf, size, "INVALID: bits 0x%lx must be 1, bits 0x%lx must be 0", must_be_1,
		     must_be_0);
	return buf;
}

/* ---- VMfailValid 7: control fields -------------------------------------------------------- */

/* One control word against the CPU's allowed-0 and allowed-1 settings, offending bits by name. */
static void report_control_word(const struct vcpu *vcpu, enum vmx_control_word word,
				uint32_t value)
{
	const char *name = vmx_control_word_name(word);

	if (vcpu->caps == NULL) {
		say("%s 0x%08x", name, value);
		return;
	}
	struct vmx_control_caps caps = vmx_caps_control_word(vcpu->caps, word);
	uint32_t missing = caps.allowed0 & ~value;
	uint32_t unsupported = value & ~caps.allowed1;

	say("%s 0x%08x (must be 1: 0x%08x, may be 1: 0x%08x): %s", name, value, caps.allowed0,
	    caps.allowed1, (missing | unsupported) ? "INVALID" : "ok");
	for (unsigned bit = 0; bit < 32; bit++) {
		if (missing & (1u << bit))
			say("  bit %u (%s) must be 1", bit, vmx_control_name(word, bit));
		if (unsupported & (1u << bit))
			say("  bit %u (%s) must be 0: this CPU does not have it", bit,
			    vmx_control_name(word, bit));
	}
}

static void report_control_fields(const struct vcpu *vcpu)
{
	uint32_t primary = vmcs_read32(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS);
	bool has_secondary = primary & PROCBASED_ACTIVATE_SECONDARY_CONTROLS;
	uint32_t secondary = has_secondary ? vmcs_read32(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS) : 0;

	report_control_word(vcpu, VMX_CONTROLS_PINBASED, vmcs_read32(VMCS_PIN_BASED_CONTROLS));
	report_control_word(vcpu, VMX_CONTROLS_PROCBASED, primary);
	if (has_secondary)
		report_control_word(vcpu, VMX_CONTROLS_PROCBASED2, secondary);
	else
		say("secondary processor-based VM-execution controls: not activated");
	report_control_word(vcpu, VMX_CONTROLS_EXIT, vmcs_read32(VMCS_PRIMARY_VM_EXIT_CONTROLS));
	report_control_word(vcpu, VMX_CONTROLS_ENTRY, vmcs_read32(VMCS_VM_ENTRY_CONTROLS));

	uint32_t cr3_targets = vmcs_read32(VMCS_CR3_TARGET_COUNT);
	unsigned cr3_targets_max = vcpu->caps ? vmx_caps_cr3_target_count(vcpu->caps) : 4;
	say("exception bitmap 0x%08x, CR3-target count %u%s", vmcs_read32(VMCS_EXCEPTION_BITMAP),
	    cr3_targets, cr3_targets > cr3_targets_max ? ": INVALID, more than IA32_VMX_MISC allows" : "");
	say("entry event: interruption info 0x%08x, error code 0x%x, instruction length %u",
	    vmcs_read32(VMCS_VM_ENTRY_INTERRUPTION_INFORMATION),
	    vmcs_read32(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE),
	    vmcs_read32(VMCS_VM_ENTRY_INSTRUCTION_LENGTH));
	say("MSR areas: entry load %u at 0x%lx, exit store %u at 0x%lx, exit load %u at 0x%lx",
	    vmcs_read32(VMCS_VM_ENTRY_MSR_LOAD_COUNT), vmcs_read64(VMCS_VM_ENTRY_MSR_LOAD_ADDRESS),
	    vmcs_read32(VMCS_VM_EXIT_MSR_STORE_COUNT), vmcs_read64(VMCS_VM_EXIT_MSR_STORE_ADDRESS),
	    vmcs_read32(VMCS_VM_EXIT_MSR_LOAD_COUNT), vmcs_read64(VMCS_VM_EXIT_MSR_LOAD_ADDRESS));
	if (primary & PROCBASED_USE_IO_BITMAPS)
		say("I/O bitmap A 0x%lx, B 0x%lx (4 KiB aligned)", vmcs_read64(VMCS_IO_BITMAP_A),
		    vmcs_read64(VMCS_IO_BITMAP_B));
	if (primary & PROCBASED_USE_MSR_BITMAPS)
		say("MSR bitmap 0x%lx (4 KiB aligned)", vmcs_read64(VMCS_MSR_BITMAP));
	if (secondary & SECONDARY_ENABLE_EPT)
		say("EPT pointer 0x%lx", vmcs_read64(VMCS_EPT_POINTER));
	if (secondary & SECONDARY_ENABLE_VPID) {
		uint16_t vpid = vmcs_read16(VMCS_VIRTUAL_PROCESSOR_ID);
		say("VPID 0x%04x%s", vpid, vpid == 0 ? ": INVALID, must not be 0" : "");
	}
	if ((secondary & SECONDARY_UNRESTRICTED_GUEST) && !(secondary & SECONDARY_ENABLE_EPT))
		say("unrestricted guest without enable EPT: INVALID");
}

/* ---- VMfailValid 8: host-state fields ----------------------------------------------------- */

#define SELECTOR_RPL_TI 0x7u

static void report_host_state(const struct vcpu *vcpu)
{
	char verdict[96];
	uint64_t cr0 = vmcs_read_natural(VMCS_HOST_CR0);
	uint64_t cr4 = vmcs_read_natural(VMCS_HOST_CR4);
	const struct vmx_caps *caps = vcpu->caps;

	say("host CR0 0x%lx: %s", cr0,
	    caps ? fixed_verdict(verdict, sizeof(verdict), cr0, caps->cr0_fixed0, caps->cr0_fixed1)
		 : "not checked");
	say("host CR4 0x%lx: %s", cr4,
	    caps ? fixed_verdict(verdict, sizeof(verdict), cr4, caps->cr4_fixed0, caps->cr4_fixed1)
		 : "not checked");
	say("host CR3 0x%lx, RIP 0x%lx, RSP 0x%lx", vmcs_read_natural(VMCS_HOST_CR3),
	    vmcs_read_natural(VMCS_HOST_RIP), vmcs_read_natural(VMCS_HOST_RSP));

	uint16_t cs = vmcs_read16(VMCS_HOST_CS_SELECTOR), ss = vmcs_read16(VMCS_HOST_SS_SELECTOR);
	uint16_t ds = vmcs_read16(VMCS_HOST_DS_SELECTOR), es = vmcs_read16(VMCS_HOST_ES_SELECTOR);
	uint16_t fs = vmcs_read16(VMCS_HOST_FS_SELECTOR), gs = vmcs_read16(VMCS_HOST_GS_SELECTOR);
	uint16_t tr = vmcs_read16(VMCS_HOST_TR_SELECTOR);
	bool rpl_ti = (cs | ss | ds | es | fs | gs | tr) & SELECTOR_RPL_TI;
	say("host selectors CS 0x%04x SS 0x%04x DS 0x%04x ES 0x%04x FS 0x%04x GS 0x%04x TR 0x%04x%s%s",
	    cs, ss, ds, es, fs, gs, tr, rpl_ti ? "; INVALID: RPL and TI must be 0" : "",
	    (cs == 0 || tr == 0) ? "; INVALID: CS and TR must not be 0" : "");
	say("host bases FS 0x%lx GS 0x%lx TR 0x%lx GDTR 0x%lx IDTR 0x%lx",
	    vmcs_read_natural(VMCS_HOST_FS_BASE), vmcs_read_natural(VMCS_HOST_GS_BASE),
	    vmcs_read_natural(VMCS_HOST_TR_BASE), vmcs_read_natural(VMCS_HOST_GDTR_BASE),
	    vmcs_read_natural(VMCS_HOST_IDTR_BASE));
	say("host SYSENTER_CS 0x%x, SYSENTER_ESP 0x%lx, SYSENTER_EIP 0x%lx",
	    vmcs_read32(VMCS_HOST_IA32_SYSENTER_CS), vmcs_read_natural(VMCS_HOST_IA32_SYSENTER_ESP),
	    vmcs_read_natural(VMCS_HOST_IA32_SYSENTER_EIP));

	uint32_t exit = vmcs_read32(VMCS_PRIMARY_VM_EXIT_CONTROLS);
	say("VM-exit controls 0x%08x: host address-space size %s", exit,
	    (exit & VM_EXIT_HOST_ADDRESS_SPACE_SIZE) ? "1" : "0: INVALID for a 64-bit host");
	if (exit & VM_EXIT_LOAD_IA32_EFER)
		say("host IA32_EFER 0x%lx%s", vmcs_read64(VMCS_HOST_IA32_EFER),
		    (vmcs_read64(VMCS_HOST_IA32_EFER) & (EFER_LMA | EFER_LME)) == (EFER_LMA | EFER_LME)
			    ? ""
			    : ": INVALID, LMA and LME must be 1 for a 64-bit host");
	if (exit & VM_EXIT_LOAD_IA32_PAT)
		say("host IA32_PAT 0x%lx", vmcs_read64(VMCS_HOST_IA32_PAT));
}

/* ---- exit reason 33: guest-state fields --------------------------------------------------- */

struct segment_fields {
	const char *name;
	uint32_t selector, base, limit, access_rights;
};

#define SEGMENT(name)                                                                       \
	{ #name, VMCS_GUEST_##name##_SELECTOR, VMCS_GUEST_##name##_BASE,                    \
	  VMCS_GUEST_##name##_LIMIT, VMCS_GUEST_##name##_ACCESS_RIGHTS }

static const struct segment_fields segments[] = {
	SEGMENT(ES), SEGMENT(CS), SEGMENT(SS), SEGMENT(DS),
	SEGMENT(FS), SEGMENT(GS), SEGMENT(LDTR), SEGMENT(TR),
};

#define ACCESS_RIGHTS_UNUSABLE (1u << 16)
#define RFLAGS_RESERVED_1      (1ull << 1)
#define VMCS_LINK_POINTER_NONE (~0ull)

static void report_guest_state(const struct vcpu *vcpu)
{
	char verdict[96];
	const struct vmx_caps *caps = vcpu->caps;
	uint64_t qualification = vmcs_read_natural(VMCS_EXIT_QUALIFICATION);
	uint32_t primary = vmcs_read32(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS);
	uint32_t secondary = (primary & PROCBASED_ACTIVATE_SECONDARY_CONTROLS)
				     ? vmcs_read32(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS)
				     : 0;
	uint32_t entry = vmcs_read32(VMCS_VM_ENTRY_CONTROLS);
	uint64_t cr0 = vmcs_read_natural(VMCS_GUEST_CR0);
	uint64_t cr4 = vmcs_read_natural(VMCS_GUEST_CR4);
	uint64_t efer = vmcs_read64(VMCS_GUEST_IA32_EFER);

	say("invalid guest state (exit reason 33), qualification %lu: %s", qualification,
	    invalid_guest_state_detail(qualification));
	if (caps) {
		/* Under unrestricted guest, PE and PG are the guest's (SDM 27.3.1.1). */
		uint64_t cr0_fixed0 = caps->cr0_fixed0;
		if (secondary & SECONDARY_UNRESTRICTED_GUEST)
			cr0_fixed0 &= ~(CR0_PE | CR0_PG);
		say("guest CR0 0x%lx: %s", cr0,
		    fixed_verdict(verdict, sizeof(verdict), cr0, cr0_fixed0, caps->cr0_fixed1));
		say("guest CR4 0x%lx: %s", cr4,
		    fixed_verdict(verdict, sizeof(verdict), cr4, caps->cr4_fixed0, caps->cr4_fixed1));
	} else {
		say("guest CR0 0x%lx, CR4 0x%lx", cr0, cr4);
	}
	say("guest CR3 0x%lx, DR7 0x%lx, IA32_DEBUGCTL 0x%lx", vmcs_read_natural(VMCS_GUEST_CR3),
	    vmcs_read_natural(VMCS_GUEST_DR7), vmcs_read64(VMCS_GUEST_IA32_DEBUGCTL));

	bool ia32e = entry & VM_ENTRY_IA32E_MODE_GUEST;
	bool lma_mismatch = (entry & VM_ENTRY_LOAD_IA32_EFER) && ia32e != !!(efer & EFER_LMA);
	say("guest IA32_EFER 0x%lx; VM-entry controls 0x%08x: IA-32e mode guest %d, load EFER %d%s",
	    efer, entry, ia32e, !!(entry & VM_ENTRY_LOAD_IA32_EFER),
	    lma_mismatch ? "; INVALID: EFER.LMA must equal IA-32e mode guest" : "");
	if (entry & VM_ENTRY_LOAD_IA32_PAT)
		say("guest IA32_PAT 0x%lx", vmcs_read64(VMCS_GUEST_IA32_PAT));

	uint64_t rflags = vmcs_read_natural(VMCS_GUEST_RFLAGS);
	say("guest RIP 0x%lx, RSP 0x%lx, RFLAGS 0x%lx%s", vmcs_read_natural(VMCS_GUEST_RIP),
	    vmcs_read_natural(VMCS_GUEST_RSP), rflags,
	    (rflags & RFLAGS_RESERVED_1) ? "" : ": INVALID, RFLAGS bit 1 must be 1");
	for (size_t i = 0; i < sizeof(segments) / sizeof(segments[0]); i++) {
		const struct segment_fields *s = &segments[i];
		uint32_t ar = vmcs_read32(s->access_rights);
		say("guest %s selector 0x%04x base 0x%lx limit 0x%08x access rights 0x%05x%s", s->name,
		    vmcs_read16(s->selector), vmcs_read_natural(s->base), vmcs_read32(s->limit), ar,
		    (ar & ACCESS_RIGHTS_UNUSABLE) ? " (unusable)" : "");
	}
	say("guest GDTR base 0x%lx limit 0x%x, IDTR base 0x%lx limit 0x%x",
	    vmcs_read_natural(VMCS_GUEST_GDTR_BASE), vmcs_read32(VMCS_GUEST_GDTR_LIMIT),
	    vmcs_read_natural(VMCS_GUEST_IDTR_BASE), vmcs_read32(VMCS_GUEST_IDTR_LIMIT));
	say("guest activity state %u, interruptibility 0x%x, pending debug exceptions 0x%lx",
	    vmcs_read32(VMCS_GUEST_ACTIVITY_STATE), vmcs_read32(VMCS_GUEST_INTERRUPTIBILITY_STATE),
	    vmcs_read_natural(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS));
	uint64_t link = vmcs_read64(VMCS_LINK_POINTER);
	say("VMCS link pointer 0x%lx%s", link,
	    link == VMCS_LINK_POINTER_NONE ? "" : ": INVALID unless VMCS shadowing, must be all ones");
	if ((cr0 & CR0_PG) && (cr4 & CR4_PAE) && !(efer & EFER_LMA))
		say("guest PDPTEs 0x%lx 0x%lx 0x%lx 0x%lx", vmcs_read64(VMCS_GUEST_PDPTE0),
		    vmcs_read64(VMCS_GUEST_PDPTE1), vmcs_read64(VMCS_GUEST_PDPTE2),
		    vmcs_read64(VMCS_GUEST_PDPTE3));
	say("entry event: interruption info 0x%08x, error code 0x%x",
	    vmcs_read32(VMCS_VM_ENTRY_INTERRUPTION_INFORMATION),
	    vmcs_read32(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE));
}

/* ---- exit reason 34: MSR loading ---------------------------------------------------------- */

/* An entry of a VM-entry MSR-load area (SDM Vol. 3, 25.7.2, Table "Format of an MSR Entry"). */
struct vmx_msr_entry {
	uint32_t index;
	uint32_t reserved;
	uint64_t value;
};

static void report_msr_loading(void)
{
	uint64_t n = vmcs_read_natural(VMCS_EXIT_QUALIFICATION); /* 1 for the first entry */
	uint32_t count = vmcs_read32(VMCS_VM_ENTRY_MSR_LOAD_COUNT);
	uint64_t area = vmcs_read64(VMCS_VM_ENTRY_MSR_LOAD_ADDRESS);

	say("MSR loading failed (exit reason 34) at entry %lu of %u in the VM-entry MSR-load area at 0x%lx",
	    n, count, area);
	if (n >= 1 && n <= count && area != 0) {
		const struct vmx_msr_entry *e = (const struct vmx_msr_entry *)phys_to_virt(area) + (n - 1);
		const char *name = msr_name(e->index);
		say("entry %lu: MSR 0x%x (%s), reserved 0x%x, value 0x%lx", n, e->index,
		    name ? name : "no name known", e->reserved, e->value);
	}
}

/* ---- the report --------------------------------------------------------------------------- */

/* The end_reason words for a failure reported as an exit. */
static const char *short_failure_name(uint32_t exit_reason)
{
	switch (EXIT_REASON_BASIC(exit_reason)) {
	case EXIT_REASON_INVALID_GUEST_STATE:
		return "invalid guest state";
	case EXIT_REASON_MSR_LOADING:
		return "MSR loading";
	case EXIT_REASON_MACHINE_CHECK:
		return "machine check";
	default:
		return exit_reason_name(exit_reason);
	}
}

void entry_failure_report(struct vcpu *vcpu, enum vmx_entry_result result)
{
	const char *instruction = vcpu->launched ? "VMRESUME" : "VMLAUNCH";

	vcpu->end = VCPU_END_ENTRY_FAILED;
	if (result == VMX_ENTRY_FAIL_INVALID) {
		say("%s: VMfailInvalid: there is no current VMCS (VMPTRLD not done, or it failed)",
		    instruction);
		fmt_snprintf(vcpu->end_reason, sizeof(vcpu->end_reason),
			     "VM entry failed: %s VMfailInvalid (no current VMCS)", instruction);
		return;
	}
	if (result == VMX_ENTRY_FAIL_VALID) {
		unsigned error = vmcs_read32(VMCS_VM_INSTRUCTION_ERROR);
		say("%s: VMfailValid, VM-instruction error %u: %s", instruction, error,
		    vm_instruction_error_text(error));
		if (error == VMXERR_ENTRY_INVALID_CONTROL_FIELD)
			report_control_fields(vcpu);
		else if (error == VMXERR_ENTRY_INVALID_HOST_STATE_FIELD)
			report_host_state(vcpu);
		fmt_snprintf(vcpu->end_reason, sizeof(vcpu->end_reason),
			     "VM entry failed: %s VM-instruction error %u (%s)", instruction, error,
			     vm_instruction_error_text(error));
		return;
	}

	uint32_t exit_reason = vmcs_read32(VMCS_EXIT_REASON);
	if (!(exit_reason & EXIT_REASON_VM_ENTRY_FAILURE)) {
		vcpu->end = VCPU_RUNNING;
		log_warn("entry_failure_report: VM entry did not fail (exit reason %u)",
			 EXIT_REASON_BASIC(exit_reason));
		return;
	}
	switch (EXIT_REASON_BASIC(exit_reason)) {
	case EXIT_REASON_INVALID_GUEST_STATE:
		report_guest_state(vcpu);
		break;
	case EXIT_REASON_MSR_LOADING:
		report_msr_loading();
		break;
	case EXIT_REASON_MACHINE_CHECK:
		say("machine-check event during VM entry (exit reason 41): a hardware error, not a "
		    "VMCS problem; the machine-check banks say more");
		break;
	default:
		say("exit reason 0x%08x: bit 31 set with basic reason %u (%s)", exit_reason,
		    EXIT_REASON_BASIC(exit_reason), exit_reason_name(exit_reason));
		break;
	}
	fmt_snprintf(vcpu->end_reason, sizeof(vcpu->end_reason), "VM entry failed: %s (exit reason %u)",
		     short_failure_name(exit_reason), EXIT_REASON_BASIC(exit_reason));
}
