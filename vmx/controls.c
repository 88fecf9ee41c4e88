/*
 * Control adjustment (SDM Vol. 3, Appendix A.3-A.5, and Algorithm 3 of 31.5.1) and the names of
 * every defined control (SDM 25.6-25.8, Tables 25-5, 25-6, 25-7, 25-13, 25-15).
 */
#include "vmx/controls.h"
#include "vmx/vmx_controls.h"
#include "kernel/log.h"

#include <stddef.h>

#define CONTROL_BITS 32

static const char *const pinbased_names[CONTROL_BITS] = {
	[0] = "external-interrupt exiting",
	[3] = "NMI exiting",
	[5] = "virtual NMIs",
	[6] = "activate VMX-preemption timer",
	[7] = "process posted interrupts",
};

static const char *const procbased_names[CONTROL_BITS] = {
	[2] = "interrupt-window exiting",
	[3] = "use TSC offsetting",
	[7] = "HLT exiting",
	[9] = "INVLPG exiting",
	[10] = "MWAIT exiting",
	[11] = "RDPMC exiting",
	[12] = "RDTSC exiting",
	[15] = "CR3-load exiting",
	[16] = "CR3-store exiting",
	[17] = "activate tertiary controls",
	[19] = "CR8-load exiting",
	[20] = "CR8-store exiting",
	[21] = "use TPR shadow",
	[22] = "NMI-window exiting",
	[23] = "MOV-DR exiting",
	[24] = "unconditional I/O exiting",
	[25] = "use I/O bitmaps",
	[27] = "monitor trap flag",
	[28] = "use MSR bitmaps",
	[29] = "MONITOR exiting",
	[30] = "PAUSE exiting",
	[31] = "activate secondary controls",
};

static const char *const procbased2_names[CONTROL_BITS] = {
	[0] = "virtualize APIC accesses",
	[1] = "enable EPT",
	[2] = "descriptor-table exiting",
	[3] = "enable RDTSCP",
	[4] = "virtualize x2APIC mode",
	[5] = "enable VPID",
	[6] = "WBINVD exiting",
	[7] = "unrestricted guest",
	[8] = "APIC-register virtualization",
	[9] = "virtual-interrupt delivery",
	[10] = "PAUSE-loop exiting",
	[11] = "RDRAND exiting",
	[12] = "enable INVPCID",
	[13] = "enable VM functions",
	[14] = "VMCS shadowing",
	[15] = "enable ENCLS exiting",
	[16] = "RDSEED exiting",
	[17] = "enable PML",
	[18] = "EPT-violation #VE",
	[19] = "conceal VMX from PT",
	[20] = "enable XSAVES/XRSTORS",
	[21] = "PASID translation",
	[22] = "mode-based execute control for EPT",
	[23] = "sub-page write permissions for EPT",
	[24] = "Intel PT uses guest physical addresses",
	[25] = "use TSC scaling",
	[26] = "enable user wait and pause",
	[27] = "enable PCONFIG",
	[28] = "enable ENCLV exiting",
	[30] = "VMM bus-lock detection",
	[31] = "instruction timeout",
};

static const char *const exit_names[CONTROL_BITS] = {
	[2] = "save debug controls",
	[9] = "host address-space size",
	[12] = "load IA32_PERF_GLOBAL_CTRL",
	[15] = "acknowledge interrupt on exit",
	[18] = "save IA32_PAT",
	[19] = "load IA32_PAT",
	[20] = "save IA32_EFER",
	[21] = "load IA32_EFER",
	[22] = "save VMX-preemption timer value",
	[23] = "clear IA32_BNDCFGS",
	[24] = "conceal VMX from PT",
	[25] = "clear IA32_RTIT_CTL",
	[26] = "clear IA32_LBR_CTL",
	[27] = "clear UINV",
	[28] = "load CET state",
	[29] = "load PKRS",
	[30] = "save IA32_PERF_GLOBAL_CTL",
	[31] = "activate secondary controls",
};

static const char *const entry_names[CONTROL_BITS] = {
	[2] = "load debug controls",
	[9] = "IA-32e mode guest",
	[10] = "entry to SMM",
	[11] = "deactivate dual-monitor treatment",
	[13] = "load IA32_PERF_GLOBAL_CTRL",
	[14] = "load IA32_PAT",
	[15] = "load IA32_EFER",
	[16] = "load IA32_BNDCFGS",
	[17] = "conceal VMX from PT",
	[18] = "load IA32_RTIT_CTL",
	[19] = "load UINV",
	[20] = "load CET state",
	[21] = "load guest IA32_LBR_CTL",
	[22] = "load PKRS",
};

static const struct {
	const char *name;
	const char *const *controls;
} words[VMX_CONTROLS_WORD_COUNT] = {
	[VMX_CONTROLS_PINBASED] = { "pin-based VM-execution controls", pinbased_names },
	[VMX_CONTROLS_PROCBASED] = { "primary processor-based VM-execution controls", procbased_names },
	[VMX_CONTROLS_PROCBASED2] = { "secondary processor-based VM-execution controls", procbased2_names },
	[VMX_CONTROLS_EXIT] = { "primary VM-exit controls", exit_names },
	[VMX_CONTROLS_ENTRY] = { "VM-entry controls", entry_names },
};

const char *vmx_control_word_name(enum vmx_control_word word)
{
	if ((unsigned)word >= VMX_CONTROLS_WORD_COUNT)
		return "unknown control word";
	return words[word].name;
}

const char *vmx_control_name(enum vmx_control_word word, unsigned bit)
{
	if ((unsigned)word >= VMX_CONTROLS_WORD_COUNT || bit >= CONTROL_BITS ||
	    words[word].controls[bit] == NULL)
		return "reserved control";
	return words[word].controls[bit];
}

struct vmx_control_caps vmx_caps_control_word(const struct vmx_caps *caps, enum vmx_control_word word)
{
	static const struct vmx_control_caps none = { 0 };

	switch (word) {
	case VMX_CONTROLS_PINBASED:
		return caps->pinbased;
	case VMX_CONTROLS_PROCBASED:
		return caps->procbased;
	case VMX_CONTROLS_PROCBASED2:
		return caps->procbased2;
	case VMX_CONTROLS_EXIT:
		return caps->exit;
	case VMX_CONTROLS_ENTRY:
		return caps->entry;
	case VMX_CONTROLS_WORD_COUNT:
		break;
	}
	return none; /* nothing allowed: any required control is then reported missing */
}

/* Fill *error for the lowest set bit of offending. */
static enum vmx_control_verdict fail(enum vmx_control_verdict verdict, enum vmx_control_word word,
				     uint32_t offending, struct vmx_control_error *error)
{
	unsigned bit = (unsigned)__builtin_ctz(offending);

	error->verdict = verdict;
	error->word = word;
	error->bit = bit;
	error->name = vmx_control_name(word, bit);
	return verdict;
}

/*
 * Algorithm 3 of SDM 31.5.1. Steps a, b and the first part of c (read IA32_VMX_BASIC; use the
 * TRUE MSRs when bit 55 is 1) are done by vmx_caps_decode, so caps are the TRUE MSR's when it
 * exists. Then, for each control:
 *   b.i / c.i    the MSR allows a single setting: use it (a required control the CPU holds at
 *                0, or a refused one it holds at 1, is an error instead);
 *   b.ii / c.ii  it may be 0 or 1 and software knows it: set it as software wants (required
 *                and available optional ones to 1, refused ones to 0);
 *   b.iii / c.iii / c.iv  it may be 0 or 1 and software does not know it: its default setting,
 *                which is 1 only when the non-TRUE MSR reports it fixed to 1 (default1).
 * Secondary controls have no TRUE MSR and no default1 class, so only b applies to them.
 */
enum vmx_control_verdict vmx_controls_adjust(enum vmx_control_word word,
					     struct vmx_control_caps caps,
					     struct vmx_control_request request, uint32_t *value,
					     struct vmx_control_error *error)
{
	uint32_t known = request.required | request.optional | request.refused;
	uint32_t conflict = request.refused & (request.required | request.optional);
	uint32_t missing = request.required & ~caps.allowed1;
	uint32_t forced = request.refused & caps.allowed0;

	error->verdict = VMX_CONTROL_OK;
	if (conflict)
		return fail(VMX_CONTROL_CONFLICT, word, conflict, error);
	if (missing) /* c.i: the CPU holds it at 0 */
		return fail(VMX_CONTROL_MISSING, word, missing, error);
	if (forced) /* c.i: the CPU holds it at 1 */
		return fail(VMX_CONTROL_FORCED, word, forced, error);

	uint32_t v = caps.allowed0;                                 /* c.i: fixed to 1 */
	v |= request.required | (request.optional & caps.allowed1); /* c.ii */
	v |= caps.default1 & caps.allowed1 & ~known;                /* c.iii, c.iv */
	*value = v;
	return VMX_CONTROL_OK;
}

void vmx_control_error_log(const struct vmx_control_error *error)
{
	const char *word = vmx_control_word_name(error->word);

	switch (error->verdict) {
	case VMX_CONTROL_MISSING:
		log_error("vmx: the CPU lacks a required control: %s bit %u (%s)", word, error->bit,
			  error->name);
		break;
	case VMX_CONTROL_FORCED:
		log_error("vmx: the CPU forces a refused control to 1: %s bit %u (%s)", word,
			  error->bit, error->name);
		break;
	case VMX_CONTROL_CONFLICT:
		log_error("vmx: control both required and refused: %s bit %u (%s)", word, error->bit,
			  error->name);
		break;
	case VMX_CONTROL_OK:
		break;
	}
}
