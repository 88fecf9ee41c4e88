/*
 * The 16550A UART model: register semantics, FIFO, loopback, interrupts, and the probes and
 * habits of Linux's 8250 driver replayed against it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "devices/io_bus.h"
#include "devices/uart16550a.h"

/* The serial line in a test: what the guest sent, and bytes "typed" for it to receive. */
struct line {
	uint8_t sent[512];
	size_t sent_len;
	uint8_t typed[64];
	size_t typed_len, typed_pos;
};

static void line_transmit(void *ctx, uint8_t byte)
{
	struct line *line = ctx;
	line->sent[line->sent_len++] = byte;
}

static bool line_receive(void *ctx, uint8_t *byte)
{
	struct line *line = ctx;
	if (line->typed_pos == line->typed_len)
		return false;
	*byte = line->typed[line->typed_pos++];
	return true;
}

static struct line line;
static struct uart16550a uart;

static int setup(void **state)
{
	(void)state;
	memset(&line, 0, sizeof(line));
	struct uart_backend backend = { line_transmit, line_receive, &line };
	uart16550a_init(&uart, 0x3F8, &backend);
	return 0;
}

static void type(const char *text)
{
	size_t n = strlen(text);
	memcpy(line.typed + line.typed_len, text, n);
	line.typed_len += n;
}

static uint8_t rd(uint8_t offset) { return uart16550a_read(&uart, offset); }
static void wr(uint8_t offset, uint8_t value) { uart16550a_write(&uart, offset, value); }

static void reset_values_match_the_datasheet(void **state)
{
	(void)state;
	assert_int_equal(rd(UART_IER), 0x00);
	assert_int_equal(rd(UART_IIR), 0x01);
	assert_int_equal(rd(UART_LCR), 0x00);
	assert_int_equal(rd(UART_MCR), 0x00);
	assert_int_equal(rd(UART_LSR), 0x60);
	assert_int_equal(rd(UART_MSR), 0xB0); /* CTS, DSR, DCD from the cable, no deltas */
	assert_false(uart16550a_irq_pending(&uart));
}

static void thr_write_goes_to_the_backend(void **state)
{
	(void)state;
	wr(UART_THR, 'h');
	wr(UART_THR, 'i');
	assert_int_equal(line.sent_len, 2);
	assert_memory_equal(line.sent, "hi", 2);
	assert_int_equal(rd(UART_LSR) & (UART_LSR_THRE | UART_LSR_TEMT), 0x60);
}

static void dlab_selects_the_divisor_latch(void **state)
{
	(void)state;
	wr(UART_IER, 0x05);
	wr(UART_LCR, 0x83);
	assert_int_equal(rd(UART_DLL), 12);
	assert_int_equal(rd(UART_DLM), 0);
	wr(UART_DLL, 0x01);
	wr(UART_DLM, 0x02);
	assert_int_equal(line.sent_len, 0);
	assert_int_equal(rd(UART_DLL), 0x01);
	assert_int_equal(rd(UART_DLM), 0x02);
	wr(UART_LCR, 0x03);
	assert_int_equal(rd(UART_LCR), 0x03);
	assert_int_equal(rd(UART_IER), 0x05);
	wr(UART_LCR, 0x83);
	assert_int_equal(rd(UART_DLL), 0x01);
	assert_int_equal(rd(UART_DLM), 0x02);
}

static void ier_keeps_only_its_low_four_bits(void **state)
{
	(void)state;
	wr(UART_IER, 0xFF);
	assert_int_equal(rd(UART_IER), 0x0F);
}

static void mcr_keeps_only_bits_4_to_0(void **state)
{
	(void)state;
	wr(UART_MCR, 0xFF);
	assert_int_equal(rd(UART_MCR), 0x1F);
}

static void scratch_register_holds_a_byte(void **state)
{
	(void)state;
	wr(UART_SCR, 0xA5);
	assert_int_equal(rd(UART_SCR), 0xA5);
	wr(UART_SCR, 0x5A);
	assert_int_equal(rd(UART_SCR), 0x5A);
}

static void received_byte_sets_data_ready(void **state)
{
	(void)state;
	type("x");
	assert_int_equal(rd(UART_LSR), 0x61);
	assert_int_equal(rd(UART_RBR), 'x');
	assert_int_equal(rd(UART_LSR), 0x60);
	assert_int_equal(rd(UART_RBR), 'x'); /* empty: the last byte again */
}

static void receiver_without_fifo_holds_one_byte_and_never_drops_typed_ones(void **state)
{
	(void)state;
	type("abc");
	assert_true(rd(UART_LSR) & UART_LSR_DR);
	assert_int_equal(line.typed_pos, 1);
	assert_int_equal(rd(UART_RBR), 'a');
	assert_int_equal(rd(UART_RBR), 'b');
	assert_int_equal(rd(UART_RBR), 'c');
	assert_int_equal(rd(UART_LSR) & (UART_LSR_DR | UART_LSR_OE), 0);
}

static void fifo_holds_sixteen_bytes(void **state)
{
	(void)state;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	type("0123456789abcdefXYZ");
	uart16550a_poll(&uart);
	assert_int_equal(line.typed_pos, 16);
	char got[20] = { 0 };
	for (int i = 0; i < 19; i++) {
		assert_true(rd(UART_LSR) & UART_LSR_DR);
		got[i] = (char)rd(UART_RBR);
	}
	assert_string_equal(got, "0123456789abcdefXYZ");
	assert_int_equal(rd(UART_LSR), 0x60);
}

static void fcr_clears_the_receive_fifo(void **state)
{
	(void)state;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	type("abcd");
	uart16550a_poll(&uart);
	wr(UART_FCR, UART_FCR_FIFO_ENABLE | UART_FCR_RX_RESET);
	assert_false(rd(UART_LSR) & UART_LSR_DR);
	assert_int_equal(line.typed_pos, 4);
}

static void turning_fifos_off_empties_them(void **state)
{
	(void)state;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_THR, 1);
	wr(UART_THR, 2);
	wr(UART_FCR, 0);
	assert_false(rd(UART_LSR) & UART_LSR_DR);
	assert_int_equal(rd(UART_IIR) & 0xC0, 0);
}

static void fcr_bits_need_the_enable_bit(void **state)
{
	(void)state;
	wr(UART_FCR, 0xC0); /* trigger 14 without bit 0: not programmed */
	assert_int_equal(rd(UART_IIR), 0x01);
	wr(UART_FCR, 0xC1);
	assert_int_equal(rd(UART_IIR), 0xC1);
}

static void loopback_sends_nothing_to_the_host(void **state)
{
	(void)state;
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_THR, 'L');
	assert_int_equal(line.sent_len, 0);
	assert_true(rd(UART_LSR) & UART_LSR_DR);
	assert_int_equal(rd(UART_RBR), 'L');
	wr(UART_MCR, 0);
	wr(UART_THR, 'N');
	assert_int_equal(line.sent_len, 1);
	assert_int_equal(line.sent[0], 'N');
}

static void loopback_ignores_the_host_line(void **state)
{
	(void)state;
	type("h");
	wr(UART_MCR, UART_MCR_LOOP);
	assert_false(rd(UART_LSR) & UART_LSR_DR);
	assert_int_equal(line.typed_pos, 0);
	wr(UART_MCR, 0);
	assert_true(rd(UART_LSR) & UART_LSR_DR);
}

static void loopback_modem_inputs_follow_outputs(void **state)
{
	(void)state;
	rd(UART_MSR);
	wr(UART_MCR, UART_MCR_LOOP);
	assert_int_equal(rd(UART_MSR) & 0xF0, 0x00);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR);
	assert_int_equal(rd(UART_MSR) & 0xF0, UART_MSR_DSR);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS);
	assert_int_equal(rd(UART_MSR) & 0xF0, UART_MSR_CTS);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT1);
	assert_int_equal(rd(UART_MSR) & 0xF0, UART_MSR_RI);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
	assert_int_equal(rd(UART_MSR) & 0xF0, UART_MSR_DCD);
	wr(UART_MCR, UART_MCR_LOOP | 0x0F);
	assert_int_equal(rd(UART_MSR) & 0xF0, 0xF0);
}

static void msr_deltas_are_set_on_change_and_cleared_on_read(void **state)
{
	(void)state;
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT1); /* cable 0xB0 -> RI only */
	assert_int_equal(rd(UART_MSR),
			 UART_MSR_RI | UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
	assert_int_equal(rd(UART_MSR), UART_MSR_RI);
	wr(UART_MCR, UART_MCR_LOOP); /* RI falls: trailing edge */
	assert_int_equal(rd(UART_MSR), UART_MSR_TERI);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT1); /* RI rises: no delta */
	assert_int_equal(rd(UART_MSR), UART_MSR_RI);
}

static void fifo_overrun_keeps_the_fifo_and_sets_oe_until_lsr_is_read(void **state)
{
	(void)state;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	wr(UART_MCR, UART_MCR_LOOP);
	for (int i = 0; i < 17; i++)
		wr(UART_THR, (uint8_t)i);
	uint8_t lsr = rd(UART_LSR);
	assert_int_equal(lsr, UART_LSR_DR | UART_LSR_OE | UART_LSR_THRE | UART_LSR_TEMT);
	assert_int_equal(rd(UART_LSR), UART_LSR_DR | UART_LSR_THRE | UART_LSR_TEMT);
	for (int i = 0; i < 16; i++)
		assert_int_equal(rd(UART_RBR), i);
	assert_false(rd(UART_LSR) & UART_LSR_DR);
}

static void overrun_without_fifo_overwrites_rbr(void **state)
{
	(void)state;
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_THR, 'a');
	wr(UART_THR, 'b');
	assert_int_equal(rd(UART_LSR) & (UART_LSR_DR | UART_LSR_OE), UART_LSR_DR | UART_LSR_OE);
	assert_int_equal(rd(UART_RBR), 'b');
}

static void lsr_fifo_error_bit_stays_clear(void **state)
{
	(void)state;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	wr(UART_MCR, UART_MCR_LOOP);
	for (int i = 0; i < 20; i++)
		wr(UART_THR, 0);
	assert_false(rd(UART_LSR) & UART_LSR_FIFO_ERROR);
}

static void thre_interrupt_is_raised_by_enabling_it_and_cleared_by_iir_read(void **state)
{
	(void)state;
	wr(UART_IER, UART_IER_ETBEI);
	assert_int_equal(rd(UART_IIR), UART_IIR_THRI);
	assert_int_equal(rd(UART_IIR), UART_IIR_NO_INT);
	wr(UART_THR, 'x'); /* THR empties again at once: THRE again */
	assert_int_equal(rd(UART_IIR), UART_IIR_THRI);
	assert_int_equal(rd(UART_IIR), UART_IIR_NO_INT);
}

static void ier_write_re_raises_thre_as_linux_console_needs(void **state)
{
	(void)state;
	/* Linux's console: save IER, clear it, poll out a message, restore IER. */
	wr(UART_IER, UART_IER_ETBEI | UART_IER_ERBFI);
	assert_int_equal(rd(UART_IIR), UART_IIR_THRI);
	uint8_t saved = rd(UART_IER);
	wr(UART_IER, 0);
	for (const char *p = "console line\n"; *p; p++) {
		while (!(rd(UART_LSR) & UART_LSR_THRE))
			;
		wr(UART_THR, (uint8_t)*p);
	}
	rd(UART_IIR); /* nothing enabled: reports no interrupt, clears nothing */
	wr(UART_IER, saved);
	assert_int_equal(rd(UART_IIR), UART_IIR_THRI);
	assert_int_equal(line.sent_len, 13);
}

static void linux_startup_sees_thre_reasserted(void **state)
{
	(void)state;
	/* serial8250_do_startup's UART_BUG_THRE test. */
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	wr(UART_IER, UART_IER_ETBEI);
	uint8_t iir1 = rd(UART_IIR);
	wr(UART_IER, 0);
	wr(UART_IER, UART_IER_ETBEI);
	uint8_t iir = rd(UART_IIR);
	wr(UART_IER, 0);
	assert_false(iir1 & UART_IIR_NO_INT);
	assert_false(iir & UART_IIR_NO_INT);
	assert_int_equal(iir, 0xC2);
}

static void interrupt_priority_follows_the_datasheet(void **state)
{
	(void)state;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE); /* trigger level 1 */
	wr(UART_IER, 0x0F);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS); /* modem status change */
	for (int i = 0; i < 17; i++)
		wr(UART_THR, 'o'); /* data, overrun, THR empty */
	assert_int_equal(rd(UART_IIR), 0xC0 | UART_IIR_RLSI);
	rd(UART_LSR);
	assert_int_equal(rd(UART_IIR), 0xC0 | UART_IIR_RDI);
	for (int i = 0; i < 16; i++)
		rd(UART_RBR);
	assert_int_equal(rd(UART_IIR), 0xC0 | UART_IIR_THRI);
	assert_int_equal(rd(UART_IIR), 0xC0 | UART_IIR_MSI);
	rd(UART_MSR);
	assert_int_equal(rd(UART_IIR), 0xC0 | UART_IIR_NO_INT);
}

static void timeout_is_reported_below_the_trigger_level(void **state)
{
	(void)state;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE | 0x80); /* trigger at 8 */
	wr(UART_IER, UART_IER_ERBFI);
	type("abc");
	assert_int_equal(rd(UART_IIR), 0xC0 | UART_IIR_CTI);
	type("defgh");
	assert_int_equal(rd(UART_IIR), 0xC0 | UART_IIR_RDI);
	wr(UART_FCR, 0); /* without FIFOs: plain received-data interrupt */
	type("z");
	assert_int_equal(rd(UART_IIR), UART_IIR_RDI);
}

static void irq_line_needs_out2_and_no_loopback(void **state)
{
	(void)state;
	wr(UART_IER, UART_IER_ETBEI);
	assert_false(uart16550a_irq_pending(&uart));
	wr(UART_MCR, UART_MCR_OUT2);
	assert_true(uart16550a_irq_pending(&uart));
	wr(UART_MCR, UART_MCR_OUT2 | UART_MCR_LOOP);
	assert_false(uart16550a_irq_pending(&uart));
	wr(UART_MCR, UART_MCR_OUT2);
	rd(UART_IIR);
	assert_false(uart16550a_irq_pending(&uart));
	type("k");
	wr(UART_IER, UART_IER_ERBFI);
	uart16550a_poll(&uart);
	assert_true(uart16550a_irq_pending(&uart));
}

/* ---- Linux's 8250 autoconfig(), replayed step by step --------------------------------- */

/* What autoconfig() and autoconfig_16550a() in drivers/tty/serial/8250/8250_port.c conclude. */
static const char *linux_autoconfig(void)
{
	/* Existence test: IER reads back 0 and then 0x0F. */
	uint8_t scratch = rd(UART_IER);
	wr(UART_IER, 0);
	uint8_t scratch2 = rd(UART_IER) & 0x0F;
	wr(UART_IER, 0x0F);
	uint8_t scratch3 = rd(UART_IER) & 0x0F;
	wr(UART_IER, scratch);
	if (scratch2 != 0 || scratch3 != 0x0F)
		return "none (IER test)";

	uint8_t save_mcr = rd(UART_MCR);
	uint8_t save_lcr = rd(UART_LCR);

	/* Loopback test: MCR = LOOP | OUT2 | RTS must give MSR 7:4 = DCD | CTS. */
	wr(UART_MCR, UART_MCR_LOOP | 0x0A);
	uint8_t status1 = rd(UART_MSR) & 0xF0;
	wr(UART_MCR, save_mcr);
	if (status1 != 0x90)
		return "none (loopback test)";

	/* EFR (at FCR's place, LCR = 0xBF) cleared, then the FIFO test through IIR 7:6. */
	wr(UART_LCR, 0xBF);
	wr(2, 0);
	wr(UART_LCR, 0);
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	switch (rd(UART_IIR) >> 6) {
	case 0:
		return "8250/16450";
	case 1:
		return "unknown";
	case 2:
		return "16550";
	}

	/* autoconfig_16550a: EFR with DLAB set (ST16C650V1) must not read 0. */
	const char *type = "16550A";
	wr(UART_LCR, 0x80);
	if (rd(2) == 0)
		type = "ST16650 or FSL64";
	/* EFR at LCR = 0xBF (ST16C650V2 and later) must not read 0. */
	wr(UART_LCR, 0xBF);
	if (rd(2) == 0)
		type = "EFR UART";
	/* National Semiconductor SuperIO: EXCR1 in bank 2 (LCR = 0xE0) must not track MCR LOOP. */
	wr(UART_LCR, 0);
	status1 = rd(UART_MCR);
	wr(UART_LCR, 0xE0);
	uint8_t status2 = rd(2);
	if (!((status2 ^ status1) & UART_MCR_LOOP)) {
		wr(UART_LCR, 0);
		wr(UART_MCR, status1 ^ UART_MCR_LOOP);
		wr(UART_LCR, 0xE0);
		status2 = rd(2);
		wr(UART_LCR, 0);
		wr(UART_MCR, status1);
		if ((status2 ^ status1) & UART_MCR_LOOP)
			type = "NS16550A";
	}
	/* TI16750: IIR bit 5 follows FCR bit 5 (64-byte FIFO), with DLAB set. */
	wr(UART_LCR, 0);
	wr(UART_FCR, UART_FCR_FIFO_ENABLE | 0x20);
	status1 = rd(UART_IIR) >> 5;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	wr(UART_LCR, 0x80);
	wr(UART_FCR, UART_FCR_FIFO_ENABLE | 0x20);
	status2 = rd(UART_IIR) >> 5;
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	wr(UART_LCR, 0);
	if (status1 == 6 && status2 == 7)
		type = "TI16750";
	assert_int_equal(status1, 6); /* IIR bit 5 (64-byte FIFO) reads 0 on a 16550A */
	assert_int_equal(status2, 6);
	/* XScale: IER bit 6 (UUE) must not stick. */
	uint8_t iersave = rd(UART_IER);
	wr(UART_IER, iersave & ~0x40);
	if (!(rd(UART_IER) & 0x40)) {
		wr(UART_IER, iersave | 0x40);
		if (rd(UART_IER) & 0x40)
			type = "XScale";
	}
	wr(UART_IER, iersave);

	/* size_fifo(): 256 bytes through loopback at divisor 1; 64 would be a U6 16550A. */
	uint8_t old_lcr = rd(UART_LCR);
	wr(UART_LCR, 0);
	uint8_t old_fcr = rd(UART_FCR);
	uint8_t old_mcr = rd(UART_MCR);
	wr(UART_FCR, UART_FCR_FIFO_ENABLE | UART_FCR_RX_RESET | UART_FCR_TX_RESET);
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_LCR, 0x80);
	uint16_t old_dl = (uint16_t)(rd(UART_DLL) | rd(UART_DLM) << 8);
	wr(UART_DLL, 1);
	wr(UART_DLM, 0);
	wr(UART_LCR, 0x03);
	for (int i = 0; i < 256; i++)
		wr(UART_THR, (uint8_t)i);
	int count = 0;
	while ((rd(UART_LSR) & UART_LSR_DR) && count < 256) {
		rd(UART_RBR);
		count++;
	}
	wr(UART_FCR, old_fcr);
	wr(UART_MCR, old_mcr);
	wr(UART_LCR, 0x80);
	wr(UART_DLL, (uint8_t)old_dl);
	wr(UART_DLM, (uint8_t)(old_dl >> 8));
	wr(UART_LCR, old_lcr);
	if (count == 64 && strcmp(type, "16550A") == 0)
		type = "U6_16550A";
	assert_int_equal(count, 16);

	/* Back in autoconfig(): restore LCR and MCR, clear the FIFOs, drain RX, IER = 0. */
	wr(UART_LCR, save_lcr);
	wr(UART_MCR, save_mcr);
	wr(UART_FCR, UART_FCR_FIFO_ENABLE);
	wr(UART_FCR, UART_FCR_FIFO_ENABLE | UART_FCR_RX_RESET | UART_FCR_TX_RESET);
	wr(UART_FCR, 0);
	rd(UART_RBR);
	wr(UART_IER, 0);
	return type;
}

static void linux_autoconfig_finds_a_16550a(void **state)
{
	(void)state;
	assert_string_equal(linux_autoconfig(), "16550A");
	assert_int_equal(line.sent_len, 0); /* the probe's bytes stayed in loopback */
	assert_int_equal(rd(UART_MCR), 0);
	assert_int_equal(rd(UART_LCR), 0);
	wr(UART_LCR, 0x80);
	assert_int_equal(rd(UART_DLL), 12); /* divisor restored */
}

static void linux_autoconfig_finds_a_16550a_after_setup_by_firmware(void **state)
{
	(void)state;
	/* A port already in use: 115200 8N1, FIFOs on, DTR/RTS/OUT2 up, interrupts enabled. */
	wr(UART_LCR, 0x83);
	wr(UART_DLL, 1);
	wr(UART_LCR, 0x03);
	wr(UART_FCR, 0xC7);
	wr(UART_MCR, 0x0B);
	wr(UART_IER, 0x03);
	type("q");
	assert_string_equal(linux_autoconfig(), "16550A");
	assert_int_equal(rd(UART_MCR), 0x0B);
	assert_int_equal(rd(UART_LCR), 0x03);
}

/* ---- on the bus ------------------------------------------------------------------------ */

static void word_read_through_the_bus_reads_two_registers(void **state)
{
	(void)state;
	static struct io_bus bus;
	io_bus_init(&bus);
	struct io_device com1 = { "COM1", 0x3F8, 0x3FF, IO_DECODE_ISA8, uart16550a_handle_io,
				  &uart };
	assert_int_equal(io_bus_register(&bus, &com1), 0);
	struct io_request set_dlab = { .port = 0x3FB, .size = 1, .write = true, .value = 0x80 };
	io_bus_dispatch(&bus, &set_dlab);
	struct io_request divisor = { .port = 0x3F8, .size = 2, .write = true, .value = 0x0201 };
	io_bus_dispatch(&bus, &divisor);
	struct io_request read = { .port = 0x3F8, .size = 2, .write = false };
	io_bus_dispatch(&bus, &read);
	assert_int_equal(read.value, 0x0201);
	assert_int_equal(uart.dll, 0x01);
	assert_int_equal(uart.dlm, 0x02);
	set_dlab.value = 0x03;
	io_bus_dispatch(&bus, &set_dlab);
	struct io_request text = { .port = 0x3F8, .size = 1, .write = true, .value = 'Z' };
	io_bus_dispatch(&bus, &text);
	assert_int_equal(line.sent_len, 1);
	assert_int_equal(line.sent[0], 'Z');
	struct io_request lsr = { .port = 0x3FD, .size = 1, .write = false };
	io_bus_dispatch(&bus, &lsr);
	assert_int_equal(lsr.value, 0x60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(reset_values_match_the_datasheet, setup),
		cmocka_unit_test_setup(thr_write_goes_to_the_backend, setup),
		cmocka_unit_test_setup(dlab_selects_the_divisor_latch, setup),
		cmocka_unit_test_setup(ier_keeps_only_its_low_four_bits, setup),
		cmocka_unit_test_setup(mcr_keeps_only_bits_4_to_0, setup),
		cmocka_unit_test_setup(scratch_register_holds_a_byte, setup),
		cmocka_unit_test_setup(received_byte_sets_data_ready, setup),
		cmocka_unit_test_setup(receiver_without_fifo_holds_one_byte_and_never_drops_typed_ones,
				       setup),
		cmocka_unit_test_setup(fifo_holds_sixteen_bytes, setup),
		cmocka_unit_test_setup(fcr_clears_the_receive_fifo, setup),
		cmocka_unit_test_setup(turning_fifos_off_empties_them, setup),
		cmocka_unit_test_setup(fcr_bits_need_the_enable_bit, setup),
		cmocka_unit_test_setup(loopback_sends_nothing_to_the_host, setup),
		cmocka_unit_test_setup(loopback_ignores_the_host_line, setup),
		cmocka_unit_test_setup(loopback_modem_inputs_follow_outputs, setup),
		cmocka_unit_test_setup(msr_deltas_are_set_on_change_and_cleared_on_read, setup),
		cmocka_unit_test_setup(fifo_overrun_keeps_the_fifo_and_sets_oe_until_lsr_is_read,
				       setup),
		cmocka_unit_test_setup(overrun_without_fifo_overwrites_rbr, setup),
		cmocka_unit_test_setup(lsr_fifo_error_bit_stays_clear, setup),
		cmocka_unit_test_setup(thre_interrupt_is_raised_by_enabling_it_and_cleared_by_iir_read,
				       setup),
		cmocka_unit_test_setup(ier_write_re_raises_thre_as_linux_console_needs, setup),
		cmocka_unit_test_setup(linux_startup_sees_thre_reasserted, setup),
		cmocka_unit_test_setup(interrupt_priority_follows_the_datasheet, setup),
		cmocka_unit_test_setup(timeout_is_reported_below_the_trigger_level, setup),
		cmocka_unit_test_setup(irq_line_needs_out2_and_no_loopback, setup),
		cmocka_unit_test_setup(linux_autoconfig_finds_a_16550a, setup),
		cmocka_unit_test_setup(linux_autoconfig_finds_a_16550a_after_setup_by_firmware, setup),
		cmocka_unit_test_setup(word_read_through_the_bus_reads_two_registers, setup),
	};
	return cmocka_run_group_tests_name("uart16550a", tests, NULL, NULL);
}
