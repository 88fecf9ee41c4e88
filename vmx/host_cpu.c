/* The host_cpu seam in the kernel (vmx/host_cpu.h). */
#include "vmx/host_cpu.h"

#include "drivers/i8259.h"
#include "kernel/cpu.h"
#include "kernel/log.h"
#include "vmx/control_regs.h"
#include "vmx/vmx_ops.h"

void host_msr_write(uint32_t msr, uint64_t value)
{
	wrmsr(msr, value);
}

uint64_t host_msr_read(uint32_t msr)
{
	return rdmsr(msr);
}

uint64_t host_rdtsc(void)
{
	return rdtsc();
}

/*
 * XSETBV raises #UD unless CR4.OSXSAVE is set, and vmxhv does not keep it set: set it for the
 * one instruction and put CR4 back. XCR0 keeps its value with OSXSAVE clear, and the next VM
 * exit loads the host CR4 from the VMCS anyway.
 */
void host_xsetbv(uint32_t xcr, uint64_t value)
{
	uint64_t cr4 = read_cr4();

	if (!(cr4 & CR4_OSXSAVE))
		write_cr4(cr4 | CR4_OSXSAVE);
	__asm__ volatile("xsetbv" ::"c"(xcr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32))
			 : "memory");
	if (!(cr4 & CR4_OSXSAVE))
		write_cr4(cr4);
}

/*
 * The caller checked that the CPU has the type and that the VPID is not 0, so INVVPID cannot
 * fail; should it fail all the same, say so: the guest may then use stale translations.
 */
static void invvpid(enum invvpid_type type, uint16_t vpid)
{
	enum vmx_status status = vmx_invvpid(type, vpid, 0);

	if (status != VMX_SUCCEED) {
		unsigned error = status == VMX_FAIL_VALID ? vmx_instruction_error() : 0;
		log_error("vmx: INVVPID type %d for VPID %u failed: %s%s%s", (int)type, vpid,
			  vmx_status_name(status), error ? ", " : "",
			  error ? vm_instruction_error_text(error) : "");
	}
}

void host_invvpid_single_context(uint16_t vpid)
{
	invvpid(INVVPID_SINGLE_CONTEXT, vpid);
}

void host_invvpid_all_context(void)
{
	invvpid(INVVPID_ALL_CONTEXT, 0);
}

/*
 * PIC vectors get their end of interrupt (drivers/i8259.c tells spurious ones apart). vmxhv
 * enables no local-APIC interrupt source, so no other vector needs an EOI.
 */
void host_interrupt_done(uint8_t vector)
{
	if (i8259_owns_vector(vector))
		i8259_end_of_interrupt(vector);
}
