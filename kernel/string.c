/*
 * The kernel's <string.h>: the few memory and string functions the freestanding kernel needs
 * (declared in kernel/libc/string.h). Host builds use the C library's instead.
 *
 * gcc turns byte loops that look like memset or memcpy into calls to those very functions,
 * which here would call themselves forever; NO_LIBCALL_LOOPS switches that pattern-matching
 * off for each function in this file. memcpy and memset use the string instructions
 * (rep movsq / rep stosq, then rep movsb / rep stosb for the tail; the ABI keeps the direction
 * flag clear), eight bytes a step: guest RAM is zeroed 2 MiB at a time, and under Bochs, where
 * each step is one tick, that makes boot-to-guest eight times shorter than byte steps.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define NO_LIBCALL_LOOPS __attribute__((optimize("no-tree-loop-distribute-patterns")))

/* Copy n bytes from src to dst; the two must not overlap. Returns dst. */
NO_LIBCALL_LOOPS void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t qwords = n / 8, bytes = n % 8;

	__asm__ volatile("rep movsq" : "+D"(d), "+S"(src), "+c"(qwords) : : "memory");
	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(bytes) : : "memory");
	return dst;
}

/* Set n bytes at dst to the byte c. Returns dst. */
NO_LIBCALL_LOOPS void *memset(void *dst, int c, size_t n)
{
	void *d = dst;
	uint64_t pattern = 0x0101010101010101ull * (uint8_t)c;
	size_t qwords = n / 8, bytes = n % 8;

	__asm__ volatile("rep stosq" : "+D"(d), "+c"(qwords) : "a"(pattern) : "memory");
	__asm__ volatile("rep stosb" : "+D"(d), "+c"(bytes) : "a"(pattern) : "memory");
	return dst;
}

/*
 * Copy n bytes from src to dst where the two may overlap. Copying forward is safe unless dst
 * starts inside src; then copy from the end down.
 */
NO_LIBCALL_LOOPS void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n > 0) {
		n--;
		d[n] = s[n];
	}
	return dst;
}

/* Compare n bytes as unsigned chars: <0, 0 or >0 as a sorts before, equal to or after b. */
NO_LIBCALL_LOOPS int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++) {
		if (x[i] != y[i])
			return x[i] - y[i];
	}
	return 0;
}

/* The number of bytes before the terminating NUL. */
NO_LIBCALL_LOOPS size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

/* Compare at most n characters of two strings, as unsigned chars, stopping at a NUL. */
NO_LIBCALL_LOOPS int strncmp(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = a[i], y = b[i];
		if (x != y)
			return x - y;
		if (x == '\0')
			return 0;
	}
	return 0;
}

/* Compare two NUL-terminated strings, as unsigned chars. */
NO_LIBCALL_LOOPS int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, SIZE_MAX);
}
