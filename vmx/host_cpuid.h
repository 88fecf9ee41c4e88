/*
 * The host's CPUID, as a seam: in the kernel it is the instruction itself, inline, because the
 * CPUID exit path is made of it; host unit tests answer from a table
 * (tests/unit/support/fake_host_cpuid.c). Pure code such as vmx/cpuid_view.c calls only this.
 */
#ifndef VMX_HOST_CPUID_H
#define VMX_HOST_CPUID_H

#include <stdint.h>

#include "kernel/cpuid.h"

#ifdef VMXHV_HOST_TEST
/* CPUID with EAX = leaf and ECX = subleaf, answered from the test's table. */
struct cpuid_regs host_cpuid(uint32_t leaf, uint32_t subleaf);
#else
/* CPUID with EAX = leaf and ECX = subleaf, executed on the host. */
static inline struct cpuid_regs host_cpuid(uint32_t leaf, uint32_t subleaf)
{
	return cpuid(leaf, subleaf);
}
#endif

#endif
