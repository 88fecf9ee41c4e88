/*
 * Reading the VMX capability MSRs (kernel only). Each optional MSR is read only when the ones
 * before it say it exists: on Bochs, reading an absent VMX MSR raises #GP.
 */
#include "vmx/caps.h"
#include "kernel/cpu.h"
#include "kernel/msr_index.h"

#include <string.h>

bool vmx_cpu_has_vmx(void)
{
	return (cpuid(CPUID_LEAF_FEATURES, 0).ecx & CPUID_1_ECX_VMX) != 0;
}

bool vmx_cpu_has_smx(void)
{
	return (cpuid(CPUID_LEAF_FEATURES, 0).ecx & CPUID_1_ECX_SMX) != 0;
}

/* The always-present MSRs first (A.1-A.9), then the TRUE controls, secondary controls, EPT/VPID. */
void vmx_msr_values_read(struct vmx_msr_values *v)
{
	memset(v, 0, sizeof(*v));
	v->basic = rdmsr(MSR_IA32_VMX_BASIC);
	v->pinbased_ctls = rdmsr(MSR_IA32_VMX_PINBASED_CTLS);
	v->procbased_ctls = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS);
	v->exit_ctls = rdmsr(MSR_IA32_VMX_EXIT_CTLS);
	v->entry_ctls = rdmsr(MSR_IA32_VMX_ENTRY_CTLS);
	v->misc = rdmsr(MSR_IA32_VMX_MISC);
	v->cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
	v->cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	v->cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
	v->cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	v->vmcs_enum = rdmsr(MSR_IA32_VMX_VMCS_ENUM);

	if (v->basic & VMX_BASIC_TRUE_CONTROLS) {
		v->true_pinbased_ctls = rdmsr(MSR_IA32_VMX_TRUE_PINBASED_CTLS);
		v->true_procbased_ctls = rdmsr(MSR_IA32_VMX_TRUE_PROCBASED_CTLS);
		v->true_exit_ctls = rdmsr(MSR_IA32_VMX_TRUE_EXIT_CTLS);
		v->true_entry_ctls = rdmsr(MSR_IA32_VMX_TRUE_ENTRY_CTLS);
		v->has_true_ctls = true;
	}
	if (vmx_msr_values_want_procbased_ctls2(v)) {
		v->procbased_ctls2 = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2);
		v->has_procbased_ctls2 = true;
	}
	if (vmx_msr_values_want_ept_vpid_cap(v)) {
		v->ept_vpid_cap = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
		v->has_ept_vpid_cap = true;
	}
}

void vmx_caps_read(struct vmx_caps *caps)
{
	struct vmx_msr_values v;

	vmx_msr_values_read(&v);
	vmx_caps_decode(caps, &v);
}
