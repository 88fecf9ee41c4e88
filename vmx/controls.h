/*
 * Choosing the value of a VMX control word from what software requires and what the CPU
 * allows (SDM Vol. 3, Appendix A.3-A.5 and 31.5.1 "Algorithm 3"), and naming controls so that a
 * missing one is reported in words.
 */
#ifndef VMX_CONTROLS_H
#define VMX_CONTROLS_H

#include <stdint.h>

#include "vmx/caps.h"

enum vmx_control_word {
	VMX_CONTROLS_PINBASED,   /* pin-based VM-execution controls */
	VMX_CONTROLS_PROCBASED,  /* primary processor-based VM-execution controls */
	VMX_CONTROLS_PROCBASED2, /* secondary processor-based VM-execution controls */
	VMX_CONTROLS_EXIT,       /* primary VM-exit controls */
	VMX_CONTROLS_ENTRY,      /* VM-entry controls */
	VMX_CONTROLS_WORD_COUNT,
};

/*
 * What software asks of one control word. required: must be 1, or the caller cannot work.
 * optional: 1 when the CPU allows it, else 0. refused: must be 0. Controls in none of the three
 * are "unknown to software" and get their default setting (Algorithm 3, steps c.iii-c.iv).
 */
struct vmx_control_request {
	uint32_t required;
	uint32_t optional;
	uint32_t refused;
};

enum vmx_control_verdict {
	VMX_CONTROL_OK = 0,
	VMX_CONTROL_MISSING = -1,  /* a required control has allowed-1 = 0 */
	VMX_CONTROL_FORCED = -2,   /* a refused control has allowed-0 = 1 */
	VMX_CONTROL_CONFLICT = -3, /* the request both requires and refuses a control */
};

/* When the verdict is not OK: the first (lowest-numbered) offending control. */
struct vmx_control_error {
	enum vmx_control_verdict verdict;
	enum vmx_control_word word;
	unsigned bit;
	const char *name; /* the SDM's name of that control */
};

/*
 * The value to write into the control word's VMCS field, in *value; returns VMX_CONTROL_OK, or
 * a verdict with *error naming the offending control (and *value untouched).
 */
enum vmx_control_verdict vmx_controls_adjust(enum vmx_control_word word,
					     struct vmx_control_caps caps,
					     struct vmx_control_request request, uint32_t *value,
					     struct vmx_control_error *error);

/* The capabilities of one control word, from the decoded capabilities. */
struct vmx_control_caps vmx_caps_control_word(const struct vmx_caps *caps, enum vmx_control_word word);

/* One log line for an adjust failure, e.g. "vmx: the CPU lacks required secondary ...". */
void vmx_control_error_log(const struct vmx_control_error *error);

/* The SDM's name of a control ("enable EPT"), or "reserved control" for an undefined bit. */
const char *vmx_control_name(enum vmx_control_word word, unsigned bit);
/* The name of a control word ("secondary processor-based VM-execution controls"). */
const char *vmx_control_word_name(enum vmx_control_word word);

#endif
