/*
 * The debug-exit port, compatible with QEMU's isa-debug-exit device at its default place:
 * ports 0xF4-0xF7 (QEMU's iosize 4). A write of any size to any of them ends the guest with
 * the status the value's low byte gives; reads return all ones. Unlike QEMU, which exits with
 * (value << 1) | 1, the status is the byte itself: `outb 3, 0xF4` ends with status 3.
 */
#ifndef DEVICES_DEBUG_EXIT_H
#define DEVICES_DEBUG_EXIT_H

#include "devices/guest_end.h"
#include "devices/io_request.h"

#define DEBUG_EXIT_PORT      0xF4
#define DEBUG_EXIT_PORT_LAST 0xF7

/* The bus handler (io_bus.h, IO_DECODE_WIDE); the device has no state. */
void debug_exit_handle_io(void *state, struct io_request *req, struct guest_end *end);

#endif
