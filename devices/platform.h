/*
 * The guest's platform: the devices on its I/O bus and where they sit, as on a PC.
 *
 *   0x060, 0x064   i8042 keyboard controller (stub: idle, command 0xFE resets)
 *   0x0F4-0x0F7    debug-exit port
 *   0x3F8-0x3FF    COM1, a 16550A UART
 *   0xCF9          Reset Control Register
 *
 * Every other port is unclaimed (io_bus.h). Later devices (the 8259 PIC pair, the 8254 PIT,
 * CMOS) become members here and one registration each in platform_init.
 */
#ifndef DEVICES_PLATFORM_H
#define DEVICES_PLATFORM_H

#include "devices/i8042_stub.h"
#include "devices/io_bus.h"
#include "devices/reset_ports.h"
#include "devices/uart16550a.h"

#define COM1_PORT 0x3F8

struct platform {
	struct io_bus bus;       /* dispatch I/O here; bus.end says when the guest is to end */
	struct uart16550a com1;
	struct i8042_stub i8042;
	struct reset_control reset_control;
};

/*
 * Power-on state of every device, all on the bus, with COM1's serial line on com1_backend.
 * Returns 0, or -1 (logged) if a device could not be registered, which is a bug.
 */
int platform_init(struct platform *platform, const struct uart_backend *com1_backend);

#endif
