/*
 * The VMX instructions (SDM Vol. 3, chapter 31), one inline wrapper each. Kernel-only: host
 * unit tests never include this file.
 *
 * Every wrapper returns how the instruction ended (SDM 31.2): VMX_SUCCEED, VMX_FAIL_INVALID
 * (CF = 1) or VMX_FAIL_VALID (ZF = 1; vmx_instruction_error() then gives the error number),
 * except VMREAD and VMWRITE, which say only whether they succeeded (see there).
 * The wrappers only execute; they do not log. vmx/vmcs.c and vmx/vmx_on.c decide what to say.
 */
#ifndef VMX_VMX_OPS_H
#define VMX_VMX_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/frames.h"
#include "vmx/vm_instruction_error.h"
#include "vmx/vmcs_fields.h"

/* The outcome from the flags a VMX instruction left: CF = VMfailInvalid, ZF = VMfailValid. */
static inline enum vmx_status vmx_status_from_flags(bool cf, bool zf)
{
	if (cf)
		return VMX_FAIL_INVALID;
	if (zf)
		return VMX_FAIL_VALID;
	return VMX_SUCCEED;
}

/* Enter VMX root operation with the VMXON region at physical address region (SDM 31.3 VMXON). */
static inline enum vmx_status vmx_vmxon(phys_addr_t region)
{
	bool cf, zf;
	__asm__ volatile("vmxon %[region]"
			 : "=@ccc"(cf), "=@ccz"(zf)
			 : [region] "m"(region)
			 : "memory");
	return vmx_status_from_flags(cf, zf);
}

/* Leave VMX operation (VMXOFF). */
static inline enum vmx_status vmx_vmxoff(void)
{
	bool cf, zf;
	__asm__ volatile("vmxoff" : "=@ccc"(cf), "=@ccz"(zf) : : "memory");
	return vmx_status_from_flags(cf, zf);
}

/* Flush the VMCS at physical address vmcs to memory and mark it clear (VMCLEAR). */
static inline enum vmx_status vmx_vmclear(phys_addr_t vmcs)
{
	bool cf, zf;
	__asm__ volatile("vmclear %[vmcs]" : "=@ccc"(cf), "=@ccz"(zf) : [vmcs] "m"(vmcs) : "memory");
	return vmx_status_from_flags(cf, zf);
}

/* Make the VMCS at physical address vmcs current and active (VMPTRLD). */
static inline enum vmx_status vmx_vmptrld(phys_addr_t vmcs)
{
	bool cf, zf;
	__asm__ volatile("vmptrld %[vmcs]" : "=@ccc"(cf), "=@ccz"(zf) : [vmcs] "m"(vmcs) : "memory");
	return vmx_status_from_flags(cf, zf);
}

/*
 * VMREAD and VMWRITE are the exit path's instructions, so their wrappers cost one branch:
 * they return whether the instruction succeeded (neither CF nor ZF set). Which way one failed
 * is told afterwards by vmx_instruction_error(): in VMX root operation VMREAD and VMWRITE fail
 * invalid only when there is no current VMCS (SDM 31.3, VMREAD and VMWRITE), and then it is 0.
 * They touch no memory the compiler knows of (the VMCS is reached only through them), so they
 * do not clobber it; being volatile keeps them in program order among themselves.
 */

/* Read a field of the current VMCS (VMREAD); *value is 0 when it fails. */
static inline bool vmx_vmread(uint32_t field, uint64_t *value)
{
	bool failed;
	uint64_t v;
	__asm__ volatile("vmread %[field], %[v]"
			 : [v] "=r"(v), "=@ccbe"(failed)
			 : [field] "r"((uint64_t)field));
	*value = failed ? 0 : v;
	return !failed;
}

/* Write a field of the current VMCS (VMWRITE). */
static inline bool vmx_vmwrite(uint32_t field, uint64_t value)
{
	bool failed;
	__asm__ volatile("vmwrite %[v], %[field]"
			 : "=@ccbe"(failed)
			 : [v] "rm"(value), [field] "r"((uint64_t)field));
	return !failed;
}

/*
 * After a failed VMX instruction: the error number it left in the current VMCS (VMfailValid),
 * or 0 when there is no current VMCS to hold one (VMfailInvalid).
 */
static inline unsigned vmx_instruction_error(void)
{
	uint64_t error;
	if (!vmx_vmread(VMCS_VM_INSTRUCTION_ERROR, &error))
		return 0;
	return (unsigned)error;
}

/* INVEPT types (SDM 31.3 INVEPT) and its 128-bit descriptor: the EPTP, then 64 reserved bits. */
enum invept_type {
	INVEPT_SINGLE_CONTEXT = 1,
	INVEPT_ALL_CONTEXT    = 2,
};

struct invept_descriptor {
	uint64_t eptp;
	uint64_t reserved; /* must be 0 */
};

/* Invalidate EPT-derived translations (INVEPT) for one EPTP or for all. */
static inline enum vmx_status vmx_invept(enum invept_type type, uint64_t eptp)
{
	struct invept_descriptor desc = { .eptp = eptp, .reserved = 0 };
	bool cf, zf;
	__asm__ volatile("invept %[desc], %[type]"
			 : "=@ccc"(cf), "=@ccz"(zf)
			 : [desc] "m"(desc), [type] "r"((uint64_t)type)
			 : "memory");
	return vmx_status_from_flags(cf, zf);
}

/* INVVPID types (SDM 31.3 INVVPID) and its descriptor: VPID in bits 15:0, linear address. */
enum invvpid_type {
	INVVPID_INDIVIDUAL_ADDRESS        = 0,
	INVVPID_SINGLE_CONTEXT            = 1,
	INVVPID_ALL_CONTEXT               = 2,
	INVVPID_SINGLE_CONTEXT_NON_GLOBAL = 3, /* single-context, retaining global translations */
};

struct invvpid_descriptor {
	uint16_t vpid;
	uint16_t reserved[3]; /* must be 0 */
	uint64_t linear_address;
};

/* Invalidate VPID-tagged translations (INVVPID). */
static inline enum vmx_status vmx_invvpid(enum invvpid_type type, uint16_t vpid,
					  uint64_t linear_address)
{
	struct invvpid_descriptor desc = { .vpid = vpid, .linear_address = linear_address };
	bool cf, zf;
	__asm__ volatile("invvpid %[desc], %[type]"
			 : "=@ccc"(cf), "=@ccz"(zf)
			 : [desc] "m"(desc), [type] "r"((uint64_t)type)
			 : "memory");
	return vmx_status_from_flags(cf, zf);
}

#endif
