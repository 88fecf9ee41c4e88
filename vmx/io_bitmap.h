/*
 * The I/O bitmaps (SDM Vol. 3, 25.6.4 "I/O-Bitmap Addresses" and 27.1.3): with "use I/O
 * bitmaps" on, an IN/OUT exits when the bit of any port it touches is 1. Bitmap A holds ports
 * 0x0000-0x7FFF and bitmap B ports 0x8000-0xFFFF, one bit a port, each a full 4 KiB frame.
 * Pure: only frames.
 */
#ifndef VMX_IO_BITMAP_H
#define VMX_IO_BITMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "mm/frames.h"

#define IO_BITMAP_PORTS       0x10000u  /* every port, 0x0000-0xFFFF */
#define IO_BITMAP_B_FIRST     0x8000u   /* the first port in bitmap B */

enum io_bitmap_init {
	IO_BITMAP_PASS_ALL,      /* all zeros: no port exits */
	IO_BITMAP_INTERCEPT_ALL, /* all ones: every port exits */
};

struct io_bitmap {
	phys_addr_t a; /* for VMCS_IO_BITMAP_A */
	phys_addr_t b; /* for VMCS_IO_BITMAP_B */
};

/* Two frames, initialised as asked. Returns 0, or -1 (nothing allocated) when memory is short. */
int io_bitmap_create(struct io_bitmap *bitmap, enum io_bitmap_init init);
void io_bitmap_destroy(struct io_bitmap *bitmap);

/* Make accesses to one port exit (intercept) or not. */
void io_bitmap_set(struct io_bitmap *bitmap, uint16_t port, bool intercept);

/*
 * The same for count ports from first. Returns 0, or -1 (nothing changed) when the range runs
 * past 0xFFFF.
 */
int io_bitmap_set_range(struct io_bitmap *bitmap, uint16_t first, uint32_t count, bool intercept);

/* Whether the port's bit is 1. */
bool io_bitmap_intercepts(const struct io_bitmap *bitmap, uint16_t port);

/*
 * Whether an access of size bytes (1, 2 or 4) at port exits (SDM 27.1.3): when the bit of any
 * port it touches is 1, and always when it wraps past 0xFFFF.
 */
bool io_bitmap_access_exits(const struct io_bitmap *bitmap, uint16_t port, unsigned size);

#endif
