/* What the entry stub (entry.asm) leaves behind for C. */
#ifndef GUEST_ENTRY_H
#define GUEST_ENTRY_H

#include <stdint.h>
#include "multiboot.h"

/* Code selectors of the runtime's GDT. */
#define SEL_CODE32 0x08
#define SEL_DATA   0x10
#define SEL_CODE64 0x18

/* The magic guest_main receives from the TSC-reading entry, which loses EAX to RDTSC. */
#define ENTRY_MAGIC_UNKNOWN 0u

/* TSC read by the first instruction of the guest; 0 unless linked with entry_tsc.o. */
extern uint64_t guest_entry_tsc;

/* Called by entry.asm: UART and IDT up, then guest_main, then guest_exit with its result. */
void guest_start(uint32_t magic, const struct multiboot_info *info) __attribute__((noreturn));

/* Each guest program defines this; its return value is the exit status (see exit.h). */
int guest_main(uint32_t magic, const struct multiboot_info *info);

#endif
