/*
 * oversized: a guest whose image needs more RAM than the default guest_mem gives (96 MiB of
 * zero-filled data), so that the hypervisor's loader must refuse it with a message, or, given
 * guest_mem=128M, load it and see it run.
 */
#include "lib/entry.h"
#include "lib/printf.h"

#define BIG_BYTES (96u << 20)

static volatile uint8_t big[BIG_BYTES];

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	big[BIG_BYTES - 1] = 1; /* the last byte exists: the loader mapped all of it */
	printf("guest: oversized guest running, %u MiB of data reachable\n", BIG_BYTES >> 20);
	return 0;
}
