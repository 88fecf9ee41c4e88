/*
 * When VM entry fails: say why, with the state that matters, so the cause can be fixed. The
 * three ways it fails (SDM Vol. 3, 27.1-27.2 and 27.7; kvm-unit-tests' triage):
 *
 *   VMfailInvalid  VMLAUNCH/VMRESUME found no current VMCS (CF = 1): nothing to read.
 *   VMfailValid    the controls or the host state failed a check (ZF = 1): the VM-instruction
 *                  error says which; for 7 (control fields) the five control words are shown
 *                  against what the CPU allows, with every offending control by name, and the
 *                  other control fields VM entry checks; for 8 (host-state fields) the host
 *                  state.
 *   exit, bit 31   the guest state failed (33), MSR loading failed (34) or a machine check
 *                  happened (41): a VM exit whose exit reason has bit 31 set. For 33 the guest
 *                  state is dumped; for 34 the failing MSR-load entry.
 *
 * Every line starts "vm entry failed: " and is logged at error level. Afterwards
 * vcpu->end = VCPU_END_ENTRY_FAILED with a one-line end_reason.
 */
#ifndef VMX_ENTRY_FAILURE_H
#define VMX_ENTRY_FAILURE_H

#include "vmx/vcpu.h"

/* What vmx/vmentry.asm's vmx_enter returns. */
enum vmx_entry_result {
	VMX_ENTRY_OK = 0,           /* a VM exit happened (bit 31 of its reason may say failure) */
	VMX_ENTRY_FAIL_INVALID = 1, /* VMfailInvalid */
	VMX_ENTRY_FAIL_VALID = 2,   /* VMfailValid */
};

/*
 * Report the failure. For VMX_ENTRY_OK the exit reason is read: with bit 31 set it is the
 * third case above (exit_dispatch calls this for those itself); without, nothing failed and
 * only a line saying so is logged.
 */
void entry_failure_report(struct vcpu *vcpu, enum vmx_entry_result result);

#endif
