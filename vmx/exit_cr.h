/*
 * What the control-register exit handler (vmx/exit_cr.c) tells the VMCS set-up: which CR4 bits
 * a guest may set. Every other bit belongs in the CR4 guest/host mask, so that a MOV to CR4
 * setting it exits and is refused with #GP, as on a CPU without the feature.
 */
#ifndef VMX_EXIT_CR_H
#define VMX_EXIT_CR_H

#include <stdint.h>

struct vmx_caps;

/*
 * The CR4 bits a guest may set: those every VMX-capable CPU has, plus those whose feature
 * cpuid_view shows the guest, all within what VMX operation allows (caps->cr4_fixed1; caps may
 * be NULL, for no such limit). Never VMXE or SMXE. Reads the host's CPUID (through
 * vmx/host_cpuid.h), so it is for set-up and for the rare CR4 exit, not for hot paths.
 */
uint64_t cr4_guest_allowed(const struct vmx_caps *caps);

#endif
