/*
 * The host_cpu seam (vmx/host_cpu.h) for host unit tests: MSR writes and XSETBV are recorded,
 * RDTSC returns what the test set.
 */
#ifndef TESTS_FAKE_HOST_CPU_H
#define TESTS_FAKE_HOST_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "vmx/host_cpu.h"

/* Nothing written, TSC 0, XCR0 1 (its reset value). */
void fake_host_cpu_reset(void);

void fake_host_cpu_set_tsc(uint64_t tsc);

/* The value last written to msr through host_msr_write, and whether there was one. */
uint64_t fake_host_msr(uint32_t msr);
bool fake_host_msr_written(uint32_t msr);
unsigned fake_host_msr_write_count(void);

/* XCR0 as host_xsetbv left it, and how many XSETBVs ran. */
uint64_t fake_host_xcr0(void);
unsigned fake_host_xsetbv_count(void);

/* The vector host_interrupt_done was last given, and how many times it was called. */
unsigned fake_host_interrupt_done_count(void);
uint8_t fake_host_interrupt_done_vector(void);

#endif
