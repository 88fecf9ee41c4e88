/*
 * printf-style formatting into a buffer, for the log and for error messages.
 *
 * Supported: conversions %d %i %u %x %X %p %s %c %%; length modifiers hh h l ll z; flags
 * '-' (left-justify), '0' (pad with zeros) and '#' (0x/0X before non-zero hex); a field width,
 * given in the format or as '*'; a precision ('.N' or '.*'), which for %s is the most bytes to
 * print and for integers the fewest digits. %p prints 0x and lower-case hex; a NULL %s prints
 * "(null)". Anything else (an unsupported conversion) is copied to the output as written, so
 * the mistake shows.
 *
 * Pure: built into the kernel and into the host tests, which compare it with the C library.
 */
#ifndef KERNEL_FORMAT_H
#define KERNEL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Format into buf, writing at most size bytes including the terminating NUL (buf may be NULL
 * when size is 0). Returns the length the whole result has, not counting the NUL, even when it
 * did not fit (as C99 vsnprintf does); the output was cut short when that is >= size.
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
