/*
 * A polled driver for the 16550A UART at COM1, and the register names of that chip
 * (National Semiconductor PC16550D datasheet; the same names Linux's serial_reg.h uses).
 */
#ifndef GUEST_UART_H
#define GUEST_UART_H

#include <stdint.h>

#define COM1 0x3F8u

/* Register offsets from the base port. DLL/DLM replace RBR-THR/IER while LCR.DLAB is set. */
#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_DLL 0 /* divisor latch low (DLAB) */
#define UART_IER 1 /* interrupt enable */
#define UART_DLM 1 /* divisor latch high (DLAB) */
#define UART_IIR 2 /* interrupt identification (read) */
#define UART_FCR 2 /* FIFO control (write) */
#define UART_LCR 3 /* line control */
#define UART_MCR 4 /* modem control */
#define UART_LSR 5 /* line status */
#define UART_MSR 6 /* modem status */
#define UART_SCR 7 /* scratch */

#define UART_FCR_ENABLE_FIFO  0x01
#define UART_FCR_CLEAR_RCVR   0x02
#define UART_FCR_CLEAR_XMIT   0x04
#define UART_FCR_TRIGGER_14   0xC0

#define UART_IIR_FIFO_MASK    0xC0 /* both set: 16550A with working FIFOs */
#define UART_IIR_64BYTE_FIFO  0x20 /* 16750 only */

#define UART_LCR_WLEN8        0x03 /* 8 data bits, 1 stop bit, no parity */
#define UART_LCR_DLAB         0x80

#define UART_MCR_DTR          0x01
#define UART_MCR_RTS          0x02
#define UART_MCR_OUT1         0x04
#define UART_MCR_OUT2         0x08
#define UART_MCR_LOOP         0x10

#define UART_LSR_DR           0x01 /* receive data ready */
#define UART_LSR_THRE         0x20 /* transmit holding register (or FIFO) empty */
#define UART_LSR_TEMT         0x40 /* ...and the shift register too: the line is idle */

#define UART_FIFO_SIZE        16

#define UART_MSR_STATUS_MASK  0xF0 /* DCD RI DSR CTS */
#define UART_MSR_CTS          0x10
#define UART_MSR_DCD          0x80

#define UART_CLOCK_HZ         1843200u
#define UART_BAUD             115200u

/* 115200 8N1, FIFOs on and cleared, interrupts off, DTR/RTS/OUT2 up. */
void uart_init(void);
void uart_putc(char c);         /* '\n' goes out as "\r\n" */
void uart_puts(const char *s);

#endif
