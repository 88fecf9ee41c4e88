/*
 * Reading "key=value" words from the Multiboot command line. Loaders differ in whether the
 * kernel's own path comes first (GRUB and QEMU put it there), so words without '=' are ignored
 * and keys may appear anywhere.
 */
#ifndef GUEST_CMDLINE_H
#define GUEST_CMDLINE_H

#include <stdint.h>
#include "multiboot.h"

/* The command line, or "" when the loader gave none. */
const char *cmdline_of(const struct multiboot_info *info);

/* If key=N is present (N decimal, or hex with 0x), store N and return 1; else return 0. */
int cmdline_u32(const char *cmdline, const char *key, uint32_t *value);

/* If key=word is present, copy word (NUL-terminated, truncated to size) and return 1. */
int cmdline_word(const char *cmdline, const char *key, char *buf, uint32_t size);

#endif
