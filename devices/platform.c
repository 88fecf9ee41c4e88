/* The guest's platform; see platform.h for the port map. */
#include "devices/platform.h"
#include "devices/debug_exit.h"

/* See platform.h: reset every device, then register each at its ports. */
int platform_init(struct platform *platform, const struct uart_backend *com1_backend)
{
	io_bus_init(&platform->bus);
	uart16550a_init(&platform->com1, COM1_PORT, com1_backend);
	i8042_stub_init(&platform->i8042);
	reset_control_init(&platform->reset_control);

	const struct io_device devices[] = {
		{ "i8042 data", I8042_DATA_PORT, I8042_DATA_PORT, IO_DECODE_ISA8,
		  i8042_stub_handle_io, &platform->i8042 },
		{ "i8042 command", I8042_COMMAND_PORT, I8042_COMMAND_PORT, IO_DECODE_ISA8,
		  i8042_stub_handle_io, &platform->i8042 },
		{ "debug-exit", DEBUG_EXIT_PORT, DEBUG_EXIT_PORT_LAST, IO_DECODE_WIDE,
		  debug_exit_handle_io, NULL },
		{ "COM1", COM1_PORT, COM1_PORT + UART_REGISTER_COUNT - 1, IO_DECODE_ISA8,
		  uart16550a_handle_io, &platform->com1 },
		{ "reset control", RESET_CONTROL_PORT, RESET_CONTROL_PORT, IO_DECODE_BYTE,
		  reset_control_handle_io, &platform->reset_control },
	};
	for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
		if (io_bus_register(&platform->bus, &devices[i]) != 0)
			return -1;
	return 0;
}
