/*
 * hlt: halts with interrupts off. Nothing can wake it, so vmxhv ends the guest. (Under QEMU it
 * simply sleeps forever: run it with a timeout.)
 */
#include "lib/entry.h"
#include "lib/exit.h"
#include "lib/printf.h"

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	printf("guest: halting with interrupts off\n");
	__asm__ volatile("cli; hlt");
	printf("guest: FAIL hlt with interrupts off returned\n");
	return GUEST_STATUS_STILL_RUNNING;
}
