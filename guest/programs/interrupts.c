/*
 * interrupts: runs with interrupts enabled for a while (spins=N loop iterations, default
 * 4000000), to show that no interrupt of the host's hardware (its timer above all) reaches the
 * guest. vmxhv gives the guest no interrupt controller: a stray host interrupt would arrive at
 * one of the guest's exception vectors and end it with "unexpected exception".
 */
#include "lib/cmdline.h"
#include "lib/entry.h"
#include "lib/printf.h"

#define DEFAULT_SPINS 4000000u

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	uint32_t spins = DEFAULT_SPINS;

	cmdline_u32(cmdline_of(info), "spins", &spins);
	printf("guest: interrupts enabled for %u iterations\n", spins);
	__asm__ volatile("sti");
	for (volatile uint32_t i = 0; i < spins; i++)
		;
	__asm__ volatile("cli");
	printf("guest: no host interrupt reached the guest\n");
	return 0;
}
