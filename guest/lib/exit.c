/* guest_exit; see exit.h. */
#include "exit.h"
#include "vmxhv_guest_abi.h"
#include "x86.h"

void guest_exit(uint32_t status)
{
	outb(VMXHV_PORT_DEBUG_EXIT, (uint8_t)status);
	/* Without a debug-exit device, stop here. Under vmxhv HLT with IF=0 also ends the guest. */
	for (;;)
		__asm__ volatile("cli; hlt");
}
