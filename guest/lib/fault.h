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
int try_rdpmc(uint32_t counter, uint64_t *value);

/*
 * CPUID with EFLAGS.TF set, as a debugger single-stepping would run it: the single-step #DB
 * (VEC_DB) is expected right after it. *next_eip is the address after CPUID; where the
 * exception came from is fault_last_eip(). Without any #DB, the guest ends at the next
 * instruction with an unexpected one.
 */
int try_cpuid_single_step(uint32_t leaf, uint32_t *next_eip);

/* The error code pushed by the last fault a try_* caught (0 for vectors without one). */
uint32_t fault_last_error_code(void);
/* The EIP the last caught exception pushed: the faulting instruction, or for a trap the next. */
uint32_t fault_last_eip(void);

/*
 * For idt.c: if a recovery point is armed, consume it and redirect frame to it, with
 * single-stepping (EFLAGS.TF) off.
 */
int fault_recover(struct exception_frame *frame);

#endif
