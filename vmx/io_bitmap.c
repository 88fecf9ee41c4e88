/* I/O bitmaps A and B (SDM Vol. 3, 25.6.4); see io_bitmap.h. */
#include "vmx/io_bitmap.h"

#include <string.h>

#define BITS_PER_BYTE 8
#define ALL_ONES      0xFF

/* The byte holding port's bit: bitmap A for 0x0000-0x7FFF, B for 0x8000-0xFFFF, 4 KiB each. */
static uint8_t *port_byte(const struct io_bitmap *bitmap, uint16_t port)
{
	phys_addr_t frame = port < IO_BITMAP_B_FIRST ? bitmap->a : bitmap->b;
	uint32_t offset_in_bitmap = port % IO_BITMAP_B_FIRST; /* 0..0x7FFF */
	return (uint8_t *)phys_to_virt(frame) + offset_in_bitmap / BITS_PER_BYTE;
}

/* The port's bit within its byte. */
static uint8_t port_mask(uint16_t port)
{
	return (uint8_t)(1u << (port % BITS_PER_BYTE));
}

/* Both frames or neither: a half-built pair is freed. */
int io_bitmap_create(struct io_bitmap *bitmap, enum io_bitmap_init init)
{
	bitmap->a = frame_alloc(FRAME_ZEROED);
	bitmap->b = bitmap->a ? frame_alloc(FRAME_ZEROED) : 0;
	if (!bitmap->a || !bitmap->b) {
		io_bitmap_destroy(bitmap);
		return -1;
	}
	if (init == IO_BITMAP_INTERCEPT_ALL) {
		memset(phys_to_virt(bitmap->a), ALL_ONES, FRAME_SIZE);
		memset(phys_to_virt(bitmap->b), ALL_ONES, FRAME_SIZE);
	}
	return 0;
}

void io_bitmap_destroy(struct io_bitmap *bitmap)
{
	if (bitmap->a)
		frame_free(bitmap->a);
	if (bitmap->b)
		frame_free(bitmap->b);
	bitmap->a = bitmap->b = 0;
}

void io_bitmap_set(struct io_bitmap *bitmap, uint16_t port, bool intercept)
{
	uint8_t *byte = port_byte(bitmap, port);

	if (intercept)
		*byte |= port_mask(port);
	else
		*byte &= (uint8_t)~port_mask(port);
}

/* The range is checked before any bit changes, so a refused range changes nothing. */
int io_bitmap_set_range(struct io_bitmap *bitmap, uint16_t first, uint32_t count, bool intercept)
{
	if (count > IO_BITMAP_PORTS - first)
		return -1;
	for (uint32_t port = first; port < (uint32_t)first + count; port++)
		io_bitmap_set(bitmap, (uint16_t)port, intercept);
	return 0;
}

bool io_bitmap_intercepts(const struct io_bitmap *bitmap, uint16_t port)
{
	return (*port_byte(bitmap, port) & port_mask(port)) != 0;
}

/* SDM 27.1.3, "I/O instructions", for a guest access of size bytes. */
bool io_bitmap_access_exits(const struct io_bitmap *bitmap, uint16_t port, unsigned size)
{
	if ((uint32_t)port + size > IO_BITMAP_PORTS)
		return true; /* wraps around to 0x0000: always exits */
	for (unsigned i = 0; i < size; i++)
		if (io_bitmap_intercepts(bitmap, (uint16_t)(port + i)))
			return true;
	return false;
}
