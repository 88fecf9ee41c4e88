/* The host_cpuid seam in the kernel: the CPUID instruction itself (vmx/host_cpuid.h). */
/* kernel/cpu.h first: it defines struct cpuid_regs, and host_cpuid.h then does not. */
#include "kernel/cpu.h"
#include "vmx/host_cpuid.h"

struct cpuid_regs host_cpuid(uint32_t leaf, uint32_t subleaf)
{
	return cpuid(leaf, subleaf);
}
