/*
 * The guest's I/O port bus: device models, each owning a range of ports, and the rule for the
 * ports nobody owns.
 *
 * The VM exit handler hands every IN/OUT to io_bus_dispatch as a decoded io_request and checks
 * bus->end afterwards. How an access reaches devices depends on how each is wired, as on a PC:
 *
 *   IO_DECODE_ISA8   an 8-bit ISA device (UART, PIC, PIT, CMOS, i8042). A wider access reaches
 *                    it as byte cycles, one per port, the way the chipset splits it: a 16-bit IN
 *                    from 0x3F8 reads 0x3F8 (bits 7:0) and 0x3F9 (bits 15:8).
 *   IO_DECODE_WIDE   a device that takes 1-, 2- and 4-byte accesses whole (the debug-exit port,
 *                    later PCI configuration data) when they lie inside its range.
 *   IO_DECODE_BYTE   a register decoded only for byte accesses at its own port (the Reset
 *                    Control Register 0xCF9 inside 0xCF8-0xCFB): a wider access passes it by,
 *                    so a dword write to 0xCF8 never resets the guest.
 *
 * An access that lies inside one device that takes it whole is one handler call. Any other
 * access (wider than the device, or spanning a device boundary) is split into byte accesses,
 * each going to the device owning that port. An access no device claims any byte of is
 * "unclaimed": reads return all ones at the access size, writes are dropped, and the first
 * access to each such port is logged once.
 */
#ifndef DEVICES_IO_BUS_H
#define DEVICES_IO_BUS_H

#include <stddef.h>
#include <stdint.h>

#include "devices/guest_end.h"
#include "devices/io_request.h"
#include "kernel/access_counters.h"

#define IO_BUS_MAX_DEVICES 16
#define IO_PORT_COUNT      65536

_Static_assert(IO_BUS_MAX_DEVICES < 256, "io_bus.owner holds a device number in a byte");

enum io_decode { IO_DECODE_ISA8, IO_DECODE_WIDE, IO_DECODE_BYTE };

/*
 * A device's handler: carry out req (for a read, set req->value), and ask for the guest to end
 * through end if the access calls for it. req->port is the absolute port.
 */
typedef void io_handler_fn(void *state, struct io_request *req, struct guest_end *end);

struct io_device {
	const char *name;
	uint16_t first, last;    /* inclusive port range */
	enum io_decode decode;
	io_handler_fn *handler;
	void *state;             /* the device model, passed to handler */
};

struct io_bus {
	struct io_device device[IO_BUS_MAX_DEVICES];
	size_t device_count;
	uint8_t owner[IO_PORT_COUNT]; /* for each port: 1 + the index of its device, 0 if none */
	struct guest_end end;
	/* How often the guest read and wrote each port: per request, at its first port. */
	struct access_counters port_counts;
	uint8_t unclaimed_logged[IO_PORT_COUNT / 8]; /* one bit a port */
};

/* An empty bus: no devices, no statistics, no end requested. */
void io_bus_init(struct io_bus *bus);

/*
 * Add a device. Returns 0, or -1 (and logs why) when its range is empty, overlaps a device
 * already on the bus, or the bus is full.
 */
int io_bus_register(struct io_bus *bus, const struct io_device *device);

/*
 * Carry out one IN or OUT. A write sends the low req->size bytes of req->value; after a read,
 * req->value holds the result, masked to req->size.
 */
void io_bus_dispatch(struct io_bus *bus, struct io_request *req);

/*
 * The string and REP forms (INS/OUTS): count accesses of size bytes to port, element i in
 * elements[i * size .. i * size + size - 1] (little-endian; OUTS reads it, INS fills it). The
 * caller moves the elements between guest memory and this buffer in the order the direction
 * flag says. Stops after an access that asks for the guest to end (and does nothing once the
 * end is requested); returns how many elements were done, for the caller to advance RCX and
 * RSI/RDI by.
 */
uint32_t io_bus_dispatch_string(struct io_bus *bus, uint16_t port, uint8_t size, bool write,
				uint8_t *elements, uint32_t count);

#endif
