/* The exception IDT and the C half of exception delivery; see idt.h. */
#include "idt.h"
#include "entry.h"
#include "exit.h"
#include "fault.h"
#include "printf.h"
#include "x86.h"

/* A 32-bit interrupt gate (SDM Vol. 3, Figure 6-2). */
struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t zero;
	uint8_t type_attr;
	uint16_t offset_high;
} __attribute__((packed));

#define GATE_INTERRUPT_32 0x8E /* present, DPL 0, 32-bit interrupt gate: IF stays clear */

extern const uint32_t exception_stubs[EXCEPTION_VECTORS];

static struct idt_gate idt[EXCEPTION_VECTORS] __attribute__((aligned(8)));

void idt_init(void)
{
	for (int v = 0; v < EXCEPTION_VECTORS; v++) {
		idt[v].offset_low = exception_stubs[v] & 0xFFFF;
		idt[v].selector = SEL_CODE32;
		idt[v].zero = 0;
		idt[v].type_attr = GATE_INTERRUPT_32;
		idt[v].offset_high = exception_stubs[v] >> 16;
	}
	struct descriptor_table_register idtr = { sizeof(idt) - 1, (uint32_t)idt };
	lidt(&idtr);
}

const char *exception_name(uint32_t vector)
{
	static const char *const names[EXCEPTION_VECTORS] = {
		"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
		"#DF", "CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "#15",
		"#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "#22", "#23",
		"#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
	};
	return vector < EXCEPTION_VECTORS ? names[vector] : "#??";
}

/* Called by exception_common with interrupts off. Returning resumes at frame->eip. */
void exception_dispatch(struct exception_frame *frame);
void exception_dispatch(struct exception_frame *frame)
{
	if (fault_recover(frame))
		return;
	printf("guest: unexpected exception %s (vector %u), error code 0x%x, at eip 0x%08x\n",
	       exception_name(frame->vector), frame->vector, frame->error_code, frame->eip);
	guest_exit(GUEST_STATUS_UNEXPECTED_EXCEPTION);
}
