/*
 * A small printf to the UART. Conversions: %c %s %d %u %x %X %p %%, with an optional '0' flag,
 * a width, and the length modifiers l and ll (so %08x, %llx and %llu work). 64-bit decimal is
 * done with 32-bit divisions: there is no 32-bit libgcc to provide __udivdi3.
 */
#ifndef GUEST_PRINTF_H
#define GUEST_PRINTF_H

#include <stdarg.h>

void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintf(const char *fmt, va_list ap);

#endif
