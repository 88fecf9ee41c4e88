/*
 * A National Semiconductor PC16550D ("16550A") UART model: eight byte-wide registers at a base
 * port, with 16-byte FIFOs, as a driver that probes it (Linux's 8250 autoconfig) expects.
 *
 * The transmitter sends each byte to the backend at once, so the transmitter is always empty
 * (LSR THRE and TEMT stay set). The receiver pulls bytes from the backend when the guest looks
 * (reads RBR, LSR or IIR, or the exit loop calls uart16550a_poll), only while the FIFO has room,
 * so bytes typed on the host are never dropped. Loopback mode (MCR bit 4) connects the
 * transmitter to the receiver and the modem outputs to the modem inputs, and nothing reaches
 * the backend.
 *
 * Not modelled: time. Baud rate, word length, parity and stop bits (LCR, divisor latch) are
 * kept and read back but change nothing; a received byte is never in error (PE, FE, BI and LSR
 * bit 7 stay clear; OE is set when loopback overruns the receiver); the character timeout
 * interrupt is reported as soon as the FIFO holds fewer bytes than the trigger level.
 * Outside loopback the modem inputs are those of a ready null-modem cable: CTS, DSR, DCD on.
 */
#ifndef DEVICES_UART16550A_H
#define DEVICES_UART16550A_H

#include <stdbool.h>
#include <stdint.h>

#include "devices/guest_end.h"
#include "devices/io_request.h"

/* Register offsets from the base port (the datasheet's names). */
#define UART_RBR 0  /* receiver buffer (read, DLAB = 0) */
#define UART_THR 0  /* transmitter holding (write, DLAB = 0) */
#define UART_DLL 0  /* divisor latch, low byte (DLAB = 1) */
#define UART_IER 1  /* interrupt enable (DLAB = 0) */
#define UART_DLM 1  /* divisor latch, high byte (DLAB = 1) */
#define UART_IIR 2  /* interrupt identification (read) */
#define UART_FCR 2  /* FIFO control (write) */
#define UART_LCR 3  /* line control */
#define UART_MCR 4  /* modem control */
#define UART_LSR 5  /* line status */
#define UART_MSR 6  /* modem status */
#define UART_SCR 7  /* scratch */
#define UART_REGISTER_COUNT 8

#define UART_IER_ERBFI 0x01 /* received data available */
#define UART_IER_ETBEI 0x02 /* transmitter holding register empty */
#define UART_IER_ELSI  0x04 /* receiver line status */
#define UART_IER_EDSSI 0x08 /* modem status */
#define UART_IER_MASK  0x0F

#define UART_IIR_NO_INT    0x01 /* no interrupt pending */
#define UART_IIR_MSI       0x00 /* modem status */
#define UART_IIR_THRI      0x02 /* transmitter holding register empty */
#define UART_IIR_RDI       0x04 /* received data available */
#define UART_IIR_RLSI      0x06 /* receiver line status */
#define UART_IIR_CTI       0x0C /* character timeout */
#define UART_IIR_FIFOS_ON  0xC0 /* bits 7:6: FIFOs enabled */

#define UART_FCR_FIFO_ENABLE 0x01
#define UART_FCR_RX_RESET    0x02
#define UART_FCR_TX_RESET    0x04
#define UART_FCR_DMA_MODE    0x08
#define UART_FCR_TRIGGER     0xC0 /* receiver trigger: 1, 4, 8, 14 bytes */

#define UART_LCR_DLAB 0x80

#define UART_MCR_DTR  0x01
#define UART_MCR_RTS  0x02
#define UART_MCR_OUT1 0x04
#define UART_MCR_OUT2 0x08 /* on a PC: enables the UART's IRQ line */
#define UART_MCR_LOOP 0x10
#define UART_MCR_MASK 0x1F

#define UART_LSR_DR   0x01 /* data ready */
#define UART_LSR_OE   0x02 /* overrun error */
#define UART_LSR_PE   0x04
#define UART_LSR_FE   0x08
#define UART_LSR_BI   0x10
#define UART_LSR_THRE 0x20 /* transmitter holding register empty */
#define UART_LSR_TEMT 0x40 /* transmitter empty */
#define UART_LSR_FIFO_ERROR 0x80
#define UART_LSR_ERRORS (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)

#define UART_MSR_DCTS  0x01
#define UART_MSR_DDSR  0x02
#define UART_MSR_TERI  0x04
#define UART_MSR_DDCD  0x08
#define UART_MSR_CTS   0x10
#define UART_MSR_DSR   0x20
#define UART_MSR_RI    0x40
#define UART_MSR_DCD   0x80
#define UART_MSR_DELTAS 0x0F

#define UART_FIFO_SIZE 16

/* Where the UART's serial line goes: the host console in the kernel, a buffer in tests. */
struct uart_backend {
	void (*transmit)(void *ctx, uint8_t byte);
	bool (*receive)(void *ctx, uint8_t *byte); /* a byte, if one is waiting */
	void *ctx;
};

struct uart16550a {
	uint16_t base;
	struct uart_backend backend;
	uint8_t ier, lcr, mcr, scr, dll, dlm;
	uint8_t fcr;            /* FIFO enable, DMA mode and trigger as last programmed */
	uint8_t lsr_errors;     /* error bits held until LSR is read */
	uint8_t msr;            /* modem inputs (7:4) and their deltas (3:0) */
	bool thre_pending;      /* the THR-empty interrupt condition, until IIR or THR clears it */
	uint8_t rbr;            /* the last byte read from the receiver */
	uint8_t rx[UART_FIFO_SIZE];
	uint8_t rx_head, rx_count;
};

/* Power-on state (the datasheet's reset values), with the divisor latch at 12 (9600 baud). */
void uart16550a_init(struct uart16550a *uart, uint16_t base, const struct uart_backend *backend);

/* A guest's access to register offset (0-7); reads may have side effects, as on the chip. */
uint8_t uart16550a_read(struct uart16550a *uart, uint8_t offset);
void uart16550a_write(struct uart16550a *uart, uint8_t offset, uint8_t value);

/* Move waiting host bytes into the receiver while it has room (not in loopback mode). */
void uart16550a_poll(struct uart16550a *uart);

/*
 * The level of the UART's IRQ line as a PC sees it: an enabled interrupt is pending and MCR
 * OUT2 drives the IRQ buffer (in loopback mode OUT2 is internal, so the line stays low).
 * It looks at the state as it is: call uart16550a_poll first to take in waiting host bytes.
 * For interrupt injection later; nothing calls it yet.
 */
bool uart16550a_irq_pending(const struct uart16550a *uart);

/* The bus handler (io_bus.h, IO_DECODE_ISA8): state is the struct uart16550a. */
void uart16550a_handle_io(void *state, struct io_request *req, struct guest_end *end);

#endif
