/*
 * Entering VMX operation at boot (SDM Vol. 3, 24.7 "Enabling and Entering VMX Operation" and
 * 31.5 "VMM Setup & Tear Down"), kernel only. kmain calls vmx_start once memory is up:
 *
 *   1. CPUID.01H:ECX.VMX                      else VMX_START_NO_VMX
 *   2. read and log the capabilities          (vmx/caps_read.c, vmx/caps_log.c)
 *   3. IA32_FEATURE_CONTROL: enable and lock  else VMX_START_DISABLED_BY_FIRMWARE
 *   4. CR0/CR4 fixed bits, CR4.VMXE, checked  else VMX_START_CR_FIXED
 *   5. VMXON region, VMXON                    else VMX_START_NO_MEMORY / VMX_START_VMXON_FAILED
 *   6. VMCS region, VMCLEAR, VMPTRLD          else VMX_START_NO_MEMORY / VMX_START_VMCS_FAILED
 *   7. what guests need (EPT, unrestricted guest, bitmaps): else VMX_START_NO_EPT /
 *      VMX_START_NO_UNRESTRICTED_GUEST / VMX_START_NO_BITMAPS. VMX stays on and the VMCS
 *      loaded in these three cases (steps 5-6 were reported), but guests cannot run.
 *
 * Each step logs what it did or why it failed. On failure in steps 4-6 everything done so far
 * is undone (VMXOFF, CR4.VMXE cleared, regions freed).
 */
#ifndef VMX_VMX_ON_H
#define VMX_VMX_ON_H

#include <stdbool.h>

#include "vmx/caps.h"
#include "vmx/region.h"

/* One CPU's VMX state, for the stage that sets up the VMCS and launches the guest. */
struct vmx_cpu {
	struct vmx_caps caps;     /* read once by vmx_start */
	struct vmx_region vmxon;  /* .phys: the VMXON region */
	struct vmx_region vmcs;   /* .phys: the VMCS made current (VMCLEARed, then VMPTRLDed) */
	bool vmx_on;              /* in VMX root operation */
	bool vmcs_current;        /* vmcs is this CPU's current VMCS */
};

enum vmx_start_result {
	VMX_START_OK = 0,
	VMX_START_NO_VMX = -1,                 /* CPUID says no VMX (QEMU TCG) */
	VMX_START_DISABLED_BY_FIRMWARE = -2,   /* IA32_FEATURE_CONTROL locked with VMX off */
	VMX_START_CR_FIXED = -3,               /* CR0/CR4 cannot satisfy FIXED0/FIXED1 */
	VMX_START_NO_MEMORY = -4,              /* or a region the caps make impossible */
	VMX_START_VMXON_FAILED = -5,
	VMX_START_VMCS_FAILED = -6,            /* VMCLEAR or VMPTRLD */
	VMX_START_NO_EPT = -7,                 /* VMX on, VMCS loaded, but no usable EPT (bx_generic) */
	VMX_START_NO_UNRESTRICTED_GUEST = -8,  /* VMX on, VMCS loaded, no unrestricted guest */
	VMX_START_NO_BITMAPS = -9,             /* VMX on, VMCS loaded, no I/O or MSR bitmaps */
};

/* Steps 1-7 above; cpu is filled in as far as they got. */
enum vmx_start_result vmx_start(struct vmx_cpu *cpu);

/* Leave VMX operation: VMCLEAR the VMCS, VMXOFF, clear CR4.VMXE, free both regions. */
void vmx_stop(struct vmx_cpu *cpu);

/* A short phrase for a result ("no EPT"), for kmain's own message. */
const char *vmx_start_result_text(enum vmx_start_result result);

#endif
