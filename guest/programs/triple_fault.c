/*
 * triple_fault: loads an IDT with limit 0 and executes INT3. The #BP gate is beyond the limit
 * (#GP), so is the #GP gate (#DF), and so is the #DF gate: the CPU shuts down. The hypervisor
 * must see the triple-fault exit, report it and end the guest. Under QEMU -no-reboot, QEMU exits.
 */
#include "lib/exit.h"
#include "lib/entry.h"
#include "lib/printf.h"
#include "lib/x86.h"

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	static const struct descriptor_table_register empty_idt = { 0, 0 };

	printf("guest: loading an empty IDT and executing int3 to triple fault\n");
	lidt(&empty_idt);
	__asm__ volatile("int3");

	/* Unreachable on a correct CPU or hypervisor; there is no IDT left to report through. */
	printf("guest: FAIL int3 with an empty IDT returned\n");
	return GUEST_STATUS_STILL_RUNNING;
}
