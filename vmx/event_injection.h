/*
 * Giving the guest an event on the next VM entry: the VM-entry interruption-information field
 * (SDM Vol. 3, 25.8.3, Table "Format of the VM-Entry Interruption-Information Field") and the
 * VM-entry exception error code.
 *
 * Today only exceptions are injected (#GP for a refused WRMSR, #UD for VMX instructions, #PF
 * for a string I/O access to an unmapped page). The event is a small struct so that external
 * interrupts (type 0), once there is an interrupt controller, go through the same door.
 */
#ifndef VMX_EVENT_INJECTION_H
#define VMX_EVENT_INJECTION_H

#include <stdbool.h>
#include <stdint.h>

#include "vmx/vcpu.h"

/* Interruption-information field layout (also that of VM-exit interruption information). */
#define INTR_INFO_VECTOR_MASK        0xFFu        /* bits 7:0 vector */
#define INTR_INFO_TYPE_SHIFT         8            /* bits 10:8 interruption type */
#define INTR_INFO_TYPE_MASK          0x7u
#define INTR_INFO_DELIVER_ERROR_CODE (1u << 11)
#define INTR_INFO_VALID              (1u << 31)

/* Interruption types (bits 10:8). */
enum event_type {
	EVENT_EXTERNAL_INTERRUPT = 0,
	EVENT_NMI = 2,
	EVENT_HARDWARE_EXCEPTION = 3,
	EVENT_SOFTWARE_INTERRUPT = 4,            /* INT n: needs the instruction length */
	EVENT_PRIVILEGED_SOFTWARE_EXCEPTION = 5, /* INT1 */
	EVENT_SOFTWARE_EXCEPTION = 6,            /* INT3, INTO: needs the instruction length */
};

/* Exception vectors (SDM Vol. 3, 6.3.1, Table "Protected-Mode Exceptions and Interrupts"). */
#define EXCEPTION_DE  0  /* divide error */
#define EXCEPTION_DB  1  /* debug */
#define EXCEPTION_NMI 2
#define EXCEPTION_BP  3  /* breakpoint */
#define EXCEPTION_OF  4  /* overflow */
#define EXCEPTION_BR  5  /* BOUND range exceeded */
#define EXCEPTION_UD  6  /* invalid opcode */
#define EXCEPTION_NM  7  /* device not available */
#define EXCEPTION_DF  8  /* double fault */
#define EXCEPTION_TS  10 /* invalid TSS */
#define EXCEPTION_NP  11 /* segment not present */
#define EXCEPTION_SS  12 /* stack-segment fault */
#define EXCEPTION_GP  13 /* general protection */
#define EXCEPTION_PF  14 /* page fault */
#define EXCEPTION_MF  16 /* x87 floating-point error */
#define EXCEPTION_AC  17 /* alignment check */
#define EXCEPTION_MC  18 /* machine check */
#define EXCEPTION_XM  19 /* SIMD floating-point */
#define EXCEPTION_VE  20 /* virtualization exception */
#define EXCEPTION_CP  21 /* control protection */

/* Page-fault error code bits (SDM Vol. 3, 4.7). */
#define PF_ERROR_PRESENT (1u << 0) /* 0: not present; 1: a protection violation */
#define PF_ERROR_WRITE   (1u << 1)
#define PF_ERROR_USER    (1u << 2)

struct guest_event {
	enum event_type type;
	uint8_t vector;
	bool has_error_code;
	uint32_t error_code;
	uint32_t instruction_length; /* software interrupts and exceptions only */
};

/* The interruption-information word for event (valid bit set). Pure. */
uint32_t event_interruption_info(const struct guest_event *event);

/*
 * Make event happen in the guest on the next VM entry. A guest in real mode (CR0.PE = 0) gets
 * no error code, whatever event says: real-mode exceptions push none, and VM entry refuses an
 * error code then (SDM 27.2.1.3).
 */
void inject_event(struct vcpu *vcpu, const struct guest_event *event);

/* A hardware exception: inject_exception(vcpu, EXCEPTION_GP, true, 0) is #GP(0). */
void inject_exception(struct vcpu *vcpu, uint8_t vector, bool has_error_code, uint32_t error_code);

static inline void inject_gp0(struct vcpu *vcpu) { inject_exception(vcpu, EXCEPTION_GP, true, 0); }
static inline void inject_ud(struct vcpu *vcpu) { inject_exception(vcpu, EXCEPTION_UD, false, 0); }

#endif
