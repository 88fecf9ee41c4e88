/*
 * The VMCS access seam (vmx/vmcs.h) for host unit tests: vmcs_read/vmcs_write work on an
 * in-memory table indexed by field encoding, with VMREAD/VMWRITE's rules (values truncated to
 * the field's width, malformed encodings rejected with error 12, writes to read-only
 * "VM-exit information" fields rejected with error 13). A test sets up exit information with
 * fake_vmcs_set, runs a handler, and checks what it wrote with fake_vmcs_get/fake_vmcs_written.
 *
 * Failures are logged (kernel/log.h, so fake_log sees them) and counted. This file depends on
 * no vmx/ source file, so any test may link it.
 */
#ifndef TESTS_FAKE_VMCS_H
#define TESTS_FAKE_VMCS_H

#include <stdbool.h>
#include <stdint.h>

#include "vmx/vmcs.h"

/* Every field 0 and unwritten, no failure armed, a current VMCS present, counters cleared. */
void fake_vmcs_reset(void);

/* A field's value, or set one directly (read-only fields too; truncated to the width). */
uint64_t fake_vmcs_get(uint32_t field);
void fake_vmcs_set(uint32_t field, uint64_t value);

/* Whether vmcs_write* stored to field since the last reset, and how many times. */
bool fake_vmcs_written(uint32_t field);
unsigned fake_vmcs_write_count(uint32_t field);

/* From now on, every access to field fails with VMfailValid and this error number. */
void fake_vmcs_fail_field(uint32_t field, unsigned vm_instruction_error);
/* Pretend there is no current VMCS: every access fails with VMfailInvalid. */
void fake_vmcs_set_current(bool present);

/* How many accesses failed since the last reset. */
unsigned fake_vmcs_failure_count(void);

#endif
