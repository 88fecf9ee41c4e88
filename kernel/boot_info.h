/* The Multiboot2 boot information, as kmain uses it: read, checked, applied and logged. */
#ifndef KERNEL_BOOT_INFO_H
#define KERNEL_BOOT_INFO_H

#include "kernel/cmdline.h"
#include "kernel/multiboot2.h"

/* Checks the magic and parses the information; a malformed one stops the kernel. */
void boot_info_read(uint32_t magic, uint32_t info_phys, struct mb2_info *info);
/* Parses the kernel command line into *options and applies the log level and poweroff. */
void boot_info_apply_command_line(const struct mb2_info *info, struct cmdline_options *options);
/* Turns on the VGA text console when the machine has one. */
void boot_info_enable_vga(const struct mb2_info *info);
/* Prints the boot loader, the command line, the modules and the memory map. */
void boot_info_log(const struct mb2_info *info);

#endif
