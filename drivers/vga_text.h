/* The VGA text screen (80x25 at 0xB8000), when the machine has one: a scrolling log view. */
#ifndef DRIVERS_VGA_TEXT_H
#define DRIVERS_VGA_TEXT_H

#include <stdint.h>

void vga_text_init(uint64_t phys_base, unsigned columns, unsigned rows);
void vga_text_put_byte(uint8_t byte);

#endif
