/* The guest UART's line on the host console; see uart_console_backend.h. */
#include "devices/uart_console_backend.h"
#include "kernel/console.h"

/* A byte the guest sent: out on the host's COM1 unchanged. */
static void console_transmit(void *ctx, uint8_t byte)
{
	(void)ctx;
	console_write_guest_byte(byte);
}

/* A byte typed on the host's COM1, if any. */
static bool console_receive(void *ctx, uint8_t *byte)
{
	(void)ctx;
	return console_read_byte(byte);
}

const struct uart_backend uart_console_backend = {
	.transmit = console_transmit,
	.receive = console_receive,
};
