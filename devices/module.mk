# devices/: sources of this folder (see the top Makefile).
# The device models are pure and unit-tested on the host; the console backend is kernel-only.
DEVICES_PURE := devices/guest_end.c devices/io_bus.c devices/uart16550a.c \
	devices/debug_exit.c devices/reset_ports.c devices/i8042_stub.c devices/platform.c
KERNEL_C   += $(DEVICES_PURE) devices/uart_console_backend.c
KERNEL_ASM +=
HOST_C     += $(DEVICES_PURE)
