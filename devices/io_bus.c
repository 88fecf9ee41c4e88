/* The guest's I/O port bus; see io_bus.h for how accesses reach devices. */
#include "devices/io_bus.h"
#include "kernel/log.h"

#include <string.h>

/* See io_bus.h. */
void io_bus_init(struct io_bus *bus)
{
	memset(bus, 0, sizeof(*bus));
}

/* Whether device owns port at all (regardless of the access size). */
static bool owns(const struct io_device *device, uint32_t port)
{
	return port >= device->first && port <= device->last;
}

/* See io_bus.h. Ranges may not share a port, whatever their decode kinds. */
int io_bus_register(struct io_bus *bus, const struct io_device *device)
{
	if (device->first > device->last || !device->handler) {
		log_error("io bus: device %s has an empty port range or no handler", device->name);
		return -1;
	}
	if (bus->device_count == IO_BUS_MAX_DEVICES) {
		log_error("io bus: no room for device %s (%u devices at most)", device->name,
			  IO_BUS_MAX_DEVICES);
		return -1;
	}
	for (uint32_t port = device->first; port <= device->last; port++) {
		if (bus->owner[port] != 0) {
			const struct io_device *other = &bus->device[bus->owner[port] - 1];
			log_error("io bus: device %s (ports 0x%x-0x%x) overlaps %s (0x%x-0x%x)",
				  device->name, device->first, device->last, other->name,
				  other->first, other->last);
			return -1;
		}
	}
	bus->device[bus->device_count++] = *device;
	for (uint32_t port = device->first; port <= device->last; port++)
		bus->owner[port] = (uint8_t)bus->device_count;
	return 0;
}

/*
 * The device that answers a byte at port, within an access of access_size bytes; NULL when
 * none does. A byte-decoded register does not answer the bytes of a wider access.
 */
static const struct io_device *byte_owner(const struct io_bus *bus, uint16_t port,
					  uint8_t access_size)
{
	if (bus->owner[port] == 0)
		return NULL;
	const struct io_device *device = &bus->device[bus->owner[port] - 1];
	if (device->decode == IO_DECODE_BYTE && access_size > 1)
		return NULL;
	return device;
}

/*
 * The device that takes req in one call, if one does: a byte access goes to the port's owner
 * (whatever its decode kind); a wider one lies inside a device that takes it whole.
 */
static const struct io_device *whole_owner(const struct io_bus *bus,
					   const struct io_request *req)
{
	if (bus->owner[req->port] == 0)
		return NULL;
	const struct io_device *device = &bus->device[bus->owner[req->port] - 1];
	if (req->size == 1)
		return device;
	if (device->decode != IO_DECODE_WIDE || !owns(device, (uint32_t)req->port + req->size - 1))
		return NULL;
	return device;
}

/* Log the first access to a port nobody owns; later accesses to it stay quiet. */
static void note_unclaimed(struct io_bus *bus, uint16_t port, bool write)
{
	uint8_t bit = (uint8_t)(1u << (port % 8));
	if (bus->unclaimed_logged[port / 8] & bit)
		return;
	bus->unclaimed_logged[port / 8] |= bit;
	if (write)
		log_info("unclaimed port 0x%x (write), ignoring", port);
	else
		log_info("unclaimed port 0x%x (read), returning all ones", port);
}

/*
 * An access that reaches devices as byte cycles, one port at a time; bytes nobody answers
 * read as 0xFF. Ports past 0xFFFF (a word or dword access at the top of the space) are not
 * decoded and read as all ones.
 */
static void dispatch_bytes(struct io_bus *bus, struct io_request *req)
{
	uint32_t result = 0;
	for (uint8_t i = 0; i < req->size; i++) {
		uint32_t port = (uint32_t)req->port + i;
		struct io_request byte = {
			.port = (uint16_t)port,
			.size = 1,
			.write = req->write,
			.value = (req->value >> (8 * i)) & 0xFF,
		};
		const struct io_device *device = port < IO_PORT_COUNT
			? byte_owner(bus, (uint16_t)port, req->size) : NULL;
		if (device) {
			device->handler(device->state, &byte, &bus->end);
		} else {
			if (port < IO_PORT_COUNT)
				note_unclaimed(bus, (uint16_t)port, req->write);
			byte.value = 0xFF;
		}
		result |= (byte.value & 0xFF) << (8 * i);
	}
	if (!req->write)
		req->value = result;
}

/* Whether any byte of req reaches a device. */
static bool any_byte_claimed(const struct io_bus *bus, const struct io_request *req)
{
	for (uint8_t i = 0; i < req->size; i++) {
		uint32_t port = (uint32_t)req->port + i;
		if (port < IO_PORT_COUNT && byte_owner(bus, (uint16_t)port, req->size))
			return true;
	}
	return false;
}

/*
 * An access that no one device takes whole: byte by byte when any of its bytes reaches a
 * device, else the unclaimed rule. Out of line, so that the common case keeps a small frame.
 */
__attribute__((noinline)) static void dispatch_split(struct io_bus *bus, struct io_request *req)
{
	if (any_byte_claimed(bus, req)) {
		dispatch_bytes(bus, req);
		return;
	}
	note_unclaimed(bus, req->port, req->write);
	if (!req->write)
		req->value = 0xFFFFFFFFu;
}

/*
 * See io_bus.h. Counted first, then to one device whole, or split. A bad size is the exit
 * handler's bug: it is logged and the access does nothing.
 */
void io_bus_dispatch(struct io_bus *bus, struct io_request *req)
{
	if (req->size != 1 && req->size != 2 && req->size != 4) {
		log_error("io bus: access of %u bytes to port 0x%x, ignoring", req->size,
			  req->port);
		if (!req->write)
			req->value = 0xFFFFFFFFu;
		return;
	}
	access_counters_add(&bus->port_counts, req->port, req->write, false);
	uint32_t all_ones = io_all_ones(req->size);
	if (req->write)
		req->value &= all_ones;

	const struct io_device *device = whole_owner(bus, req);
	if (device)
		device->handler(device->state, req, &bus->end);
	else
		dispatch_split(bus, req);
	if (!req->write)
		req->value &= all_ones;
}

/* See io_bus.h: one io_bus_dispatch per element, until the guest is to end. */
uint32_t io_bus_dispatch_string(struct io_bus *bus, uint16_t port, uint8_t size, bool write,
				uint8_t *elements, uint32_t count)
{
	uint32_t done = 0;
	while (done < count && !bus->end.requested) {
		uint8_t *element = elements + (size_t)done * size;
		struct io_request req = { .port = port, .size = size, .write = write };
		if (write)
			for (uint8_t i = 0; i < size; i++)
				req.value |= (uint32_t)element[i] << (8 * i);
		io_bus_dispatch(bus, &req);
		if (!write)
			for (uint8_t i = 0; i < size; i++)
				element[i] = (uint8_t)(req.value >> (8 * i));
		done++;
	}
	return done;
}

