/*
 * Control-register access exits (SDM Vol. 3, 28.2.1, Table "Exit Qualification for
 * Control-Register Accesses"): MOV to CR0/CR4 that would change a host-owned bit (one set in
 * the guest/host mask), CLTS and LMSW likewise, and MOV to/from CR3 and CR8 if their exiting
 * controls are on.
 *
 * MOV to CR0/CR4 is emulated as the CPU would do it, checks first (#GP on an invalid value,
 * nothing changed), then:
 *   - the read shadow gets the guest's value: that is what the guest reads back;
 *   - GUEST_CRn gets the value the CPU really runs with: the guest's, with the bits VMX fixes
 *     forced (IA32_VMX_CRn_FIXED0 set, FIXED1 clear; under unrestricted guest PE and PG are
 *     the guest's), and for CR0 caching left on (CD, NW clear): with EPT, memory types come
 *     from EPT and the guest PAT, and a guest setting CD would only crawl (KVM does the same);
 *   - CR0.PG 0->1 with EFER.LME = 1 activates IA-32e mode: EFER.LMA and the "IA-32e mode
 *     guest" entry control are set; PG 1->0 clears them (SDM Vol. 3, 10.8.5). The CPU does
 *     this itself when the MOV does not exit; when we emulate it, it is ours to do;
 *   - entering or changing PAE paging loads the PDPTEs into the VMCS (SDM Vol. 3, 4.4.1);
 *   - a change of CR0.PG, or of CR4.PGE, PAE, PCIDE or SMEP, invalidates the guest's TLB
 *     entries and paging-structure caches (SDM Vol. 3, 4.10.4.1). With VPID on, neither VM
 *     entry nor VM exit does that (29.4.3), so an emulated MOV does it with INVVPID for the
 *     guest's VPID. (A little more than the CPU, which flushes for PG only 1 -> 0, for PCIDE
 *     only 1 -> 0 and for SMEP only 0 -> 1: a flush too many costs the guest nothing.)
 *
 * Which MOVs exit follows from the guest/host masks vmx/vmcs_setup.c builds:
 *   - CR0: host-owned are the bits VMX fixes (NE; PE and PG too without unrestricted guest)
 *     and CD, NW. Every other defined bit (MP, EM, TS, ET, WP, AM, and PE, PG under
 *     unrestricted guest) is one any guest may write, so the CPU runs those MOVs itself. A
 *     MOV that changes PG exits only when it changes a host-owned bit too.
 *   - CR4: host-owned are the bits VMX fixes (VMXE) and every bit cr4_guest_allowed (below)
 *     leaves out, with 0 in the read shadow. A MOV to CR4 exits only to set one of them, and
 *     is refused with #GP here, as on a CPU without that feature.
 *   - CR3: CR3-load exiting is off under EPT, so MOV to CR3 never exits; write_cr3 is for a
 *     set-up that turns it on, and would need a flush (non-global entries) added first.
 */
#include "vmx/exit_cr.h"
#include "vmx/exit_handlers.h"

#include "kernel/msr_index.h"
#include "vmx/caps.h"
#include "vmx/control_regs.h"
#include "vmx/cpuid_view.h"
#include "vmx/event_injection.h"
#include "vmx/guest_paging.h"
#include "vmx/host_cpu.h"
#include "vmx/vmcs.h"
#include "vmx/vmx_controls.h"

/* Exit qualification for control-register accesses. */
#define CR_QUAL_NUMBER_MASK   0xFu    /* bits 3:0 */
#define CR_QUAL_TYPE_SHIFT    4       /* bits 5:4 */
#define CR_QUAL_TYPE_MASK     0x3u
#define CR_QUAL_GPR_SHIFT     8       /* bits 11:8 */
#define CR_QUAL_GPR_MASK      0xFu
#define CR_QUAL_LMSW_SHIFT    16      /* bits 31:16: LMSW source data */

enum cr_access_type { CR_MOV_TO = 0, CR_MOV_FROM = 1, CR_CLTS = 2, CR_LMSW = 3 };

#define CR3_PCID_NO_FLUSH (1ull << 63) /* MOV to CR3 with CR4.PCIDE: keep TLB entries */
#define CR3_RESERVED_LONG 0x7FF0000000000000ull /* bits 62:52 */
#define CR8_RESERVED      (~0xFull)

/* TR access rights: type 11 is "busy 64-bit TSS" (also "busy 32-bit TSS"). */
#define TSS_TYPE_BUSY_64 11u

/* The CR4 bits that matter to PAE paging's PDPTEs (SDM Vol. 3, 4.4.1). */
#define CR4_PDPTE_BITS (CR4_PAE | CR4_PGE | CR4_PSE | CR4_SMEP)
#define CR0_PDPTE_BITS (CR0_CD | CR0_NW | CR0_PG)

/* The CR4 bits whose change invalidates TLB entries (SDM Vol. 3, 4.10.4.1); in CR0, PG. */
#define CR4_TLB_BITS (CR4_PGE | CR4_PAE | CR4_PCIDE | CR4_SMEP)

/* The secondary processor-based controls in effect: 0 when they are not activated. */
static uint32_t secondary_controls(void)
{
	if (!(vmcs_read32(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS) &
	      PROCBASED_ACTIVATE_SECONDARY_CONTROLS))
		return 0;
	return vmcs_read32(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS);
}

static bool unrestricted_guest(void)
{
	return (secondary_controls() & SECONDARY_UNRESTRICTED_GUEST) != 0;
}

/*
 * Invalidate the guest's linear translations, as the emulated MOV would have on the CPU.
 * Without VPID there is nothing to do: VM entry and VM exit flush them (SDM Vol. 3,
 * 29.4.3.1). With it, they are tagged with the guest's VPID (never 0 with VPID on, or VM
 * entry fails): single-context INVVPID, or all-context on a CPU without that type. A CPU
 * with neither must not get VPID enabled (KVM turns VPID off then): nothing could flush.
 * (EPT's guest-physical translations stay valid: the EPT tables do not change.)
 */
static void flush_guest_tlb(const struct vcpu *vcpu)
{
	if (!(secondary_controls() & SECONDARY_ENABLE_VPID))
		return;
	uint16_t vpid = vmcs_read16(VMCS_VIRTUAL_PROCESSOR_ID);
	if (vpid == 0 || vcpu->caps == NULL)
		return;
	if (vmx_caps_has_invvpid_single_context(vcpu->caps))
		host_invvpid_single_context(vpid);
	else if (vmx_caps_has_invvpid_all_context(vcpu->caps))
		host_invvpid_all_context();
}

/*
 * Load the PDPTEs when the guest will use PAE paging with this CR0/CR4/EFER; 0, or -1 for
 * invalid PDPTEs (the MOV raises #GP).
 */
static int load_pdptes_if_pae(const struct vcpu *vcpu, uint64_t cr0, uint64_t cr4, uint64_t efer,
			      uint64_t cr3)
{
	if (!(cr0 & CR0_PG) || !(cr4 & CR4_PAE) || (efer & EFER_LME))
		return 0;
	return guest_paging_load_pdptes(vcpu, cr3);
}

/* IA-32e mode on: EFER.LMA and the entry control follow CR0.PG (SDM 10.8.5, 27.3.1). */
static void enter_ia32e_mode(uint64_t efer)
{
	vmcs_write64(VMCS_GUEST_IA32_EFER, efer | EFER_LMA);
	vmcs_write32(VMCS_VM_ENTRY_CONTROLS,
		     vmcs_read32(VMCS_VM_ENTRY_CONTROLS) | VM_ENTRY_IA32E_MODE_GUEST);
	/*
	 * VM entry into IA-32e mode requires TR to be a busy 64-bit TSS (SDM 27.3.1.2), which a
	 * guest that never executed LTR does not have; the CPU itself would not care until a
	 * task switch or an interrupt through a TSS. Make the type right, as KVM does.
	 */
	uint32_t tr = vmcs_read32(VMCS_GUEST_TR_ACCESS_RIGHTS);
	if ((tr & SEGMENT_AR_TYPE_MASK) != TSS_TYPE_BUSY_64)
		vmcs_write32(VMCS_GUEST_TR_ACCESS_RIGHTS,
			     (tr & ~SEGMENT_AR_TYPE_MASK) | TSS_TYPE_BUSY_64);
}

static void leave_ia32e_mode(uint64_t efer)
{
	vmcs_write64(VMCS_GUEST_IA32_EFER, efer & ~EFER_LMA);
	vmcs_write32(VMCS_VM_ENTRY_CONTROLS,
		     vmcs_read32(VMCS_VM_ENTRY_CONTROLS) & ~VM_ENTRY_IA32E_MODE_GUEST);
}

/* MOV to CR0 (also CLTS and LMSW, which come here with the CR0 they make). */
static int write_cr0(struct vcpu *vcpu, uint64_t value)
{
	uint64_t old = guest_cr0_visible();
	uint64_t cr4 = guest_cr4_visible();
	uint64_t efer = vmcs_read64(VMCS_GUEST_IA32_EFER);

	/* Bits 63:32 are reserved (#GP); reserved bits in 31:0 are ignored; ET reads 1. */
	if (value >> 32)
		return -1;
	value = (value & CR0_DEFINED) | CR0_ET;

	if ((value & CR0_PG) && !(value & CR0_PE))
		return -1;
	if ((value & CR0_NW) && !(value & CR0_CD))
		return -1;
	bool paging_on = !(old & CR0_PG) && (value & CR0_PG);
	bool paging_off = (old & CR0_PG) && !(value & CR0_PG);
	if (paging_on && (efer & EFER_LME) && !(cr4 & CR4_PAE))
		return -1;
	if (paging_off && ((cr4 & CR4_PCIDE) || guest_in_64bit_mode()))
		return -1;
	if ((value ^ old) & CR0_PDPTE_BITS) {
		if (load_pdptes_if_pae(vcpu, value, cr4, efer, vmcs_read_natural(VMCS_GUEST_CR3)) != 0)
			return -1;
	}

	uint64_t fixed0 = vcpu->caps ? vcpu->caps->cr0_fixed0 : 0;
	uint64_t fixed1 = vcpu->caps ? vcpu->caps->cr0_fixed1 : ~0ull;
	if (unrestricted_guest())
		fixed0 &= ~(CR0_PE | CR0_PG);
	vmcs_write_natural(VMCS_GUEST_CR0, ((value & ~(CR0_CD | CR0_NW)) | fixed0) & fixed1);
	vmcs_write_natural(VMCS_CR0_READ_SHADOW, value);

	if (paging_on && (efer & EFER_LME))
		enter_ia32e_mode(efer);
	else if (paging_off && (efer & EFER_LMA))
		leave_ia32e_mode(efer);
	if (paging_on || paging_off)
		flush_guest_tlb(vcpu);
	return 0;
}

/*
 * The CR4 bits a guest may set (vmx/exit_cr.h): those every VMX-capable CPU has, plus those
 * whose feature cpuid_view shows, all within what VMX operation allows (IA32_VMX_CR4_FIXED1).
 * VMXE and SMXE never (CPUID shows no VMX and no SMX: #GP, as on such a CPU), nor CET, PKS,
 * Key Locker and user interrupts, which cpuid_view hides. vmx/vmcs_setup.c makes every other
 * bit host-owned, so setting one exits here and is refused.
 */
uint64_t cr4_guest_allowed(const struct vmx_caps *caps)
{
	struct cpuid_regs leaf1 = cpuid_view(1, 0);
	struct cpuid_regs leaf7 = cpuid_view(7, 0);
	uint64_t allowed = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_MCE |
			   CR4_PGE | CR4_PCE | CR4_OSFXSR | CR4_OSXMMEXCPT;

	if (leaf1.ecx & CPUID_01_ECX_PCID)
		allowed |= CR4_PCIDE;
	if (leaf1.ecx & CPUID_01_ECX_XSAVE)
		allowed |= CR4_OSXSAVE;
	if (leaf7.ebx & CPUID_07_EBX_FSGSBASE)
		allowed |= CR4_FSGSBASE;
	if (leaf7.ebx & CPUID_07_EBX_SMEP)
		allowed |= CR4_SMEP;
	if (leaf7.ebx & CPUID_07_EBX_SMAP)
		allowed |= CR4_SMAP;
	if (leaf7.ecx & CPUID_07_ECX_UMIP)
		allowed |= CR4_UMIP;
	if (leaf7.ecx & CPUID_07_ECX_LA57)
		allowed |= CR4_LA57;
	if (leaf7.ecx & CPUID_07_ECX_PKU)
		allowed |= CR4_PKE;
	if (caps)
		allowed &= caps->cr4_fixed1;
	return allowed;
}

static int write_cr4(struct vcpu *vcpu, uint64_t value)
{
	uint64_t old = guest_cr4_visible();
	uint64_t efer = vmcs_read64(VMCS_GUEST_IA32_EFER);
	uint64_t cr3 = vmcs_read_natural(VMCS_GUEST_CR3);

	if (value & ~cr4_guest_allowed(vcpu->caps))
		return -1;
	if ((value & CR4_PCIDE) && !(old & CR4_PCIDE) && (!(efer & EFER_LMA) || (cr3 & 0xFFF)))
		return -1;
	if ((efer & EFER_LMA) && (!(value & CR4_PAE) || ((value ^ old) & CR4_LA57)))
		return -1;
	if ((value ^ old) & CR4_PDPTE_BITS) {
		if (load_pdptes_if_pae(vcpu, guest_cr0_visible(), value, efer, cr3) != 0)
			return -1;
	}

	uint64_t fixed0 = vcpu->caps ? vcpu->caps->cr4_fixed0 : CR4_VMXE;
	uint64_t fixed1 = vcpu->caps ? vcpu->caps->cr4_fixed1 : ~0ull;
	vmcs_write_natural(VMCS_GUEST_CR4, (value | fixed0) & fixed1);
	vmcs_write_natural(VMCS_CR4_READ_SHADOW, value);
	if ((value ^ old) & CR4_TLB_BITS)
		flush_guest_tlb(vcpu);
	return 0;
}

/* MOV to CR3 (only with CR3-load exiting on). */
static int write_cr3(struct vcpu *vcpu, uint64_t value)
{
	uint64_t efer = vmcs_read64(VMCS_GUEST_IA32_EFER);

	if (efer & EFER_LMA) {
		if (guest_cr4_visible() & CR4_PCIDE)
			value &= ~CR3_PCID_NO_FLUSH;
		if (value & CR3_RESERVED_LONG)
			return -1;
	}
	if (load_pdptes_if_pae(vcpu, guest_cr0_visible(), guest_cr4_visible(), efer, value) != 0)
		return -1;
	vmcs_write_natural(VMCS_GUEST_CR3, value);
	return 0;
}

static enum exit_action unexpected_cr(struct vcpu *vcpu, const char *what, unsigned cr)
{
	return exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			      "unexpected %s CR%u exit at RIP 0x%lx: vmxhv does not intercept it",
			      what, cr, vmcs_read_natural(VMCS_GUEST_RIP));
}

enum exit_action exit_handle_cr_access(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint64_t qualification = vmcs_read_natural(VMCS_EXIT_QUALIFICATION);
	unsigned cr = qualification & CR_QUAL_NUMBER_MASK;
	unsigned gpr = (qualification >> CR_QUAL_GPR_SHIFT) & CR_QUAL_GPR_MASK;
	int result;

	switch ((qualification >> CR_QUAL_TYPE_SHIFT) & CR_QUAL_TYPE_MASK) {
	case CR_MOV_TO: {
		uint64_t value = guest_gpr_read(vcpu, gpr);
		if (!guest_in_64bit_mode())
			value &= 0xFFFFFFFFull; /* MOV to CR outside 64-bit mode takes 32 bits */
		switch (cr) {
		case 0:
			result = write_cr0(vcpu, value);
			break;
		case 3:
			result = write_cr3(vcpu, value);
			break;
		case 4:
			result = write_cr4(vcpu, value);
			break;
		case 8:
			/* No local APIC, so no TPR: keep nothing, but refuse reserved bits. */
			result = (value & CR8_RESERVED) ? -1 : 0;
			break;
		default:
			return unexpected_cr(vcpu, "MOV to", cr);
		}
		break;
	}
	case CR_MOV_FROM:
		if (cr == 3)
			guest_gpr_write(vcpu, gpr, vmcs_read_natural(VMCS_GUEST_CR3));
		else if (cr == 8)
			guest_gpr_write(vcpu, gpr, 0); /* TPR 0: nothing masked */
		else
			return unexpected_cr(vcpu, "MOV from", cr);
		result = 0;
		break;
	case CR_CLTS:
		result = write_cr0(vcpu, guest_cr0_visible() & ~CR0_TS);
		break;
	default: { /* LMSW: loads PE, MP, EM, TS; can set PE but not clear it */
		uint64_t old = guest_cr0_visible();
		uint64_t source = (qualification >> CR_QUAL_LMSW_SHIFT) & CR0_LMSW_BITS;
		result = write_cr0(vcpu, (old & ~CR0_LMSW_BITS) | source | (old & CR0_PE));
		break;
	}
	}
	if (result != 0) {
		inject_gp0(vcpu);
		return EXIT_RESUME;
	}
	skip_instruction(vcpu);
	return EXIT_RESUME;
}
