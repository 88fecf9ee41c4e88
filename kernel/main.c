/*
 * kmain: the kernel's C entry, called by boot/entry.asm in 64-bit mode with the Multiboot2
 * magic and the physical address of the boot information. It brings the machine up in order
 * (console, exceptions, boot information, command line, memory, VMX), runs the guest, and
 * stops with a last line that says why.
 */
#include "kernel/boot_info.h"
#include "kernel/cmdline.h"
#include "kernel/console_internal.h"
#include "kernel/idt.h"
#include "kernel/log.h"
#include "kernel/stop.h"
#include "kernel/version.h"
#include "mm/frames_init.h"
#include "kernel/vmm.h"

__attribute__((noreturn)) void kmain(uint32_t magic, uint32_t info_phys);

static struct mb2_info boot_info;
static struct cmdline_options options;

void kmain(uint32_t magic, uint32_t info_phys)
{
	console_init();
	idt_init();
	log_info("vmxhv %s: a micro-hypervisor for Intel VT-x", VMXHV_VERSION);
	boot_info_read(magic, info_phys, &boot_info);
	boot_info_apply_command_line(&boot_info, &options);
	boot_info_enable_vga(&boot_info);
	boot_info_log(&boot_info);
	frames_init(&boot_info);

	enum stop_status status = vmm_run(&boot_info, &options);
	kernel_stop(status, status == STOP_SUCCESS ? "all work done" : "the guest could not run");
}
