/*
 * ports: port I/O the hypervisor has no device for, and string I/O. Unclaimed ports must read
 * as all ones at every width and swallow writes; REP OUTSB to the UART must print; REP INSB
 * from an unclaimed port must fill the buffer with 0xFF.
 *
 * Each line prints the value actually read, so a wrong answer cannot print the expected line.
 * Command line: port=<port> reads from another unclaimed port (default 0x80).
 */
#include "lib/check.h"
#include "lib/cmdline.h"
#include "lib/entry.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/uart.h"
#include "lib/x86.h"

/*
 * 0x80 is the POST-code port, which real kernels also write as an I/O delay; vmxhv has no
 * device there and QEMU's (write-only) one reads as 0xFF too. Writes go to a second unclaimed
 * port, 0xE0, so the hypervisor's "logged once" covers two distinct ports.
 */
#define DEFAULT_READ_PORT 0x80u
#define WRITE_PORT        0xE0u
#define INS_BYTES         16

static const char outs_line[] = "guest: rep outsb reached the uart\r\n";

static void rep_outsb(uint16_t port, const void *src, uint32_t count)
{
	__asm__ volatile("rep outsb" : "+S"(src), "+c"(count) : "d"(port) : "memory");
}

static void rep_insb(uint16_t port, void *dst, uint32_t count)
{
	__asm__ volatile("rep insb" : "+D"(dst), "+c"(count) : "d"(port) : "memory");
}

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	uint32_t port = DEFAULT_READ_PORT;
	cmdline_u32(cmdline_of(info), "port", &port);

	/* Twice: the hypervisor logs an unclaimed port once, and must answer the same each time. */
	uint8_t b1 = inb((uint16_t)port), b2 = inb((uint16_t)port);
	printf("guest: inb 0x%x returned 0x%02x then 0x%02x\n", port, b1, b2);
	check(b1 == 0xFF && b2 == 0xFF, "8-bit reads of an unclaimed port return 0xff");

	uint16_t w = inw((uint16_t)port);
	printf("guest: inw 0x%x returned 0x%04x\n", port, w);
	check(w == 0xFFFF, "16-bit read of an unclaimed port returns 0xffff");

	uint32_t l = inl((uint16_t)port);
	printf("guest: inl 0x%x returned 0x%08x\n", port, l);
	check(l == 0xFFFFFFFFu, "32-bit read of an unclaimed port returns 0xffffffff");

	outb(WRITE_PORT, 0x42);
	outw(WRITE_PORT, 0x4242);
	outl(WRITE_PORT, 0x42424242);
	printf("guest: wrote 8, 16 and 32 bits to port 0x%x and kept running\n", WRITE_PORT);

	/* THRE with FIFOs on means the transmit FIFO is empty: room for one FIFO's worth per
	 * REP OUTSB, as a real 16550 needs (Linux's serial8250_tx_chars does the same). */
	for (uint32_t at = 0, len = sizeof(outs_line) - 1; at < len; at += UART_FIFO_SIZE) {
		while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
			;
		uint32_t n = len - at < UART_FIFO_SIZE ? len - at : UART_FIFO_SIZE;
		rep_outsb(COM1 + UART_THR, outs_line + at, n);
	}

	uint8_t buf[INS_BYTES + 1];
	memset(buf, 0, sizeof(buf));
	rep_insb((uint16_t)port, buf, INS_BYTES);
	int all_ff = 1;
	for (int i = 0; i < INS_BYTES; i++)
		all_ff &= buf[i] == 0xFF;
	if (check(all_ff && buf[INS_BYTES] == 0, "rep insb from an unclaimed port fills 0xff"))
		printf("guest: rep insb from port 0x%x filled %u bytes with 0xff\n", port, INS_BYTES);
	else
		printf("guest: rep insb buffer 0x%02x 0x%02x ... 0x%02x, guard 0x%02x\n", buf[0], buf[1],
		       buf[INS_BYTES - 1], buf[INS_BYTES]);

	return check_status();
}
