/*
 * The guest UART's serial line in the kernel: its transmitter writes to the host's COM1, its
 * receiver takes bytes typed there (kernel/console.h). Kernel-only.
 */
#ifndef DEVICES_UART_CONSOLE_BACKEND_H
#define DEVICES_UART_CONSOLE_BACKEND_H

#include "devices/uart16550a.h"

extern const struct uart_backend uart_console_backend;

#endif
