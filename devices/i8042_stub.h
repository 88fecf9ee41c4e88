/*
 * A stand-in for the i8042 keyboard controller until a model exists: it owns the data port
 * 0x60 and the command/status port 0x64 so that a guest finds a controller that is idle rather
 * than absent (Linux polls 0x64 and boots much slower when it reads all ones), and it routes
 * command 0xFE (pulse the reset line) to the reset rule (reset_ports.h).
 *
 * The status register reads SYS (bit 2, self-test passed) | INH (bit 4, keyboard not
 * inhibited) | A2 (bit 3, the last write went to the command port): 0x14, or 0x1C after a
 * command. OBF (bit 0) and IBF (bit 1) stay clear: the output buffer is empty and the
 * controller takes every byte at once. The data port reads 0x00; other commands and data bytes
 * are dropped. A full i8042 model replaces this file and registers the same two ports.
 */
#ifndef DEVICES_I8042_STUB_H
#define DEVICES_I8042_STUB_H

#include <stdbool.h>

#include "devices/guest_end.h"
#include "devices/io_request.h"

#define I8042_DATA_PORT    0x60
#define I8042_COMMAND_PORT 0x64 /* write: command; read: status */

#define I8042_STR_OBF 0x01 /* output buffer full */
#define I8042_STR_IBF 0x02 /* input buffer full */
#define I8042_STR_SYS 0x04 /* system flag */
#define I8042_STR_A2  0x08 /* last write was a command */
#define I8042_STR_INH 0x10 /* 1: keyboard not inhibited */

#define I8042_CMD_PULSE_RESET 0xFE

struct i8042_stub {
	bool last_write_was_command;
};

void i8042_stub_init(struct i8042_stub *kbc);

/* The bus handler for 0x60 and 0x64 (IO_DECODE_ISA8): state is the struct i8042_stub. */
void i8042_stub_handle_io(void *state, struct io_request *req, struct guest_end *end);

#endif
