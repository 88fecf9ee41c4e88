/*
 * Handling a VM exit: what the run loop calls after every exit.
 *
 *	for (;;) {
 *		result = enter(vcpu);
 *		if (result != VMX_ENTRY_OK) { entry_failure_report(vcpu, result); break; }
 *		if (exit_dispatch(vcpu) == EXIT_END) break;
 *	}
 *
 * exit_dispatch reads the exit reason, counts it in vcpu->stats and calls the one handler for
 * that basic exit reason (vmx/exit_*.c, declared in vmx/exit_handlers.h). An exit reason with
 * bit 31 set (a VM-entry failure after the guest state was loaded: reasons 33, 34, 41) goes to
 * entry_failure_report from here, so the loop need not read the exit reason itself.
 *
 * EXIT_END means vcpu->end and vcpu->end_reason say why the guest stopped; print them with
 * exit_report_guest_end (vmx/exit_report.h).
 */
#ifndef VMX_EXIT_DISPATCH_H
#define VMX_EXIT_DISPATCH_H

#include "vmx/vcpu.h"

enum exit_action {
	EXIT_RESUME, /* enter the guest again */
	EXIT_END,    /* the guest is done: vcpu->end says why */
};

enum exit_action exit_dispatch(struct vcpu *vcpu);

#endif
