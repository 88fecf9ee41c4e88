/*
 * The hypercall ABI: what a guest gets from VMCALL (vmx/exit_misc.c).
 *
 * The guest puts the hypercall number in RAX and executes VMCALL at CPL 0; the result comes
 * back in RAX and the guest continues after the VMCALL. A VMCALL at CPL > 0 raises #UD, as it
 * would on a CPU without a hypervisor. guest/include/vmxhv_guest_abi.h is the guest's copy of
 * these numbers: change both together.
 */
#ifndef VMX_HYPERCALL_H
#define VMX_HYPERCALL_H

#include <stdint.h>

#include "kernel/version.h"

/* RAX = (major << 16) | minor of vmxhv; never 0, so a guest can tell it from "no answer". */
#define VMXHV_HC_VERSION 0u

/* RAX after a hypercall number this ABI does not define. */
#define VMXHV_HC_UNKNOWN (~(uint64_t)0)

/* The version VMXHV_HC_VERSION returns; CPUID leaf 0x40000001 EAX reports the same. */
#define VMXHV_HYPERCALL_VERSION \
	(((uint32_t)VMXHV_VERSION_MAJOR << 16) | (uint32_t)VMXHV_VERSION_MINOR)

#endif
