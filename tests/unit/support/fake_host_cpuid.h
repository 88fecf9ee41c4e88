/*
 * The host_cpuid seam (vmx/host_cpuid.h) for host unit tests: answers come from a table. After
 * fake_host_cpuid_reset the table describes a Haswell-like Intel CPU (with VMX, SMX, x2APIC,
 * an APIC, 8 cores with 2 threads, AVX, XSAVE, RDTSCP, NX, 1 GiB pages, 39-bit physical and
 * 48-bit linear addresses), so a test sees what cpuid_view hides. A leaf not in the table
 * answers zeros.
 */
#ifndef TESTS_FAKE_HOST_CPUID_H
#define TESTS_FAKE_HOST_CPUID_H

#include <stdint.h>

#include "vmx/host_cpuid.h"

#define FAKE_CPUID_ANY_SUBLEAF 0xFFFFFFFFu

/* Back to the Haswell-like table; call counter cleared. */
void fake_host_cpuid_reset(void);
/* An empty table: every leaf answers zeros. */
void fake_host_cpuid_clear(void);
/* Add or replace one answer (subleaf FAKE_CPUID_ANY_SUBLEAF: for every subleaf not listed). */
void fake_host_cpuid_set(uint32_t leaf, uint32_t subleaf, struct cpuid_regs regs);
/* How many times host_cpuid ran since the last reset. */
unsigned fake_host_cpuid_calls(void);

#endif
