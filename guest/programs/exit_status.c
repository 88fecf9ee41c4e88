/*
 * exit_status: exits through the debug-exit port with the status its command line asks for
 * (status=N, decimal or 0x hex, 0-255; default 7), so a test can see the byte arrive unchanged.
 * With partial=1 it first prints a line without its newline, so a test can see the
 * hypervisor's next line still start on a line of its own.
 */
#include "lib/cmdline.h"
#include "lib/entry.h"
#include "lib/printf.h"

#define DEFAULT_STATUS 7u

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	uint32_t status = DEFAULT_STATUS;
	if (cmdline_u32(cmdline_of(info), "status", &status) && status > 0xFF) {
		printf("guest: status=%u does not fit in a byte, using %u\n", status, DEFAULT_STATUS);
		status = DEFAULT_STATUS;
	}
	uint32_t partial = 0;
	printf("guest: exiting with status %u\n", status);
	if (cmdline_u32(cmdline_of(info), "partial", &partial) && partial)
		printf("guest: this line has no newline");
	return (int)status;
}
