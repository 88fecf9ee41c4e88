/*
 * echo: reads a line typed on the serial console, through the emulated UART's receiver, and
 * prints it back, so a test can see bytes travel from the machine's COM1 into the guest.
 * The line ends at CR or LF; at most LINE_MAX - 1 bytes are kept.
 */
#include "lib/entry.h"
#include "lib/printf.h"
#include "lib/uart.h"
#include "lib/x86.h"

#define LINE_MAX 64

/* Waits for a received byte (LSR.DR) and takes it from RBR. */
static char uart_getc(void)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_DR))
		__asm__ volatile("pause");
	return (char)inb(COM1 + UART_RBR);
}

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	char line[LINE_MAX];
	unsigned length = 0;

	printf("guest: echo: type a line\n");
	for (;;) {
		char c = uart_getc();
		if (c == '\r' || c == '\n')
			break;
		if (length < LINE_MAX - 1)
			line[length++] = c;
	}
	line[length] = '\0';
	printf("guest: echo: read \"%s\" (%u bytes)\n", line, length);
	return 0;
}
