/*
 * The CPUID instruction (SDM Vol. 2A, CPUID): its four result registers, and the instruction
 * itself, inline. On its own so that kernel/cpu.h and the host_cpuid seam (vmx/host_cpuid.h)
 * share one definition. Host unit tests see only the struct: there, CPUID answers come from
 * the seam's fake, never from the machine running the tests.
 */
#ifndef KERNEL_CPUID_H
#define KERNEL_CPUID_H

#include <stdint.h>

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

#ifndef VMXHV_HOST_TEST
static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;
	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}
#endif

#endif
