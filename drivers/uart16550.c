/*
 * The host's 16550 UART, polled. Register offsets and bits are the 16550A datasheet's names.
 */
#include "drivers/uart16550.h"
#include "kernel/cpu.h"

enum uart_register {
	UART_RBR_THR = 0, /* receive buffer / transmit holding (DLAB = 0) */
	UART_DLL = 0,     /* divisor latch low (DLAB = 1) */
	UART_IER = 1,
	UART_DLM = 1,
	UART_FCR = 2,
	UART_LCR = 3,
	UART_MCR = 4,
	UART_LSR = 5,
};

#define UART_LCR_8N1    0x03
#define UART_LCR_DLAB   0x80
#define UART_FCR_ENABLE 0x01
#define UART_FCR_CLEAR  0x06 /* clear receive and transmit FIFOs */
#define UART_MCR_DTR    0x01
#define UART_MCR_RTS    0x02
#define UART_LSR_DR     0x01
#define UART_LSR_THRE   0x20

#define UART_CLOCK_HZ 1843200 /* the PC's 1.8432 MHz crystal: divisor 1 = 115200 baud */
#define UART_BAUD     115200

/* Programs 115200 8N1 with FIFOs and no interrupts: the console is polled. */
void uart_init(uint16_t base)
{
	uint16_t divisor = UART_CLOCK_HZ / 16 / UART_BAUD;

	outb(base + UART_IER, 0);
	outb(base + UART_LCR, UART_LCR_DLAB);
	outb(base + UART_DLL, divisor & 0xFF);
	outb(base + UART_DLM, divisor >> 8);
	outb(base + UART_LCR, UART_LCR_8N1);
	outb(base + UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR);
	outb(base + UART_MCR, UART_MCR_DTR | UART_MCR_RTS);
}

/* Waits for room in the transmitter, then sends one byte. */
void uart_put_byte(uint16_t base, uint8_t byte)
{
	while (!(inb(base + UART_LSR) & UART_LSR_THRE))
		__asm__ volatile("pause");
	outb(base + UART_RBR_THR, byte);
}

bool uart_get_byte(uint16_t base, uint8_t *byte)
{
	if (!(inb(base + UART_LSR) & UART_LSR_DR))
		return false;
	*byte = inb(base + UART_RBR_THR);
	return true;
}
