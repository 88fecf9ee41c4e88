/*
 * The host_cpu seam (vmx/host_cpu.h) for host unit tests: MSR writes, XSETBV and INVVPID are
 * recorded; RDTSC returns what the test set; RDMSR returns what was last written or set.
 */
#ifndef TESTS_FAKE_HOST_CPU_H
#define TESTS_FAKE_HOST_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "vmx/host_cpu.h"

/* Nothing written, TSC 0, XCR0 1 (its reset value), no INVVPID. */
void fake_host_cpu_reset(void);

void fake_host_cpu_set_tsc(uint64_t tsc);

/* The value last written to msr through host_msr_write, and whether there was one. */
uint64_t fake_host_msr(uint32_t msr);
bool fake_host_msr_written(uint32_t msr);
unsigned fake_host_msr_write_count(void);
/*
 * Change msr in the fake hardware as the guest does without an exit (SWAPGS exchanging
 * GS.base and KERNEL_GS_BASE): host_msr_read returns value from now on, and
 * fake_host_msr_write_count does not count it.
 */
void fake_host_msr_set(uint32_t msr, uint64_t value);

/* XCR0 as host_xsetbv left it, and how many XSETBVs ran. */
uint64_t fake_host_xcr0(void);
unsigned fake_host_xsetbv_count(void);

/* INVVPIDs run: single-context ones with the VPID of the last, and all-context ones. */
unsigned fake_host_invvpid_single_count(void);
uint16_t fake_host_invvpid_single_vpid(void);
unsigned fake_host_invvpid_all_count(void);

/* The vector host_interrupt_done was last given, and how many times it was called. */
unsigned fake_host_interrupt_done_count(void);
uint8_t fake_host_interrupt_done_vector(void);

#endif
