/*
 * The console: COM1 always, the VGA text screen when the machine has one. The hypervisor's
 * lines and the guest's bytes share it; the console remembers whether the last byte ended a
 * line, so the log can begin each of its lines on a fresh one.
 */
#include "kernel/console.h"
#include "kernel/console_internal.h"
#include "drivers/uart16550.h"
#include "drivers/vga_text.h"

static bool vga_enabled;
static bool at_line_start = true;

void console_init(void)
{
	uart_init(COM1_BASE);
}

void console_enable_vga(uint64_t phys_base, unsigned columns, unsigned rows)
{
	vga_text_init(phys_base, columns, rows);
	vga_enabled = true;
}

static void put_byte(uint8_t byte)
{
	uart_put_byte(COM1_BASE, byte);
	if (vga_enabled)
		vga_text_put_byte(byte);
	at_line_start = byte == '\n';
}

/* Hypervisor text: '\n' goes out as "\r\n", as a serial terminal expects. */
void console_write(const char *text)
{
	for (; *text; text++) {
		if (*text == '\n')
			uart_put_byte(COM1_BASE, '\r');
		put_byte((uint8_t)*text);
	}
}

void console_start_line(void)
{
	if (!at_line_start)
		console_write("\n");
}

void console_write_guest_byte(uint8_t byte)
{
	put_byte(byte);
}

bool console_read_byte(uint8_t *byte)
{
	return uart_get_byte(COM1_BASE, byte);
}
