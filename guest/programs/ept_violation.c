/*
 * ept_violation: touches guest-physical memory the hypervisor did not map. Nothing beyond guest
 * RAM is mapped, so the access is an EPT violation and the hypervisor must end the guest with a
 * report. Paging is off, so the address is the guest-physical one.
 *
 * Command line: addr=<address> (default 0xC0000000) and access=read|write (default read).
 * Under QEMU the access simply completes; the guest then says so and exits with status 3.
 */
#include "lib/cmdline.h"
#include "lib/entry.h"
#include "lib/exit.h"
#include "lib/printf.h"
#include "lib/string.h"

#define DEFAULT_ADDR 0xC0000000u
#define WRITE_PATTERN 0x5AA5F00Du

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	const char *cmdline = cmdline_of(info);
	uint32_t addr = DEFAULT_ADDR;
	char access[8] = "read";

	cmdline_u32(cmdline, "addr", &addr);
	cmdline_word(cmdline, "access", access, sizeof(access));
	volatile uint32_t *p = (volatile uint32_t *)addr;

	if (strcmp(access, "write") == 0) {
		printf("guest: writing 0x%08x at 0x%08x, outside guest RAM\n", WRITE_PATTERN, addr);
		*p = WRITE_PATTERN;
		printf("guest: FAIL write at 0x%08x completed\n", addr);
	} else {
		printf("guest: reading 0x%08x, outside guest RAM\n", addr);
		uint32_t value = *p;
		printf("guest: FAIL read at 0x%08x completed with 0x%08x\n", addr, value);
	}
	return GUEST_STATUS_STILL_RUNNING;
}
