/* A stand-in for the i8042 keyboard controller; see i8042_stub.h. */
#include "devices/i8042_stub.h"
#include "devices/reset_ports.h"

/* Power-on: no byte written yet. */
void i8042_stub_init(struct i8042_stub *kbc)
{
	kbc->last_write_was_command = false;
}

/* The status register of an idle controller: both buffers empty. */
static uint8_t status(const struct i8042_stub *kbc)
{
	uint8_t str = I8042_STR_SYS | I8042_STR_INH;
	if (kbc->last_write_was_command)
		str |= I8042_STR_A2;
	return str;
}

/* Reads answer status or empty data; a write of 0xFE to the command port resets. */
void i8042_stub_handle_io(void *state, struct io_request *req, struct guest_end *end)
{
	struct i8042_stub *kbc = state;
	bool command_port = req->port == I8042_COMMAND_PORT;
	if (!req->write) {
		req->value = command_port ? status(kbc) : 0x00;
		return;
	}
	kbc->last_write_was_command = command_port;
	if (command_port && (req->value & 0xFF) == I8042_CMD_PULSE_RESET)
		reset_request_i8042(end);
}
