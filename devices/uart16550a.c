/* A 16550A UART model; see uart16550a.h for what is and is not modelled. */
#include "devices/uart16550a.h"

#include <string.h>

/* Modem inputs outside loopback: a null-modem cable to a terminal that is ready. */
#define CABLE_MODEM_INPUTS (UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD)

/* FCR bit 0: FIFO mode, as opposed to the 16450's single holding registers. */
static bool fifos_enabled(const struct uart16550a *uart)
{
	return uart->fcr & UART_FCR_FIFO_ENABLE;
}

/* MCR bit 4: the serial line and modem lines are looped back inside the chip. */
static bool loopback(const struct uart16550a *uart)
{
	return uart->mcr & UART_MCR_LOOP;
}

/* The receiver holds 16 bytes with FIFOs on, one (the RBR alone) with them off. */
static uint8_t rx_capacity(const struct uart16550a *uart)
{
	return fifos_enabled(uart) ? UART_FIFO_SIZE : 1;
}

/* FCR bits 7:6 as a byte count: 1, 4, 8 or 14. */
static uint8_t rx_trigger_level(const struct uart16550a *uart)
{
	static const uint8_t level[4] = { 1, 4, 8, 14 };
	return level[(uart->fcr & UART_FCR_TRIGGER) >> 6];
}

/*
 * A byte arrives at the receiver. When it is full the byte is an overrun: with FIFOs on the
 * FIFO keeps its bytes and the new one is lost; without them it overwrites the RBR.
 */
static void rx_push(struct uart16550a *uart, uint8_t byte)
{
	if (uart->rx_count == rx_capacity(uart)) {
		uart->lsr_errors |= UART_LSR_OE;
		if (!fifos_enabled(uart))
			uart->rx[uart->rx_head] = byte;
		return;
	}
	uart->rx[(uart->rx_head + uart->rx_count) % UART_FIFO_SIZE] = byte;
	uart->rx_count++;
}

/* Empty the receiver (FCR receiver reset, or a change of FIFO mode). */
static void rx_clear(struct uart16550a *uart)
{
	uart->rx_head = 0;
	uart->rx_count = 0;
}

/*
 * The modem inputs follow the outputs in loopback (DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD)
 * and the cable otherwise. A change sets the matching delta bit; RI's only on its trailing edge.
 */
static void update_modem_inputs(struct uart16550a *uart)
{
	uint8_t now = CABLE_MODEM_INPUTS;
	if (loopback(uart)) {
		now = 0;
		if (uart->mcr & UART_MCR_DTR)
			now |= UART_MSR_DSR;
		if (uart->mcr & UART_MCR_RTS)
			now |= UART_MSR_CTS;
		if (uart->mcr & UART_MCR_OUT1)
			now |= UART_MSR_RI;
		if (uart->mcr & UART_MCR_OUT2)
			now |= UART_MSR_DCD;
	}
	uint8_t before = uart->msr & ~UART_MSR_DELTAS;
	uint8_t changed = before ^ now;
	uint8_t deltas = 0;
	if (changed & UART_MSR_CTS)
		deltas |= UART_MSR_DCTS;
	if (changed & UART_MSR_DSR)
		deltas |= UART_MSR_DDSR;
	if ((before & UART_MSR_RI) && !(now & UART_MSR_RI))
		deltas |= UART_MSR_TERI;
	if (changed & UART_MSR_DCD)
		deltas |= UART_MSR_DDCD;
	uart->msr = now | (uart->msr & UART_MSR_DELTAS) | deltas;
}

/* See uart16550a.h. Power-on: IER, LCR, MCR, FCR clear; LSR 0x60; MSR the cable's lines. */
void uart16550a_init(struct uart16550a *uart, uint16_t base, const struct uart_backend *backend)
{
	memset(uart, 0, sizeof(*uart));
	uart->base = base;
	uart->backend = *backend;
	uart->dll = 12;
	uart->msr = CABLE_MODEM_INPUTS;
}

/* See uart16550a.h. Loopback disconnects the receiver from the line, so nothing is taken. */
void uart16550a_poll(struct uart16550a *uart)
{
	uint8_t byte;
	if (loopback(uart) || !uart->backend.receive)
		return;
	while (uart->rx_count < rx_capacity(uart)) {
		if (!uart->backend.receive(uart->backend.ctx, &byte))
			return;
		rx_push(uart, byte);
	}
}

/*
 * The highest-priority interrupt pending among those IER enables, as IIR bits 3:0: receiver
 * line status, then received data (or character timeout), then THR empty, then modem status.
 */
static uint8_t pending_interrupt(const struct uart16550a *uart)
{
	if ((uart->ier & UART_IER_ELSI) && uart->lsr_errors)
		return UART_IIR_RLSI;
	if ((uart->ier & UART_IER_ERBFI) && uart->rx_count) {
		if (fifos_enabled(uart) && uart->rx_count < rx_trigger_level(uart))
			return UART_IIR_CTI;
		return UART_IIR_RDI;
	}
	if ((uart->ier & UART_IER_ETBEI) && uart->thre_pending)
		return UART_IIR_THRI;
	if ((uart->ier & UART_IER_EDSSI) && (uart->msr & UART_MSR_DELTAS))
		return UART_IIR_MSI;
	return UART_IIR_NO_INT;
}

/* See uart16550a.h. */
bool uart16550a_irq_pending(const struct uart16550a *uart)
{
	if ((uart->mcr & (UART_MCR_OUT2 | UART_MCR_LOOP)) != UART_MCR_OUT2)
		return false;
	return pending_interrupt(uart) != UART_IIR_NO_INT;
}

/* RBR: the oldest received byte; with nothing received, the last byte again. */
static uint8_t read_rbr(struct uart16550a *uart)
{
	uart16550a_poll(uart);
	if (uart->rx_count) {
		uart->rbr = uart->rx[uart->rx_head];
		uart->rx_head = (uart->rx_head + 1) % UART_FIFO_SIZE;
		uart->rx_count--;
	}
	return uart->rbr;
}

/* IIR: reading it while it reports THR empty clears that interrupt (datasheet Table IV). */
static uint8_t read_iir(struct uart16550a *uart)
{
	uart16550a_poll(uart);
	uint8_t id = pending_interrupt(uart);
	if (id == UART_IIR_THRI)
		uart->thre_pending = false;
	return id | (fifos_enabled(uart) ? UART_IIR_FIFOS_ON : 0);
}

/* LSR: reading it clears the error bits and with them the receiver line status interrupt. */
static uint8_t read_lsr(struct uart16550a *uart)
{
	uart16550a_poll(uart);
	uint8_t lsr = UART_LSR_THRE | UART_LSR_TEMT | uart->lsr_errors;
	if (uart->rx_count)
		lsr |= UART_LSR_DR;
	uart->lsr_errors = 0;
	return lsr;
}

/* MSR: reading it clears the delta bits and with them the modem status interrupt. */
static uint8_t read_msr(struct uart16550a *uart)
{
	uint8_t msr = uart->msr;
	uart->msr &= ~UART_MSR_DELTAS;
	return msr;
}

/* See uart16550a.h: the register DLAB and the offset select, and its read side effects. */
uint8_t uart16550a_read(struct uart16550a *uart, uint8_t offset)
{
	bool dlab = uart->lcr & UART_LCR_DLAB;
	switch (offset) {
	case UART_RBR:
		return dlab ? uart->dll : read_rbr(uart);
	case UART_IER:
		return dlab ? uart->dlm : uart->ier;
	case UART_IIR:
		return read_iir(uart);
	case UART_LCR:
		return uart->lcr;
	case UART_MCR:
		return uart->mcr;
	case UART_LSR:
		return read_lsr(uart);
	case UART_MSR:
		return read_msr(uart);
	case UART_SCR:
		return uart->scr;
	}
	return 0xFF;
}

/*
 * THR: the byte leaves at once, to the backend or (loopback) to our own receiver. The THR is
 * empty again straight away, which raises the THR-empty interrupt anew.
 */
static void write_thr(struct uart16550a *uart, uint8_t byte)
{
	if (loopback(uart))
		rx_push(uart, byte);
	else if (uart->backend.transmit)
		uart->backend.transmit(uart->backend.ctx, byte);
	uart->thre_pending = true;
}

/*
 * IER: only bits 3:0 exist. Enabling ETBEI while the THR is empty (always, here) raises the
 * THR-empty interrupt even if IIR had cleared it: Linux's console clears IER around each
 * message and relies on this to resume interrupt-driven transmission.
 */
static void write_ier(struct uart16550a *uart, uint8_t value)
{
	value &= UART_IER_MASK;
	if ((value & UART_IER_ETBEI) && !(uart->ier & UART_IER_ETBEI))
		uart->thre_pending = true;
	uart->ier = value;
}

/*
 * FCR: bit 0 must be set for the other bits to take effect; changing it empties both FIFOs.
 * Bits 5:4 are reserved on the 16550A (a 16750 uses bit 5 for its 64-byte FIFO) and read back
 * nowhere. The transmit FIFO is always empty, so resetting it changes nothing.
 */
static void write_fcr(struct uart16550a *uart, uint8_t value)
{
	if ((value ^ uart->fcr) & UART_FCR_FIFO_ENABLE)
		rx_clear(uart);
	if (!(value & UART_FCR_FIFO_ENABLE)) {
		uart->fcr = 0;
		return;
	}
	if (value & UART_FCR_RX_RESET)
		rx_clear(uart);
	uart->fcr = value & (UART_FCR_FIFO_ENABLE | UART_FCR_DMA_MODE | UART_FCR_TRIGGER);
}

/* MCR: bits 7:5 do not exist on the 16550A; the loopback lines follow at once. */
static void write_mcr(struct uart16550a *uart, uint8_t value)
{
	uart->mcr = value & UART_MCR_MASK;
	update_modem_inputs(uart);
}

/* See uart16550a.h: the register DLAB and the offset select. LSR and MSR ignore writes. */
void uart16550a_write(struct uart16550a *uart, uint8_t offset, uint8_t value)
{
	bool dlab = uart->lcr & UART_LCR_DLAB;
	switch (offset) {
	case UART_THR:
		if (dlab)
			uart->dll = value;
		else
			write_thr(uart, value);
		break;
	case UART_IER:
		if (dlab)
			uart->dlm = value;
		else
			write_ier(uart, value);
		break;
	case UART_FCR:
		write_fcr(uart, value);
		break;
	case UART_LCR:
		uart->lcr = value;
		break;
	case UART_MCR:
		write_mcr(uart, value);
		break;
	case UART_SCR:
		uart->scr = value;
		break;
	default: /* LSR and MSR are read-only (writing them is a factory test) */
		break;
	}
}

/* See uart16550a.h. The bus gives this ISA8 device byte accesses only. */
void uart16550a_handle_io(void *state, struct io_request *req, struct guest_end *end)
{
	struct uart16550a *uart = state;
	uint8_t offset = (uint16_t)(req->port - uart->base) % UART_REGISTER_COUNT;
	(void)end;
	if (req->write)
		uart16550a_write(uart, offset, (uint8_t)req->value);
	else
		req->value = uart16550a_read(uart, offset);
}
