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

/* Never mapped: PML4 slot 384 stays empty. */
#define UNMAPPED_ADDRESS 0xFFFFC00000000000ull

static struct mb2_info boot_info;
static struct cmdline_options options;

/* selftest=: prove that the fatal-error reports work, on the machine at hand. */
static void run_selftest(enum cmdline_selftest test)
{
	switch (test) {
	case CMDLINE_SELFTEST_PAGE_FAULT:
		log_info("selftest: reading unmapped address 0x%llx", UNMAPPED_ADDRESS);
		(void)*(volatile uint64_t *)UNMAPPED_ADDRESS;
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
