/*
 * What a guest loader hands the VM set-up: the state the guest's first instruction runs in.
 * Each loader (Multiboot 1 now, the Linux boot protocol later) fills one in; the VMCS code
 * turns it into guest-state fields. Loaders never touch the VMCS.
 */
#ifndef LOADER_GUEST_BOOT_H
#define LOADER_GUEST_BOOT_H

#include <stdint.h>

enum guest_entry_mode {
	/*
	 * 32-bit protected mode, paging off: CR0.PE = 1, CR0.PG = 0, CS a 32-bit execute/read
	 * code segment and DS/ES/FS/GS/SS read/write data segments, all with base 0 and limit
	 * 4 GiB; interrupts off (RFLAGS.IF = 0). Multiboot 1 (spec 3.2) and the Linux 32-bit
	 * boot protocol.
	 */
	GUEST_ENTRY_PROTECTED32_FLAT,
};

struct guest_boot_state {
	enum guest_entry_mode mode;
	uint64_t rip;
	/* general registers at entry; those a protocol leaves undefined are 0 */
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
};

#endif
