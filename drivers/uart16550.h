/* The host's 16550 UART (COM1): 115200 8N1, FIFOs on, polled transmit and receive. */
#ifndef DRIVERS_UART16550_H
#define DRIVERS_UART16550_H

#include <stdbool.h>
#include <stdint.h>

#define COM1_BASE 0x3F8

void uart_init(uint16_t base);
void uart_put_byte(uint16_t base, uint8_t byte);
/* A received byte, if one is waiting. */
bool uart_get_byte(uint16_t base, uint8_t *byte);

#endif
