/*
 * Filling the VMCS for a new guest (SDM Vol. 3, chapter 25 for the fields, chapter 27 for the
 * checks VM entry makes on them).
 *
 * Controls: every I/O port and MSR access exits (through the bitmaps), HLT exits, EPT and
 * unrestricted guest are on, IA32_EFER and IA32_PAT are swapped by the CPU at entry and exit.
 * Host state: this CPU as the kernel runs it, returning to vmx_exit_point. Guest state: the
 * machine state of the boot protocol, today 32-bit protected mode with paging off.
 */
#include "vmx/vmcs_setup.h"
#include "kernel/cpu.h"
#include "kernel/layout.h"
#include "kernel/log.h"
#include "kernel/msr_index.h"
#include "vmx/control_regs.h"
#include "vmx/controls.h"
#include "vmx/cr_fixed.h"
#include "vmx/exit_cr.h"
#include "vmx/vmcs.h"
#include "vmx/vmx_controls.h"

#define RFLAGS_RESERVED_1 (1ull << 1)
#define DR7_INIT          0x400ull
#define PAT_POWER_ON      0x0007040600070406ull /* WB WT UC- UC, twice (SDM 13.12.4) */
#define VMCS_LINK_NONE_VALUE 0xFFFFFFFFFFFFFFFFull /* no shadow VMCS (SDM 27.3.1.5) */

/* Segment access rights as the VMCS holds them (SDM Table 25-2). */
#define AR_CODE32_FLAT    0xC09B  /* G, D/B, P, S, type 11: execute/read, accessed */
#define AR_DATA32_FLAT    0xC093  /* G, D/B, P, S, type 3: read/write, accessed */
#define AR_TSS32_BUSY     0x008B  /* P, type 11: busy 32-bit TSS */
#define AR_UNUSABLE       0x10000 /* bit 16: the segment is unusable */

#define FLAT_LIMIT        0xFFFFFFFFu
#define GUEST_CODE_SELECTOR 0x08
#define GUEST_DATA_SELECTOR 0x10

extern char vmx_exit_point[];
extern char tss64[];

/* Every request below, with the SDM's reason when it is not obvious. */
static const struct vmx_control_request control_requests[VMX_CONTROLS_WORD_COUNT] = {
	/* The machine's interrupts and NMIs exit, so none goes through the guest's IDT. */
	[VMX_CONTROLS_PINBASED] = {
		.required = PIN_BASED_EXTERNAL_INTERRUPT_EXITING | PIN_BASED_NMI_EXITING,
		.refused = PIN_BASED_ACTIVATE_PREEMPTION_TIMER,
	},
	[VMX_CONTROLS_PROCBASED] = {
		/* CR8 is the local APIC's TPR and RDPMC reads the host's counters: the guest
		 * gets neither (no local APIC, no PMU), so both exit. */
		.required = PROCBASED_HLT_EXITING | PROCBASED_USE_IO_BITMAPS |
			    PROCBASED_USE_MSR_BITMAPS | PROCBASED_ACTIVATE_SECONDARY_CONTROLS |
			    PROCBASED_CR8_LOAD_EXITING | PROCBASED_CR8_STORE_EXITING |
			    PROCBASED_RDPMC_EXITING,
		/* MWAIT would sleep with nothing to wake it; make it an exit we report. */
		.optional = PROCBASED_USE_TSC_OFFSETTING | PROCBASED_MWAIT_EXITING |
			    PROCBASED_MONITOR_EXITING,
		/* The guest owns CR3 and its TLB under EPT; the bitmaps decide I/O. */
		.refused = PROCBASED_CR3_LOAD_EXITING | PROCBASED_CR3_STORE_EXITING |
			   PROCBASED_INVLPG_EXITING | PROCBASED_RDTSC_EXITING |
			   PROCBASED_UNCONDITIONAL_IO_EXITING | PROCBASED_USE_TPR_SHADOW,
	},
	[VMX_CONTROLS_PROCBASED2] = {
		.required = SECONDARY_ENABLE_EPT | SECONDARY_UNRESTRICTED_GUEST,
		/* Without "enable RDTSCP"/"enable INVPCID" those instructions raise #UD. */
		.optional = SECONDARY_ENABLE_VPID | SECONDARY_ENABLE_RDTSCP |
			    SECONDARY_ENABLE_INVPCID,
	},
	[VMX_CONTROLS_EXIT] = {
		/* "acknowledge interrupt on exit": a host interrupt's exit takes it from its
		 * controller, so it does not stay pending and exit again at every entry. */
		.required = VM_EXIT_HOST_ADDRESS_SPACE_SIZE | VM_EXIT_SAVE_IA32_EFER |
			    VM_EXIT_LOAD_IA32_EFER | VM_EXIT_SAVE_IA32_PAT | VM_EXIT_LOAD_IA32_PAT |
			    VM_EXIT_ACKNOWLEDGE_INTERRUPT_ON_EXIT,
	},
	[VMX_CONTROLS_ENTRY] = {
		.required = VM_ENTRY_LOAD_IA32_EFER | VM_ENTRY_LOAD_IA32_PAT,
		.refused = VM_ENTRY_ENTRY_TO_SMM | VM_ENTRY_DEACTIVATE_DUAL_MONITOR,
	},
};

static const uint32_t control_fields[VMX_CONTROLS_WORD_COUNT] = {
	[VMX_CONTROLS_PINBASED] = VMCS_PIN_BASED_CONTROLS,
	[VMX_CONTROLS_PROCBASED] = VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS,
	[VMX_CONTROLS_PROCBASED2] = VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS,
	[VMX_CONTROLS_EXIT] = VMCS_PRIMARY_VM_EXIT_CONTROLS,
	[VMX_CONTROLS_ENTRY] = VMCS_VM_ENTRY_CONTROLS,
};

/*
 * The requests above, with what this VM's configuration and this CPU add. VPID only where
 * INVVPID can flush what the guest leaves tagged with it (vmx/exit_cr.c), as KVM does.
 */
static struct vmx_control_request request_for(enum vmx_control_word w,
					      const struct vmcs_config *config,
					      const struct vmx_caps *caps)
{
	struct vmx_control_request request = control_requests[w];

	if (w == VMX_CONTROLS_PROCBASED2 && !vmx_caps_has_invvpid_single_context(caps) &&
	    !vmx_caps_has_invvpid_all_context(caps))
		request.optional &= ~SECONDARY_ENABLE_VPID;

	if (config->preemption_timer && w == VMX_CONTROLS_PINBASED) {
		request.required |= PIN_BASED_ACTIVATE_PREEMPTION_TIMER;
		request.refused &= ~PIN_BASED_ACTIVATE_PREEMPTION_TIMER;
	}
	if (config->preemption_timer && w == VMX_CONTROLS_EXIT)
		request.required |= VM_EXIT_SAVE_PREEMPTION_TIMER_VALUE; /* guest time only */
	return request;
}

static int setup_controls(const struct vmx_caps *caps, const struct vmcs_config *config)
{
	uint32_t value[VMX_CONTROLS_WORD_COUNT];
	struct vmx_control_error error;
	bool ok = true;

	for (int w = 0; w < VMX_CONTROLS_WORD_COUNT; w++) {
		struct vmx_control_request request = request_for(w, config, caps);

		if (vmx_controls_adjust(w, vmx_caps_control_word(caps, w), request, &value[w],
					&error) != VMX_CONTROL_OK) {
			vmx_control_error_log(&error);
			return -1;
		}
		ok &= vmcs_write_checked(control_fields[w], value[w]);
	}
	if (value[VMX_CONTROLS_PROCBASED2] & SECONDARY_ENABLE_VPID)
		ok &= vmcs_write16(VMCS_VIRTUAL_PROCESSOR_ID, config->vpid);
	ok &= vmcs_write64(VMCS_EPT_POINTER, config->eptp);
	ok &= vmcs_write64(VMCS_IO_BITMAP_A, config->io_bitmap_a);
	ok &= vmcs_write64(VMCS_IO_BITMAP_B, config->io_bitmap_b);
	ok &= vmcs_write64(VMCS_MSR_BITMAP, config->msr_bitmap);
	ok &= vmcs_write64(VMCS_TSC_OFFSET, 0);
	ok &= vmcs_write32(VMCS_EXCEPTION_BITMAP, 0); /* the guest handles its own exceptions */
	ok &= vmcs_write32(VMCS_PAGE_FAULT_ERROR_CODE_MASK, 0);
	ok &= vmcs_write32(VMCS_PAGE_FAULT_ERROR_CODE_MATCH, 0);
	ok &= vmcs_write32(VMCS_CR3_TARGET_COUNT, 0);
	ok &= vmcs_write32(VMCS_VM_EXIT_MSR_STORE_COUNT, 0);
	ok &= vmcs_write32(VMCS_VM_EXIT_MSR_LOAD_COUNT, 0);
	ok &= vmcs_write32(VMCS_VM_ENTRY_MSR_LOAD_COUNT, 0);
	ok &= vmcs_write32(VMCS_VM_ENTRY_INTERRUPTION_INFORMATION, 0);
	ok &= vmcs_write_natural(VMCS_CR0_GUEST_HOST_MASK, vmcs_cr0_guest_host_mask(caps));
	ok &= vmcs_write_natural(VMCS_CR4_GUEST_HOST_MASK, vmcs_cr4_guest_host_mask(caps));
	return ok ? 0 : -1;
}

/* The state the CPU loads at every VM exit: the kernel as it runs now (SDM 28.5). */
static int setup_host_state(void)
{
	struct descriptor_table_register gdtr = read_gdtr(), idtr = read_idtr();
	bool ok = true;

	ok &= vmcs_write_natural(VMCS_HOST_CR0, read_cr0());
	ok &= vmcs_write_natural(VMCS_HOST_CR3, read_cr3());
	ok &= vmcs_write_natural(VMCS_HOST_CR4, read_cr4());
	ok &= vmcs_write16(VMCS_HOST_CS_SELECTOR, GDT_KERNEL_CODE);
	ok &= vmcs_write16(VMCS_HOST_SS_SELECTOR, GDT_KERNEL_DATA);
	ok &= vmcs_write16(VMCS_HOST_DS_SELECTOR, GDT_KERNEL_DATA);
	ok &= vmcs_write16(VMCS_HOST_ES_SELECTOR, GDT_KERNEL_DATA);
	ok &= vmcs_write16(VMCS_HOST_FS_SELECTOR, 0);
	ok &= vmcs_write16(VMCS_HOST_GS_SELECTOR, 0);
	ok &= vmcs_write16(VMCS_HOST_TR_SELECTOR, GDT_TSS);
	ok &= vmcs_write_natural(VMCS_HOST_FS_BASE, rdmsr(MSR_IA32_FS_BASE));
	ok &= vmcs_write_natural(VMCS_HOST_GS_BASE, rdmsr(MSR_IA32_GS_BASE));
	ok &= vmcs_write_natural(VMCS_HOST_TR_BASE, (uint64_t)tss64);
	ok &= vmcs_write_natural(VMCS_HOST_GDTR_BASE, gdtr.base);
	ok &= vmcs_write_natural(VMCS_HOST_IDTR_BASE, idtr.base);
	ok &= vmcs_write32(VMCS_HOST_IA32_SYSENTER_CS, 0);
	ok &= vmcs_write_natural(VMCS_HOST_IA32_SYSENTER_ESP, 0);
	ok &= vmcs_write_natural(VMCS_HOST_IA32_SYSENTER_EIP, 0);
	ok &= vmcs_write64(VMCS_HOST_IA32_EFER, rdmsr(MSR_IA32_EFER));
	ok &= vmcs_write64(VMCS_HOST_IA32_PAT, rdmsr(MSR_IA32_PAT));
	ok &= vmcs_write_natural(VMCS_HOST_RIP, (uint64_t)vmx_exit_point);
	return ok ? 0 : -1;
}

/*
 * CR0 bits VMX fixes, except PE and PG, which unrestricted guest lets the guest own (SDM 25.8),
 * and CD/NW, so that a guest turning its caches off cannot slow the host's: a guest write that
 * would change one of them exits, and vmx/exit_cr.c keeps the real value legal while the read
 * shadow shows the guest what it wrote.
 */
uint64_t vmcs_cr0_guest_host_mask(const struct vmx_caps *caps)
{
	return ((caps->cr0_fixed0 | ~caps->cr0_fixed1) & ~(CR0_PE | CR0_PG)) | CR0_CD | CR0_NW;
}

/*
 * CR4 bits VMX fixes, and those the guest may not set (features CPUID hides from it, see
 * cr4_guest_allowed): a write that would change one exits and gets #GP.
 */
uint64_t vmcs_cr4_guest_host_mask(const struct vmx_caps *caps)
{
	return caps->cr4_fixed0 | ~caps->cr4_fixed1 | ~cr4_guest_allowed(caps);
}

static bool write_segment(uint32_t selector_field, uint16_t selector, uint64_t base,
			  uint32_t limit, uint32_t access_rights)
{
	/* The four fields of a segment sit at fixed distances from its selector's encoding. */
	uint32_t index = selector_field - VMCS_GUEST_ES_SELECTOR;
	bool ok = vmcs_write_checked(selector_field, selector);
	ok &= vmcs_write_checked(VMCS_GUEST_ES_BASE + index, base);
	ok &= vmcs_write_checked(VMCS_GUEST_ES_LIMIT + index, limit);
	ok &= vmcs_write_checked(VMCS_GUEST_ES_ACCESS_RIGHTS + index, access_rights);
	return ok;
}

/* Multiboot's machine state (spec 3.2), which the Linux 32-bit boot protocol shares. */
static int setup_guest_protected32_flat(const struct vmx_caps *caps,
					const struct guest_boot_state *boot)
{
	uint64_t cr0 = CR0_PE | CR0_ET, cr4 = 0;
	bool ok = true;

	ok &= vmcs_write_natural(VMCS_CR0_READ_SHADOW, cr0);
	ok &= vmcs_write_natural(VMCS_GUEST_CR0, (cr0 | caps->cr0_fixed0) & caps->cr0_fixed1 & ~CR0_PG);
	ok &= vmcs_write_natural(VMCS_CR4_READ_SHADOW, cr4);
	ok &= vmcs_write_natural(VMCS_GUEST_CR4, cr_fixed_apply(cr4, caps->cr4_fixed0, caps->cr4_fixed1));
	ok &= vmcs_write_natural(VMCS_GUEST_CR3, 0);
	ok &= write_segment(VMCS_GUEST_CS_SELECTOR, GUEST_CODE_SELECTOR, 0, FLAT_LIMIT, AR_CODE32_FLAT);
	ok &= write_segment(VMCS_GUEST_SS_SELECTOR, GUEST_DATA_SELECTOR, 0, FLAT_LIMIT, AR_DATA32_FLAT);
	ok &= write_segment(VMCS_GUEST_DS_SELECTOR, GUEST_DATA_SELECTOR, 0, FLAT_LIMIT, AR_DATA32_FLAT);
	ok &= write_segment(VMCS_GUEST_ES_SELECTOR, GUEST_DATA_SELECTOR, 0, FLAT_LIMIT, AR_DATA32_FLAT);
	ok &= write_segment(VMCS_GUEST_FS_SELECTOR, GUEST_DATA_SELECTOR, 0, FLAT_LIMIT, AR_DATA32_FLAT);
	ok &= write_segment(VMCS_GUEST_GS_SELECTOR, GUEST_DATA_SELECTOR, 0, FLAT_LIMIT, AR_DATA32_FLAT);
	ok &= write_segment(VMCS_GUEST_LDTR_SELECTOR, 0, 0, 0, AR_UNUSABLE);
	ok &= write_segment(VMCS_GUEST_TR_SELECTOR, 0, 0, 0xFFFF, AR_TSS32_BUSY);
	ok &= vmcs_write_natural(VMCS_GUEST_GDTR_BASE, 0);
	ok &= vmcs_write32(VMCS_GUEST_GDTR_LIMIT, 0);
	ok &= vmcs_write_natural(VMCS_GUEST_IDTR_BASE, 0);
	ok &= vmcs_write32(VMCS_GUEST_IDTR_LIMIT, 0);
	ok &= vmcs_write_natural(VMCS_GUEST_RIP, boot->rip);
	ok &= vmcs_write_natural(VMCS_GUEST_RSP, boot->rsp);
	ok &= vmcs_write_natural(VMCS_GUEST_RFLAGS, RFLAGS_RESERVED_1); /* IF = 0 */
	return ok ? 0 : -1;
}

/* Guest state that every boot protocol starts from: power-on values (SDM Table 10-1). */
static int setup_guest_common(void)
{
	bool ok = true;

	ok &= vmcs_write_natural(VMCS_GUEST_DR7, DR7_INIT);
	ok &= vmcs_write64(VMCS_GUEST_IA32_DEBUGCTL, 0);
	ok &= vmcs_write64(VMCS_GUEST_IA32_EFER, 0);
	ok &= vmcs_write64(VMCS_GUEST_IA32_PAT, PAT_POWER_ON);
	ok &= vmcs_write32(VMCS_GUEST_IA32_SYSENTER_CS, 0);
	ok &= vmcs_write_natural(VMCS_GUEST_IA32_SYSENTER_ESP, 0);
	ok &= vmcs_write_natural(VMCS_GUEST_IA32_SYSENTER_EIP, 0);
	ok &= vmcs_write64(VMCS_LINK_POINTER, VMCS_LINK_NONE_VALUE);
	ok &= vmcs_write32(VMCS_GUEST_ACTIVITY_STATE, 0);
	ok &= vmcs_write32(VMCS_GUEST_INTERRUPTIBILITY_STATE, 0);
	ok &= vmcs_write_natural(VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS, 0);
	return ok ? 0 : -1;
}

static void load_boot_registers(struct vcpu *vcpu, const struct guest_boot_state *boot)
{
	vcpu->regs = (struct guest_regs){
		.rax = boot->rax, .rbx = boot->rbx, .rcx = boot->rcx, .rdx = boot->rdx,
		.rsi = boot->rsi, .rdi = boot->rdi, .rbp = boot->rbp,
	};
}

int vmcs_setup(struct vcpu *vcpu, const struct vmcs_config *config,
	       const struct guest_boot_state *boot)
{
	if (setup_controls(vcpu->caps, config) != 0 || setup_host_state() != 0 ||
	    setup_guest_common() != 0)
		return -1;
	switch (boot->mode) {
	case GUEST_ENTRY_PROTECTED32_FLAT:
		if (setup_guest_protected32_flat(vcpu->caps, boot) != 0)
			return -1;
		break;
	}
	load_boot_registers(vcpu, boot);
	return 0;
}
