/*
 * The CR0/CR4 bits VMX operation fixes (SDM Vol. 3, 24.8 "Restrictions on VMX Operation" and
 * A.7-A.8): a bit set in FIXED0 must be 1, a bit clear in FIXED1 must be 0. Pure: vmx_on.c
 * reads and writes the registers; tests feed values.
 */
#ifndef VMX_CR_FIXED_H
#define VMX_CR_FIXED_H

#include <stdbool.h>
#include <stdint.h>

#include "vmx/control_regs.h" /* CR4_VMXE */

/* (value & fixed0) == fixed0 and (value & ~fixed1) == 0. */
bool cr_fixed_ok(uint64_t value, uint64_t fixed0, uint64_t fixed1);

/* value with every fixed-1 bit set and every fixed-0 bit cleared. */
uint64_t cr_fixed_apply(uint64_t value, uint64_t fixed0, uint64_t fixed1);

/*
 * Check value and log one line with the verdict, e.g.
 *   "vmx: CR4 0x00000000000026a0 (FIXED0 0x2000, FIXED1 0x1727ff): ok"
 * or, for a value that breaks a rule, the offending bits ("... : bits 0x20 must be 1").
 * Returns cr_fixed_ok(value, fixed0, fixed1).
 */
bool cr_fixed_check_and_log(const char *name, uint64_t value, uint64_t fixed0, uint64_t fixed1);

#endif
