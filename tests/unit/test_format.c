/*
 * kernel/format.c: every supported conversion, flag, width, precision and length modifier is
 * compared with the host C library's vsnprintf, at several buffer sizes so truncation and the
 * C99 return value are checked too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "kernel/format.h"

#define GUARD 'Z'

/*
 * Format with both the C library and fmt_vsnprintf into buffers of each size in a list, and
 * insist on the same return value, the same text, and no byte written past size.
 */
static void check_va(int line, const char *fmt, va_list args)
{
	static const size_t sizes[] = { 0, 1, 2, 5, 16, 256 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char want[300], got[300];
		va_list ap;
		memset(want, GUARD, sizeof(want));
		memset(got, GUARD, sizeof(got));

		va_copy(ap, args);
		int want_n = vsnprintf(want, sizes[i], fmt, ap);
		va_end(ap);
		va_copy(ap, args);
		int got_n = fmt_vsnprintf(got, sizes[i], fmt, ap);
		va_end(ap);

		if (want_n != got_n || memcmp(want, got, sizeof(want)) != 0)
			fail_msg("line %d, format \"%s\", size %zu: want %d \"%.*s\", got %d \"%.*s\"",
				 line, fmt, sizes[i], want_n, (int)sizes[i], want, got_n,
				 (int)sizes[i], got);
	}
}

/* check_va for a format the compiler checks against its arguments. */
static void __attribute__((format(printf, 2, 3))) check_case(int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	check_va(line, fmt, ap);
	va_end(ap);
}

/* check_va for legal but odd formats the compiler would warn about ("", "%-05d"). */
static void check_odd_case(int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	check_va(line, fmt, ap);
	va_end(ap);
}
#define CHECK(...) check_case(__LINE__, __VA_ARGS__)
#define CHECK_ODD(...) check_odd_case(__LINE__, __VA_ARGS__)

/* Call fmt_vsnprintf without the compiler's format checking, for deliberate misuse. */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_plain_text_and_percent(void **state)
{
	(void)state;
	CHECK_ODD("");
	CHECK("hello, world");
	CHECK("100%%");
	CHECK("%%%%%d%%", 7);
}

static void test_signed_decimal(void **state)
{
	(void)state;
	CHECK("%d", 0);
	CHECK("%d", -1);
	CHECK("%d", INT_MAX);
	CHECK("%d", INT_MIN);
	CHECK("%i", 12345);
	CHECK("%5d|", -42);
	CHECK("%-5d|", -42);
	CHECK("%05d", -42);
	CHECK_ODD("%-05d|", 42);
	CHECK("%.5d", -42);
	CHECK("%.0d|", 0);
	CHECK_ODD("%08.3d|", 7);
	CHECK("%3d", 123456);
}

static void test_unsigned_and_hex(void **state)
{
	(void)state;
	CHECK("%u", 0u);
	CHECK("%u", UINT_MAX);
	CHECK("%x", 0xdeadbeefu);
	CHECK("%X", 0xdeadbeefu);
	CHECK("%x", 0u);
	CHECK("%#x", 0u);
	CHECK("%#x", 255u);
	CHECK("%#X", 255u);
	CHECK("%08x", 0xbeefu);
	CHECK("%#010x", 0xbeefu);
	CHECK("%-8x|", 0xbeefu);
	CHECK("%#-8x|", 0xbeefu);
	CHECK("%8.3x|", 0xau);
	CHECK("%#.6x", 0x12u);
	CHECK("%.0x|", 0u);
}

static void test_length_modifiers(void **state)
{
	(void)state;
	CHECK("%hhd", (signed char)-56);
	CHECK("%hhd", 200);               /* converted to signed char: -56 */
	CHECK("%hhu", 300);               /* converted to unsigned char: 44 */
	CHECK("%hhx", 0x1ff);
	CHECK("%hd", 70000);
	CHECK("%hu", 70000);
	CHECK("%hx", 0x12345);
	CHECK("%ld", LONG_MIN);
	CHECK("%ld", LONG_MAX);
	CHECK("%lu", ULONG_MAX);
	CHECK("%lx", 0x123456789abcdefUL);
	CHECK("%lld", LLONG_MIN);
	CHECK("%llu", ULLONG_MAX);
	CHECK("%llX", 0xfedcba9876543210ULL);
	CHECK("%016llx", 0x1234ULL);
	CHECK("%zu", SIZE_MAX);
	CHECK("%zx", (size_t)0x1000);
	CHECK("%zd", (ssize_t)-5);
}

static void test_pointer(void **state)
{
	(void)state;
	CHECK("%p", (void *)0x1234);
	CHECK("%p", (void *)0xffff800000000000ULL);
	CHECK("[%20p]", (void *)0xb8000);
	CHECK("[%-20p]", (void *)0xb8000);

	char buf[32];
	assert_int_equal(unchecked(buf, sizeof(buf), "%p", NULL), 3);
	assert_string_equal(buf, "0x0");  /* the C library says "(nil)"; we keep the number */
}

static void test_strings_and_chars(void **state)
{
	(void)state;
	CHECK("%s", "hello");
	CHECK("%s", "");
	CHECK("[%10s]", "hello");
	CHECK("[%-10s]", "hello");
	CHECK("[%.3s]", "hello");
	CHECK("[%.0s]", "hello");
	CHECK("[%.10s]", "hello");
	CHECK("[%8.2s]", "hello");
	CHECK("[%.*s]", 2, "hello");
	CHECK("[%.*s]", -1, "hello");     /* negative precision: none */
	CHECK("%c", 'A');
	CHECK("[%3c]", 'x');
	CHECK("[%-3c]", 'x');
	CHECK("%c%c%c", 'a', 'b', 'c');

	char buf[32];
	assert_int_equal(unchecked(buf, sizeof(buf), "[%s]", NULL), 8);
	assert_string_equal(buf, "[(null)]");
}

static void test_star_width(void **state)
{
	(void)state;
	CHECK("[%*d]", 6, 42);
	CHECK("[%*d]", -6, 42);           /* negative width: left-justified */
	CHECK("[%-*d]", 6, 42);
	CHECK("[%0*x]", 8, 0xabcu);
	CHECK("[%*s]", 7, "ab");
	CHECK("[%*.*s]", 7, 1, "ab");
}

static void test_mixed_and_truncated(void **state)
{
	(void)state;
	CHECK("vmxhv: %s at 0x%llx (%u frames, %d%%)", "frame", 0x100000ULL, 512u, -3);
	CHECK("a%db%sc%xd%ce", 1, "two", 3u, '4');
	CHECK("%s", "a string that is much longer than sixteen bytes, to be cut");
	CHECK("%300s|", "padding past every buffer");

	/* size 0 with a NULL buffer: nothing written, full length returned. */
	assert_int_equal(fmt_snprintf(NULL, 0, "%d-%s", 1234, "abc"), 8);

	char small[4] = { 'x', 'x', 'x', 'x' };
	assert_int_equal(fmt_snprintf(small, 3, "%s", "abcdef"), 6);
	assert_string_equal(small, "ab");
	assert_int_equal(small[3], 'x');
}

static void test_unsupported_conversion_is_shown(void **state)
{
	(void)state;
	char buf[64];
	assert_int_equal(unchecked(buf, sizeof(buf), "a%qb %5.2Lf c", 1), 13);
	assert_string_equal(buf, "a%qb %5.2Lf c");
	assert_int_equal(unchecked(buf, sizeof(buf), "end%"), 4);
	assert_string_equal(buf, "end%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text_and_percent),
		cmocka_unit_test(test_signed_decimal),
		cmocka_unit_test(test_unsigned_and_hex),
		cmocka_unit_test(test_length_modifiers),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_star_width),
		cmocka_unit_test(test_mixed_and_truncated),
		cmocka_unit_test(test_unsupported_conversion_is_shown),
	};
	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
