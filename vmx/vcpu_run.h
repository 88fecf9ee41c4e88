/* Running a vCPU until its guest ends (vmx/vcpu_run.c). */
#ifndef VMX_VCPU_RUN_H
#define VMX_VCPU_RUN_H

#include "vmx/vcpu.h"

/*
 * Enter the guest (VMLAUNCH, then VMRESUME) and handle its exits until it ends, by its own
 * request, by a fault, or because VM entry failed. vcpu->end says which; the reports are printed.
 */
void vcpu_run(struct vcpu *vcpu);

#endif
