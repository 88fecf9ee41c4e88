/*
 * kmain: the kernel's C entry, called by boot/entry.asm in 64-bit mode with the Multiboot2
 * magic and the physical address of the boot information. It brings the machine up in order
 * (console, exceptions, boot information, command line, memory, VMX), runs the guest, and
 * stops with a last line that says why.
 */
#include "drivers/i8259.h"
#include "kernel/boot_info.h"
#include "kernel/cmdline.h"
#include "kernel/console_internal.h"
#include "kernel/idt.h"
#include "kernel/log.h"
#include "kernel/panic.h"
#include "kernel/stop.h"
#include "kernel/version.h"
#include "mm/frames_init.h"
#include "kernel/vmm.h"

__attribute__((noreturn)) void kmain(uint32_t magic, uint32_t info_phys);


static struct mb2_info boot_info;
static struct cmdline_options options;

/* Uses stack until there is none left (selftest=stack_overflow): the limit is never reached. */
__attribute__((noinline)) static uint64_t recurse_deep(uint64_t depth, uint64_t limit)
{
	volatile uint64_t frame[64];

	frame[depth % 64] = depth;
	if (depth == limit)
		return frame[0];
	return recurse_deep(depth + 1, limit) + frame[depth % 64];
}

/* selftest=: prove that the fatal-error reports work, on the machine at hand. */
static void run_selftest(enum cmdline_selftest test)
{
	switch (test) {
	case CMDLINE_SELFTEST_PAGE_FAULT: {
		uintptr_t null = 0;
		__asm__ volatile("" : "+r"(null)); /* a NULL the compiler cannot see */
		log_info("selftest: reading through a NULL pointer");
		(void)*(volatile uint64_t *)null;
		break;
	}
	case CMDLINE_SELFTEST_STACK_OVERFLOW:
		log_info("selftest: recursing until the boot stack overflows");
		log_info("selftest: %llu", (unsigned long long)recurse_deep(1, UINT64_MAX));
		break;
	case CMDLINE_SELFTEST_PANIC:
		panic("selftest: panic on request");
	default: /* the VM-entry self-tests run in kernel/vmm.c */
		break;
	}
}

void kmain(uint32_t magic, uint32_t info_phys)
{
	console_init();
	idt_init();
	i8259_init_masked(); /* vmxhv polls: no host device interrupt, in vmxhv or in a guest */
	log_info("vmxhv %s: a micro-hypervisor for Intel VT-x", VMXHV_VERSION);
	boot_info_read(magic, info_phys, &boot_info);
	boot_info_apply_command_line(&boot_info, &options);
	boot_info_enable_vga(&boot_info);
	boot_info_log(&boot_info);
	frames_init(&boot_info);
	run_selftest(options.selftest);

	enum stop_status status = vmm_run(&boot_info, &options);
	kernel_stop(status, status == STOP_SUCCESS ? "all work done" : "the guest could not run");
}
