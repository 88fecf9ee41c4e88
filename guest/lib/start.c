/* From the entry stub to the program: the runtime comes up before any guest code runs. */
#include "entry.h"
#include "exit.h"
#include "idt.h"
#include "uart.h"

void guest_start(uint32_t magic, const struct multiboot_info *info)
{
	uart_init();
	idt_init();
	guest_exit((uint32_t)guest_main(magic, info));
}
