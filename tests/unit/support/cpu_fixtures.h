/*
 * Synthetic CPUs for host unit tests: the VMX capability MSR values a test decodes instead of
 * reading hardware, so every test that needs "a Haswell" or "a CPU with EPT" means the same one.
 */
#ifndef TESTS_CPU_FIXTURES_H
#define TESTS_CPU_FIXTURES_H

#include <stdint.h>

#include "vmx/caps.h"

/*
 * IA32_VMX_EPT_VPID_CAP of Bochs corei7_haswell_4770: execute-only, 4-level walks, UC and WB,
 * 2 MiB and 1 GiB pages, A/D flags, INVEPT and INVVPID.
 */
#define HASWELL_EPT_VPID_CAP 0x00000f0106334141ull

/*
 * Bochs corei7_haswell_4770 (shared/notes/bochs.md): IA32_VMX_BASIC, PROCBASED_CTLS2,
 * EPT_VPID_CAP and the CR0/CR4 fixed bits as read there; the other control MSRs and MISC
 * typical of Haswell. TRUE controls and both optional MSRs present.
 */
struct vmx_msr_values cpu_haswell_msrs(void);

/* vmx_caps_decode of v. */
struct vmx_caps cpu_caps_decode(struct vmx_msr_values v);

/*
 * The least a CPU needs for EPT: Haswell's IA32_VMX_BASIC, "activate secondary controls",
 * Haswell's secondary controls (EPT, VPID) and ept_vpid_cap as IA32_VMX_EPT_VPID_CAP; every
 * other capability zero.
 */
struct vmx_caps cpu_caps_with_ept(uint64_t ept_vpid_cap);

#endif
