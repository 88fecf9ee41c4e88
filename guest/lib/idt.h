/*
 * The guest's interrupt descriptor table: a gate for each of the 32 exceptions. A fault that
 * the running code armed recovery for (fault.h) resumes there; any other is reported on the
 * UART and ends the guest with GUEST_STATUS_UNEXPECTED_EXCEPTION.
 */
#ifndef GUEST_IDT_H
#define GUEST_IDT_H

#include <stdint.h>

/* The stack as exception_common in exception_stubs.asm leaves it: PUSHAD, then our two
 * words, then what the CPU pushed (no privilege change, so no ESP/SS). */
struct exception_frame {
	uint32_t edi, esi, ebp, esp_at_pushad, ebx, edx, ecx, eax;
	uint32_t vector;
	uint32_t error_code;   /* 0 for vectors without one */
	uint32_t eip, cs, eflags;
};

/* Load the IDT. Call before anything that may fault. */
void idt_init(void);

/* The short SDM mnemonic of an exception vector: "#GP", "#UD", ... */
const char *exception_name(uint32_t vector);

#endif
