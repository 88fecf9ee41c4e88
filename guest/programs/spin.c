/*
 * spin: loops forever with interrupts off and never makes a VM exit again, the way a hung
 * guest does. Only a time limit (guest_timeout=) can take the machine back from it.
 */
#include "lib/entry.h"
#include "lib/printf.h"

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	printf("guest: spinning forever with interrupts off\n");
	__asm__ volatile("cli");
	for (;;)
		__asm__ volatile("" ::: "memory");
}
