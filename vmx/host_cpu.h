/*
 * The few privileged operations the exit handlers perform on the host CPU for the guest, as a
 * seam: the kernel executes them (vmx/host_cpu.c), host unit tests record them
 * (tests/unit/support/fake_host_cpu.c).
 */
#ifndef VMX_HOST_CPU_H
#define VMX_HOST_CPU_H

#include <stdint.h>

/*
 * WRMSR on the host, for the guest's MSRs that live in the hardware while it runs (STAR,
 * LSTAR, CSTAR, FMASK, KERNEL_GS_BASE, TSC_AUX: the VMCS does not switch them, and vmxhv itself
 * never uses SYSCALL, SWAPGS or RDTSCP). The caller has validated value: it must not fault.
 */
void host_msr_write(uint32_t msr, uint64_t value);

/*
 * RDMSR on the host, for those of the MSRs above that the guest changes without an exit:
 * KERNEL_GS_BASE, which SWAPGS exchanges with GS.base. msr must exist: it must not fault.
 */
uint64_t host_msr_read(uint32_t msr);

/* RDTSC on the host: the guest's TSC is this plus VMCS_TSC_OFFSET. */
uint64_t host_rdtsc(void);

/*
 * XSETBV on the host for the guest: XCR0 is not switched by VM entry or exit, so the guest's
 * XCR0 is the hardware's (vmxhv itself never uses XSAVE state). The caller has validated
 * value against what the CPU supports.
 */
void host_xsetbv(uint32_t xcr, uint64_t value);

/*
 * INVVPID on the host: invalidate the translations tagged with one VPID (single-context), or
 * with every VPID but 0 (all-context), as a guest's MOV to CR0/CR4 that changes paging does on
 * the CPU when vmxhv emulates it (SDM Vol. 3, 4.10.4.1 and 29.4.3). The caller has checked
 * that the CPU has the type (IA32_VMX_EPT_VPID_CAP, vmx/caps.h) and that vpid is not 0.
 */
void host_invvpid_single_context(uint16_t vpid);
void host_invvpid_all_context(void);

/*
 * A host interrupt that arrived while the guest ran, acknowledged by the VM exit (vector from
 * the exit interruption information): send its controller the end of interrupt. vmxhv masks
 * every host interrupt line, so this is for the stray one (see drivers/i8259.h).
 */
void host_interrupt_done(uint8_t vector);

#endif
