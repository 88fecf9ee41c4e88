/*
 * uart_probe: replays what Linux's 8250 driver does to find and identify a UART
 * (drivers/tty/serial/8250/8250_port.c, autoconfig() and autoconfig_16550a()), then a loopback
 * echo and a divisor-latch round trip. An emulated 16550A must pass all of it, or a real
 * kernel will call it an 8250 or miss it entirely.
 *
 * Loopback mode disconnects the transmitter from the line, so nothing is printed while it is
 * on: results are collected first and reported once the UART is back to normal.
 */
#include "lib/check.h"
#include "lib/entry.h"
#include "lib/printf.h"
#include "lib/uart.h"
#include "lib/x86.h"

#define LOOPBACK_PROBE_MCR  (UART_MCR_LOOP | UART_MCR_OUT2 | UART_MCR_RTS)  /* 0x1A */
#define LOOPBACK_PROBE_MSR  (UART_MSR_DCD | UART_MSR_CTS)                  /* 0x90 */
#define FIFO_PROBE_FCR      0xE7  /* FIFO on, clear both, 64-byte mode (16750), trigger 14 */
#define NORMAL_MCR          (UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2)
#define ECHO_BYTE           0xA5
#define TEST_DIVISOR        0x0C  /* 9600 baud: any value other than ours will do */

static uint8_t uart_in(unsigned reg) { return inb(COM1 + reg); }
static void uart_out(unsigned reg, uint8_t v) { outb(COM1 + reg, v); }

/* Wait until the last byte printed has left the shift register. Clearing the FIFO, entering
 * loopback or changing the divisor any earlier would drop it, loop it back or garble it. */
static void drain(void)
{
	while (!(uart_in(UART_LSR) & UART_LSR_TEMT))
		;
}

static void scratch_test(void)
{
	uart_out(UART_SCR, 0xA5);
	uint8_t a = uart_in(UART_SCR);
	uart_out(UART_SCR, 0x5A);
	uint8_t b = uart_in(UART_SCR);
	if (check(a == 0xA5 && b == 0x5A, "scratch register keeps 0xa5 and 0x5a"))
		printf("guest: scratch register kept 0x%02x and 0x%02x\n", a, b);
}

/* autoconfig(): IER must read back 0 after writing 0, and 0x0F after writing 0x0F. */
static void ier_test(void)
{
	uint8_t saved = uart_in(UART_IER);
	uart_out(UART_IER, 0);
	uint8_t zero = uart_in(UART_IER) & 0x0F;
	uart_out(UART_IER, 0x0F);
	uint8_t all = uart_in(UART_IER) & 0x0F;
	uart_out(UART_IER, saved);
	if (check(zero == 0 && all == 0x0F, "IER reads back 0x00 and 0x0f"))
		printf("guest: IER read back 0x%02x and 0x%02x\n", zero, all);
}

/*
 * Everything that needs loopback: autoconfig()'s MSR check (in loopback the modem outputs feed
 * the modem inputs: RTS -> CTS, OUT2 -> DCD) and an echo of one byte from THR to RBR.
 */
static void loopback_test(void)
{
	drain();
	uart_out(UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR | UART_FCR_CLEAR_XMIT);
	uint8_t saved_mcr = uart_in(UART_MCR);

	uart_out(UART_MCR, LOOPBACK_PROBE_MCR);
	uint8_t msr = uart_in(UART_MSR) & UART_MSR_STATUS_MASK;

	uart_out(UART_THR, ECHO_BYTE);
	uint8_t lsr = 0;
	for (int i = 0; i < 100000 && !(lsr & UART_LSR_DR); i++)
		lsr = uart_in(UART_LSR);
	uint8_t echoed = uart_in(UART_RBR);
	uint8_t lsr_after = uart_in(UART_LSR);

	uart_out(UART_MCR, saved_mcr);

	printf("guest: loopback MCR 0x%02x gave MSR status 0x%02x\n", LOOPBACK_PROBE_MCR, msr);
	check(msr == LOOPBACK_PROBE_MSR, "loopback MCR=0x1a gives MSR & 0xf0 == 0x90");
	if (check((lsr & UART_LSR_DR) && echoed == ECHO_BYTE && !(lsr_after & UART_LSR_DR),
		  "loopback echoes THR into RBR once"))
		printf("guest: loopback echoed 0x%02x from THR to RBR\n", echoed);
	else
		printf("guest: loopback LSR 0x%02x, RBR 0x%02x, LSR after 0x%02x\n", lsr, echoed,
		       lsr_after);
}

/* autoconfig(): with FCR=0xE7, IIR bits 7:6 say "FIFOs work" (16550A) and bit 5 says 64-byte
 * FIFO (16750). A 16550A has the first and not the second. */
static void fifo_test(void)
{
	drain();  /* FCR below clears the transmit FIFO: let the last line out first */
	uart_out(UART_FCR, FIFO_PROBE_FCR);
	uint8_t iir = uart_in(UART_IIR);
	uart_out(UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR | UART_FCR_CLEAR_XMIT |
				   UART_FCR_TRIGGER_14);
	printf("guest: FCR 0x%02x gave IIR 0x%02x\n", FIFO_PROBE_FCR, iir);
	if (check((iir & UART_IIR_FIFO_MASK) == UART_IIR_FIFO_MASK && !(iir & UART_IIR_64BYTE_FIFO),
		  "IIR identifies a 16550A"))
		printf("guest: uart probe found a 16550A\n");
}

/* The divisor latch: with LCR.DLAB set, offsets 0 and 1 are DLL and DLM. */
static void divisor_test(void)
{
	drain();
	uint8_t lcr = uart_in(UART_LCR);
	uint8_t ier = uart_in(UART_IER);

	uart_out(UART_LCR, lcr | UART_LCR_DLAB);
	uint8_t old_dll = uart_in(UART_DLL), old_dlm = uart_in(UART_DLM);
	uart_out(UART_DLL, TEST_DIVISOR);
	uart_out(UART_DLM, 0x00);
	uint8_t dll = uart_in(UART_DLL), dlm = uart_in(UART_DLM);
	uart_out(UART_DLL, old_dll);
	uart_out(UART_DLM, old_dlm);
	uart_out(UART_LCR, lcr);
	uint8_t ier_after = uart_in(UART_IER);  /* DLAB off again: offset 1 is IER once more */

	if (check(dll == TEST_DIVISOR && dlm == 0, "divisor latch reads back what was written"))
		printf("guest: divisor latch read back 0x%02x%02x\n", dlm, dll);
	if (check(ier_after == ier, "IER unchanged by divisor latch writes"))
		printf("guest: divisor latch restored 0x%02x%02x, IER still 0x%02x\n", old_dlm, old_dll,
		       ier_after);
}

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	scratch_test();
	ier_test();
	loopback_test();
	fifo_test();
	divisor_test();
	uart_out(UART_MCR, NORMAL_MCR);
	return check_status();
}
