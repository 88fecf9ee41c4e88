/*
 * The guest loader: the one call that turns the guest module into a guest ready to enter.
 * It recognises the image's format and hands it to that format's loader; today that is
 * Multiboot 1 (multiboot1_loader.h). The Linux boot protocol (linux_boot.c) will be one more
 * probe-and-load pair here, returning the same struct guest_boot_state.
 */
#ifndef LOADER_GUEST_LOADER_H
#define LOADER_GUEST_LOADER_H

#include <stddef.h>

#include "loader/guest_boot.h"
#include "mm/guest_ram.h"

/*
 * Load image (the module's bytes) into ram with cmdline (the module's arguments; NULL: none)
 * and describe the entry state in *out. Returns 0, or -1 with one line in error, starting
 * "guest module: ", naming what is wrong.
 */
int guest_load(const void *image, size_t image_size, const char *cmdline,
	       const struct guest_ram *ram, struct guest_boot_state *out,
	       char *error, size_t error_len);

#endif
