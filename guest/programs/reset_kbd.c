/*
 * reset_kbd: asks the keyboard controller to pulse the CPU reset line (port 0x64, command 0xFE),
 * the oldest way a PC operating system reboots. vmxhv must end the guest, not reset the host.
 */
#include "lib/entry.h"
#include "lib/exit.h"
#include "lib/printf.h"
#include "lib/x86.h"
#include "vmxhv_guest_abi.h"

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	printf("guest: resetting through the keyboard controller (port 0x64, command 0xfe)\n");
	outb(VMXHV_PORT_KBD_COMMAND, VMXHV_KBD_CMD_RESET);
	/* Real hardware takes a moment to pull the line; give it some before giving up. */
	for (volatile int i = 0; i < 1000000; i++)
		;
	printf("guest: FAIL still running after the keyboard controller reset\n");
	return GUEST_STATUS_STILL_RUNNING;
}
