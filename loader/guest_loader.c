/* The guest loader: pick the format's loader; see guest_loader.h. */
#include "loader/guest_loader.h"
#include "loader/load_error.h"
#include "loader/multiboot1_loader.h"

/*
 * Multiboot 1 is the only format so far, so it also takes images nothing recognises: its
 * loader explains best what is missing (no header, a bad checksum, a header too far in).
 */
int guest_load(const void *image, size_t image_size, const char *cmdline,
	       const struct guest_ram *ram, struct guest_boot_state *out,
	       char *error, size_t error_len)
{
	if (image_size == 0)
		return load_error(error, error_len, "the module is empty");
	return multiboot1_load(image, image_size, cmdline, ram, out, error, error_len);
}
