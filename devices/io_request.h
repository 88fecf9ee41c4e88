/*
 * An I/O port access, decoded: what a device model sees of an IN or OUT instruction.
 *
 * The VM exit handler builds it from the exit qualification; device models never see the VMCS.
 * String and REP forms reach the bus as one request per element (see io_bus_dispatch_string).
 */
#ifndef DEVICES_IO_REQUEST_H
#define DEVICES_IO_REQUEST_H

#include <stdbool.h>
#include <stdint.h>

struct io_request {
	uint16_t port;   /* the first port the access touches */
	uint8_t size;    /* 1, 2 or 4 bytes: ports port .. port + size - 1 */
	bool write;      /* OUT: value holds the data; IN: the bus fills value */
	uint32_t value;  /* little-endian: bits 7:0 belong to port, 15:8 to port + 1, ... */
};

/* All ones at the access size: what a read of a port nobody answers returns on a PC. */
static inline uint32_t io_all_ones(uint8_t size)
{
	return size >= 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
}

#endif
