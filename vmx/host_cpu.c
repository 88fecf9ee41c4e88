/* The host_cpu seam in the kernel (vmx/host_cpu.h). */
#include "vmx/host_cpu.h"

#include "drivers/i8259.h"
#include "kernel/cpu.h"
#include "vmx/control_regs.h"

void host_msr_write(uint32_t msr, uint64_t value)
{
	wrmsr(msr, value);
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

/* PIC vectors get their end of interrupt; a spurious or unknown vector needs none. */
void host_interrupt_done(uint8_t vector)
{
	if (i8259_owns_vector(vector))
		i8259_end_of_interrupt(vector);
}
