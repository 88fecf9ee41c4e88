/*
 * The host's CPUID, as a seam: the kernel executes CPUID (vmx/host_cpuid.c), host unit tests
 * answer from a table (tests/unit/support/fake_host_cpuid.c). Pure code such as
 * vmx/cpuid_view.c calls only this.
 */
#ifndef VMX_HOST_CPUID_H
#define VMX_HOST_CPUID_H

#include <stdint.h>

/*
 * The same four registers as kernel/cpu.h's struct cpuid_regs, which pure code must not
 * include. Only vmx/host_cpuid.c includes both, kernel/cpu.h first (its guard skips this).
 */
#ifndef KERNEL_CPU_H
struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};
#endif

/* CPUID with EAX = leaf and ECX = subleaf, executed on the host. */
struct cpuid_regs host_cpuid(uint32_t leaf, uint32_t subleaf);

#endif
