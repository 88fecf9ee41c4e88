/*
 * The boot information in kmain's terms: parse it (kernel/multiboot2.c does the checking),
 * apply the command line, decide on the VGA screen and print what GRUB handed over.
 */
#include "kernel/boot_info.h"
#include "kernel/log.h"
#include "kernel/stop.h"
#include "drivers/vga_text.h"
#include "kernel/console_internal.h"
#include "mm/direct_map.h"

#define VGA_TEXT_PHYS    0xB8000
#define VGA_TEXT_COLUMNS 80
#define VGA_TEXT_ROWS    25

void boot_info_read(uint32_t magic, uint32_t info_phys, struct mb2_info *info)
{
	char error[160];

	if (magic != MB2_BOOTLOADER_MAGIC) {
		log_error("not started by a Multiboot2 boot loader (EAX = 0x%x)", magic);
		kernel_stop(STOP_FAILURE, "no Multiboot2 information");
	}
	const uint32_t *header = phys_to_virt(info_phys);
	uint64_t mapped = DIRECT_MAP_BOOT_LIMIT - info_phys;
	if (mb2_parse(header, info_phys, header[0] < mapped ? header[0] : mapped, info, error,
		      sizeof(error)) != 0) {
		log_error("%s", error);
		kernel_stop(STOP_FAILURE, "malformed Multiboot2 information");
	}
}

void boot_info_apply_command_line(const struct mb2_info *info, struct cmdline_options *options)
{
	char error[160];

	int parsed = cmdline_parse(info->cmdline ? info->cmdline : "", options, error, sizeof(error));

	stop_set_poweroff(options->poweroff);
	log_set_level(options->log_level);
	if (parsed != 0) {
		log_error("%s", error);
		kernel_stop(STOP_FAILURE, "bad command line");
	}
	cmdline_log_warnings(options);
}

/* A text screen the VGA console can drive: characters and rows a byte can count, all mapped. */
static bool usable_text_screen(const struct mb2_framebuffer *fb)
{
	uint64_t bytes = (uint64_t)fb->width * fb->height * 2;

	return fb->type == MB2_FRAMEBUFFER_TYPE_EGA_TEXT && fb->width >= 1 && fb->width <= 255 &&
	       fb->height >= 1 && fb->height <= 255 && fb->addr + bytes <= DIRECT_MAP_BOOT_LIMIT;
}

/*
 * GRUB reports EGA text as a framebuffer of type 2. Without a framebuffer tag, a BIOS boot
 * leaves the screen in text mode; a UEFI boot has no VGA text mode at all.
 */
void boot_info_enable_vga(const struct mb2_info *info)
{
	if (info->has_framebuffer) {
		if (usable_text_screen(&info->framebuffer))
			console_enable_vga(info->framebuffer.addr, info->framebuffer.width,
					   info->framebuffer.height);
	} else if (!info->has_efi_system_table) {
		console_enable_vga(VGA_TEXT_PHYS, VGA_TEXT_COLUMNS, VGA_TEXT_ROWS);
	}
}

void boot_info_log(const struct mb2_info *info)
{
	log_info("boot loader: %s%s", info->boot_loader_name ? info->boot_loader_name : "unknown",
		 info->has_efi_system_table ? " (UEFI)" : " (BIOS)");
	log_info("command line: '%s'", info->cmdline ? info->cmdline : "");
	for (size_t i = 0; i < info->module_count; i++)
		log_info("module %zu: 0x%x-0x%x (%u bytes) '%s'", i, info->modules[i].start,
			 info->modules[i].end, info->modules[i].end - info->modules[i].start,
			 info->modules[i].string);
	if (!info->has_memory_map) {
		log_error("the boot loader gave no memory map");
		kernel_stop(STOP_FAILURE, "no memory map");
	}
	log_info("memory map: %zu regions", info->memory_region_count);
	for (size_t i = 0; i < info->memory_region_count; i++) {
		const struct mb2_memory_region *r = &info->memory_regions[i];
		log_info("  [0x%016llx-0x%016llx] %s", (unsigned long long)r->base,
			 (unsigned long long)(r->base + r->length - 1), mb2_memory_type_name(r->type));
	}
}
