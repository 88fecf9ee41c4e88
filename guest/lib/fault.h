/*
 * Running an instruction that is expected to fault, and carrying on.
 *
 * A guarded instruction is bracketed by a recovery point: just before it, its asm stores the
 * address of the label that follows it in fault_resume_eip; just after, clears it. If the
 * instruction faults, the exception handler sees the armed address, records the vector and
 * error code, and resumes at the label - the same as advancing EIP past the instruction, but
 * without having to know its length. Registers are restored by the stub, so the compiler's view
 * of them holds; outputs of a faulted instruction are simply unchanged.
 *
 * Each try_* returns the vector of the exception it caught (VEC_GP, VEC_UD, ...) or
 * FAULT_NONE when the instruction completed.
 */
#ifndef GUEST_FAULT_H
#define GUEST_FAULT_H

#include <stdint.h>
#include "idt.h"

#define FAULT_NONE (-1)

int try_rdmsr(uint32_t msr, uint64_t *value);
int try_wrmsr(uint32_t msr, uint64_t value);
int try_vmcall(uint32_t nr, uint32_t *result);
int try_vmread(uint32_t field, uint32_t *value);
int try_vmwrite(uint32_t field, uint32_t value);
int try_vmxon(uint64_t vmxon_region_pa);
int try_write_cr4(uint32_t value);

/* The error code pushed by the last fault a try_* caught (0 for vectors without one). */
uint32_t fault_last_error_code(void);

/* For idt.c: if a recovery point is armed, consume it and redirect frame to it. */
int fault_recover(struct exception_frame *frame);

#endif
