/*
 * The run loop: enter, handle the exit, enter again. It is the hot path of the hypervisor,
 * so it does nothing per exit beyond the entry stub and the exit handler.
 */
#include "vmx/vcpu_run.h"
#include "vmx/entry_failure.h"
#include "vmx/exit_dispatch.h"

/* vmx/vmentry.asm: 0 after a VM exit, else the VMfail kind (enum vmx_entry_result). */
int vmx_enter(struct vcpu *vcpu, int launched);

void vcpu_run(struct vcpu *vcpu)
{
	for (;;) {
		enum vmx_entry_result result = vmx_enter(vcpu, vcpu->launched);
		if (result != VMX_ENTRY_OK) {
			entry_failure_report(vcpu, result);
			return;
		}
		/* An entry that failed on the guest state arrives as an exit with bit 31 set;
		 * exit_dispatch reports it. */
		vcpu->launched = true;
		if (exit_dispatch(vcpu) == EXIT_END)
			return;
	}
}
