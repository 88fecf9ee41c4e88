/*
 * The console: COM1 (and the VGA text screen when there is one), shared by the hypervisor's log
 * and the guest's emulated UART. Guest bytes go out unchanged; the console remembers whether the
 * last byte ended a line so that the log can start its lines on a fresh one.
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

/* A guest's byte, from its emulated UART transmitter, to the host's COM1 as it is. */
void console_write_guest_byte(uint8_t byte);

/* A byte typed on the host's COM1, if one is waiting. */
bool console_read_byte(uint8_t *byte);

#endif
