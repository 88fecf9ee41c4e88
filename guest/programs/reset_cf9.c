/*
 * reset_cf9: resets through the chipset's Reset Control Register (port 0xCF9): 0x06 asks for a
 * hard reset (bit 1, SYS_RST) and triggers it (bit 2, RST_CPU). vmxhv must end the guest.
 */
#include "lib/entry.h"
#include "lib/exit.h"
#include "lib/printf.h"
#include "lib/x86.h"
#include "vmxhv_guest_abi.h"

#define RESET_CONTROL_SYS_RST (1u << 1)

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	printf("guest: resetting through port 0xcf9 (value 0x06)\n");
	outb(VMXHV_PORT_RESET_CONTROL, RESET_CONTROL_SYS_RST | VMXHV_RESET_CONTROL_RESET);
	for (volatile int i = 0; i < 1000000; i++)
		;
	printf("guest: FAIL still running after the 0xcf9 reset\n");
	return GUEST_STATUS_STILL_RUNNING;
}
