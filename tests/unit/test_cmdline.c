/*
 * kernel/cmdline.c: defaults, each option and its bad values, unknown options and their
 * warnings, and the word splitting (spaces, tabs, a leading kernel path).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <string.h>

#include "kernel/cmdline.h"
#include "tests/unit/support/fake_log.h"

static struct cmdline_options opts;
static char error[256];

/* Parse line, expecting success. */
static void parse_ok(const char *line)
{
	memset(error, 'x', sizeof(error));
	int rc = cmdline_parse(line, &opts, error, sizeof(error));
	if (rc != 0)
		fail_msg("\"%s\": expected success, got: %s", line, error);
	assert_string_equal(error, "");
}

/* Parse line, expecting failure with exactly the message expected. */
static void parse_bad(const char *line, const char *expected)
{
	int rc = cmdline_parse(line, &opts, error, sizeof(error));
	if (rc != -1)
		fail_msg("\"%s\": expected an error", line);
	assert_string_equal(error, expected);
}

static void assert_defaults(void)
{
	assert_int_equal(opts.log_level, LOG_INFO);
	assert_false(opts.poweroff);
	assert_int_equal(opts.guest_mem, CMDLINE_GUEST_MEM_DEFAULT);
	assert_int_equal(opts.unknown_count, 0);
}

static void test_empty_and_null(void **state)
{
	(void)state;
	parse_ok(NULL);
	assert_defaults();
	parse_ok("");
	assert_defaults();
	parse_ok("   \t  ");
	assert_defaults();
	assert_int_equal(CMDLINE_GUEST_MEM_DEFAULT, 64ull << 20);
}

static void test_log_levels(void **state)
{
	(void)state;
	parse_ok("log=error");
	assert_int_equal(opts.log_level, LOG_ERROR);
	parse_ok("log=warn");
	assert_int_equal(opts.log_level, LOG_WARN);
	parse_ok("log=info");
	assert_int_equal(opts.log_level, LOG_INFO);
	parse_ok("log=debug");
	assert_int_equal(opts.log_level, LOG_DEBUG);
	parse_ok("log=error log=debug");             /* the last one counts */
	assert_int_equal(opts.log_level, LOG_DEBUG);

	parse_bad("log=verbose", "command line: log=verbose: unknown level; use error, warn, info or debug");
	parse_bad("log=DEBUG", "command line: log=DEBUG: unknown level; use error, warn, info or debug");
	parse_bad("log=", "command line: log=: unknown level; use error, warn, info or debug");
	parse_bad("log", "command line: log: needs a level: log=error, warn, info or debug");
	parse_bad("log=debugx", "command line: log=debugx: unknown level; use error, warn, info or debug");
}

static void test_poweroff(void **state)
{
	(void)state;
	parse_ok("poweroff");
	assert_true(opts.poweroff);
	parse_ok("log=debug");
	assert_false(opts.poweroff);
	parse_bad("poweroff=1", "command line: poweroff=1: takes no value; write just poweroff");
	parse_bad("poweroff=", "command line: poweroff=: takes no value; write just poweroff");
}

static void test_guest_timeout(void **state)
{
	(void)state;
	parse_ok("");
	assert_int_equal(opts.guest_timeout, 0);
	parse_ok("guest_timeout=10");
	assert_int_equal(opts.guest_timeout, 10);
	parse_ok("guest_timeout=0");
	assert_int_equal(opts.guest_timeout, 0);
	parse_ok("guest_timeout=86400");
	assert_int_equal(opts.guest_timeout, 86400);
	parse_bad("guest_timeout=86401", "command line: guest_timeout=86401: more than a day (86400 seconds)");
	parse_bad("guest_timeout=10s", "command line: guest_timeout=10s: needs a whole number of seconds, such as guest_timeout=10");
	parse_bad("guest_timeout=", "command line: guest_timeout=: needs a whole number of seconds, such as guest_timeout=10");
	parse_bad("guest_timeout", "command line: guest_timeout: needs a whole number of seconds, such as guest_timeout=10");
	parse_bad("guest_timeout=99999999999999999999999", "command line: guest_timeout=99999999999999999999999: needs a whole number of seconds, such as guest_timeout=10");
}

static void test_selftest(void **state)
{
	(void)state;
	parse_ok("");
	assert_int_equal(opts.selftest, CMDLINE_SELFTEST_NONE);
	parse_ok("selftest=page_fault");
	assert_int_equal(opts.selftest, CMDLINE_SELFTEST_PAGE_FAULT);
	parse_ok("selftest=stack_overflow");
	assert_int_equal(opts.selftest, CMDLINE_SELFTEST_STACK_OVERFLOW);
	parse_ok("selftest=panic");
	assert_int_equal(opts.selftest, CMDLINE_SELFTEST_PANIC);
	parse_ok("selftest=bad_guest_state");
	assert_int_equal(opts.selftest, CMDLINE_SELFTEST_BAD_GUEST_STATE);
	parse_ok("selftest=bad_control");
	assert_int_equal(opts.selftest, CMDLINE_SELFTEST_BAD_CONTROL);
	parse_ok("selftest=host_timer");
	assert_int_equal(opts.selftest, CMDLINE_SELFTEST_HOST_TIMER);
	parse_bad("selftest=reboot", "command line: selftest=reboot: unknown self-test; use page_fault, stack_overflow, panic, bad_guest_state, bad_control or host_timer");
	parse_bad("selftest", "command line: selftest: unknown self-test; use page_fault, stack_overflow, panic, bad_guest_state, bad_control or host_timer");
}

/* A bad value does not stop the other words from applying (poweroff above all). */
static void test_bad_value_keeps_other_options(void **state)
{
	(void)state;
	parse_bad("guest_mem=12Q poweroff log=debug log=bogus",
		  "command line: guest_mem=12Q: not a size; use bytes or a number with a K, M or G suffix");
	assert_true(opts.poweroff);
	assert_int_equal(opts.log_level, LOG_DEBUG);
}

static void test_guest_mem_sizes(void **state)
{
	(void)state;
	static const struct { const char *line; uint64_t bytes; } cases[] = {
		{ "guest_mem=64M", 64ull << 20 },
		{ "guest_mem=64m", 64ull << 20 },
		{ "guest_mem=2M", 2ull << 20 },
		{ "guest_mem=3M", 4ull << 20 },               /* rounded up to 2M */
		{ "guest_mem=2049K", 4ull << 20 },
		{ "guest_mem=2048k", 2ull << 20 },
		{ "guest_mem=1G", 1ull << 30 },
		{ "guest_mem=1g", 1ull << 30 },
		{ "guest_mem=16G", 16ull << 30 },
		{ "guest_mem=2097152", 2ull << 20 },          /* plain bytes */
		{ "guest_mem=2097153", 4ull << 20 },
		{ "guest_mem=0000128M", 128ull << 20 },
		{ "guest_mem=17179869183G", 17179869183ull << 30 },   /* 2^64 - 2^30: still fits */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		parse_ok(cases[i].line);
		if (opts.guest_mem != cases[i].bytes)
			fail_msg("%s: want %llu, got %llu", cases[i].line, (unsigned long long)cases[i].bytes,
				 (unsigned long long)opts.guest_mem);
	}
}

static void test_guest_mem_bad_values(void **state)
{
	(void)state;
	static const struct { const char *line; const char *expected; } cases[] = {
		{ "guest_mem=", "command line: guest_mem=: needs a size, such as guest_mem=64M" },
		{ "guest_mem", "command line: guest_mem: needs a size, such as guest_mem=64M" },
		{ "guest_mem=12Q", "command line: guest_mem=12Q: not a size; use bytes or a number with a K, M or G suffix" },
		{ "guest_mem=M", "command line: guest_mem=M: not a size; use bytes or a number with a K, M or G suffix" },
		{ "guest_mem=64MB", "command line: guest_mem=64MB: not a size; use bytes or a number with a K, M or G suffix" },
		{ "guest_mem=-64M", "command line: guest_mem=-64M: not a size; use bytes or a number with a K, M or G suffix" },
		{ "guest_mem=0x100000", "command line: guest_mem=0x100000: not a size; use bytes or a number with a K, M or G suffix" },
		{ "guest_mem=1.5G", "command line: guest_mem=1.5G: not a size; use bytes or a number with a K, M or G suffix" },
		{ "guest_mem=1M", "command line: guest_mem=1M: smaller than the 2M minimum" },
		{ "guest_mem=0", "command line: guest_mem=0: smaller than the 2M minimum" },
		{ "guest_mem=2097151", "command line: guest_mem=2097151: smaller than the 2M minimum" },
		{ "guest_mem=18446744073709551616", "command line: guest_mem=18446744073709551616: too large" },
		{ "guest_mem=99999999999999999999999G", "command line: guest_mem=99999999999999999999999G: too large" },
		{ "guest_mem=17179869184G", "command line: guest_mem=17179869184G: too large" },
		{ "guest_mem=18446744073709551615", "command line: guest_mem=18446744073709551615: too large" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		parse_bad(cases[i].line, cases[i].expected);
}

static void test_unknown_options_warn(void **state)
{
	(void)state;
	parse_ok("foo log=debug bar=baz poweroff guest_mem=32M");
	assert_int_equal(opts.log_level, LOG_DEBUG);
	assert_true(opts.poweroff);
	assert_int_equal(opts.guest_mem, 32ull << 20);
	assert_int_equal(opts.unknown_count, 2);
	assert_int_equal(opts.unknown[0].length, 3);
	assert_memory_equal(opts.unknown[0].text, "foo", 3);
	assert_memory_equal(opts.unknown[1].text, "bar=baz", 7);

	fake_log_clear();
	cmdline_log_warnings(&opts);
	assert_int_equal(fake_log_line_count(), 2);
	assert_string_equal(fake_log_text(),
			    "vmxhv: warning: unknown command-line option 'foo'\n"
			    "vmxhv: warning: unknown command-line option 'bar=baz'\n");

	/* Options that only look like known ones are unknown, not errors. */
	parse_ok("logging=yes power guest_memory=1G LOG=debug");
	assert_int_equal(opts.unknown_count, 4);
	assert_int_equal(opts.log_level, LOG_INFO);
	assert_false(opts.poweroff);
	assert_int_equal(opts.guest_mem, CMDLINE_GUEST_MEM_DEFAULT);
}

static void test_many_unknown_options(void **state)
{
	(void)state;
	parse_ok("a b c d e f g h i j");
	assert_int_equal(opts.unknown_count, 10);
	assert_memory_equal(opts.unknown[CMDLINE_MAX_UNKNOWN - 1].text, "h", 1);
	fake_log_clear();
	cmdline_log_warnings(&opts);
	assert_int_equal(fake_log_line_count(), CMDLINE_MAX_UNKNOWN + 1);
	assert_true(fake_log_contains("vmxhv: warning: unknown command-line option 'h'\n"));
	assert_false(fake_log_contains("option 'i'"));
	assert_true(fake_log_contains("vmxhv: warning: 2 more unknown command-line options not shown\n"));

	parse_ok("log=warn");
	fake_log_clear();
	cmdline_log_warnings(&opts);
	assert_int_equal(fake_log_line_count(), 0);
}

static void test_word_splitting(void **state)
{
	(void)state;
	parse_ok("  log=debug\tpoweroff   guest_mem=4M  ");
	assert_int_equal(opts.log_level, LOG_DEBUG);
	assert_true(opts.poweroff);
	assert_int_equal(opts.guest_mem, 4ull << 20);
	assert_int_equal(opts.unknown_count, 0);

	/* A leading kernel path is not an option; a path later on is. */
	parse_ok("/boot/vmxhv.elf log=warn");
	assert_int_equal(opts.log_level, LOG_WARN);
	assert_int_equal(opts.unknown_count, 0);
	parse_ok("log=warn /boot/vmxhv.elf");
	assert_int_equal(opts.unknown_count, 1);

	/* The value runs to the next space and may itself hold '='. */
	parse_ok("serial=ttyS0,115200 x=a=b");
	assert_int_equal(opts.unknown_count, 2);
	assert_int_equal(opts.unknown[1].length, 5);

	/* The first bad option stops the parse; the message names only that word. */
	parse_bad("log=debug guest_mem=1K poweroff", "command line: guest_mem=1K: smaller than the 2M minimum");
}

static void test_error_buffer_limits(void **state)
{
	(void)state;
	char small[16];
	memset(small, 'x', sizeof(small));
	assert_int_equal(cmdline_parse("log=loud", &opts, small, 10), -1);
	assert_string_equal(small, "command l");
	assert_int_equal(small[10], 'x');
	assert_int_equal(cmdline_parse("log=loud", &opts, NULL, 0), -1);
	assert_int_equal(cmdline_parse("log=info", &opts, NULL, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_null),
		cmocka_unit_test(test_log_levels),
		cmocka_unit_test(test_poweroff),
		cmocka_unit_test(test_guest_timeout),
		cmocka_unit_test(test_selftest),
		cmocka_unit_test(test_bad_value_keeps_other_options),
		cmocka_unit_test(test_guest_mem_sizes),
		cmocka_unit_test(test_guest_mem_bad_values),
		cmocka_unit_test(test_unknown_options_warn),
		cmocka_unit_test(test_many_unknown_options),
		cmocka_unit_test(test_word_splitting),
		cmocka_unit_test(test_error_buffer_limits),
	};
	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
