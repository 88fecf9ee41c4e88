/*
 * The VGA text console: cells of (character, attribute) in video memory. Output scrolls; there
 * is no cursor to move because nobody types on this screen (input comes from the serial port).
 */
#include "drivers/vga_text.h"
#include "mm/frames.h"

#include <stddef.h>

#define VGA_ATTRIBUTE 0x07 /* light grey on black */

static volatile uint16_t *cells;
static unsigned width, height, column, row;

void vga_text_init(uint64_t phys_base, unsigned columns, unsigned rows)
{
	cells = phys_to_virt(phys_base);
	width = columns;
	height = rows;
	for (size_t i = 0; i < (size_t)width * height; i++)
		cells[i] = (uint16_t)(VGA_ATTRIBUTE << 8 | ' ');
	column = row = 0;
}

static void scroll_one_line(void)
{
	for (size_t i = 0; i < (size_t)width * (height - 1); i++)
		cells[i] = cells[i + width];
	for (size_t i = 0; i < width; i++)
		cells[(size_t)width * (height - 1) + i] = (uint16_t)(VGA_ATTRIBUTE << 8 | ' ');
}

static void new_line(void)
{
	column = 0;
	if (++row == height) {
		scroll_one_line();
		row = height - 1;
	}
}

void vga_text_put_byte(uint8_t byte)
{
	if (!cells)
		return;
	if (byte == '\n') {
		new_line();
		return;
	}
	if (byte == '\r')
		return;
	if (byte < ' ' || byte > '~')
		byte = '?';
	cells[(size_t)row * width + column] = (uint16_t)(VGA_ATTRIBUTE << 8 | byte);
	if (++column == width)
		new_line();
}
