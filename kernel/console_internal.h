/* The console's kernel-side interface (kernel/console.c), used by the log and kmain. */
#ifndef KERNEL_CONSOLE_INTERNAL_H
#define KERNEL_CONSOLE_INTERNAL_H

#include <stdint.h>

void console_init(void);
void console_enable_vga(uint64_t phys_base, unsigned columns, unsigned rows);
/* Hypervisor text, with '\n' sent as "\r\n". */
void console_write(const char *text);
/* Ends a line a guest left open, so that what follows starts at column 0. */
void console_start_line(void);

#endif
