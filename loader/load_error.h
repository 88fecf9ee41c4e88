/*
 * How loaders report a guest image they cannot load: one line naming what is wrong, in the
 * caller's buffer, starting "guest module: " because the image is the module GRUB handed over.
 */
#ifndef LOADER_LOAD_ERROR_H
#define LOADER_LOAD_ERROR_H

#include <stddef.h>

#define LOAD_ERROR_PREFIX "guest module: "

/*
 * Write LOAD_ERROR_PREFIX and the printf-style message (kernel/format.h conversions) into
 * error (error_len bytes, NUL-terminated, cut short if need be). Returns -1, so that a loader
 * can `return load_error(...)`.
 */
int load_error(char *error, size_t error_len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
