/*
 * The kernel command-line parser (see cmdline.h for the options it accepts).
 *
 * cmdline_parse splits the line into words, splits each word at its first '=' into a key and
 * an optional value, and looks the key up in options[]; the option's handler checks and stores
 * the value. Keys not in the table are kept as unknown.
 */
#include "kernel/cmdline.h"
#include "kernel/format.h"

#include <string.h>

/* A word split into key and value; has_value says whether there was an '='. */
struct option_word {
	struct cmdline_word word;       /* the whole word, for messages */
	struct cmdline_word key;
	struct cmdline_word value;
	bool has_value;
};

/* Where an option handler reports a bad value. */
struct error_sink {
	char *buf;
	size_t len;
};

/* Report "command line: <word>: <problem>". Returns -1. */
static int bad_option(struct error_sink *sink, const struct option_word *w, const char *problem)
{
	if (sink->buf != NULL && sink->len > 0)
		fmt_snprintf(sink->buf, sink->len, "command line: %.*s: %s", (int)w->word.length,
			     w->word.text, problem);
	return -1;
}

/* Does the word (not NUL-terminated) equal the string s? */
static bool word_is(struct cmdline_word word, const char *s)
{
	return strlen(s) == word.length && strncmp(word.text, s, word.length) == 0;
}

/* log=<error|warn|info|debug> */
static int set_log(struct cmdline_options *out, const struct option_word *w,
		   struct error_sink *sink)
{
	static const struct { const char *name; enum log_level level; } levels[] = {
		{ "error", LOG_ERROR }, { "warn", LOG_WARN },
		{ "info", LOG_INFO },   { "debug", LOG_DEBUG },
	};

	if (!w->has_value)
		return bad_option(sink, w, "needs a level: log=error, warn, info or debug");
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		if (word_is(w->value, levels[i].name)) {
			out->log_level = levels[i].level;
			return 0;
		}
	}
	return bad_option(sink, w, "unknown level; use error, warn, info or debug");
}

/* poweroff */
static int set_poweroff(struct cmdline_options *out, const struct option_word *w,
			struct error_sink *sink)
{
	if (w->has_value)
		return bad_option(sink, w, "takes no value; write just poweroff");
	out->poweroff = true;
	return 0;
}

/*
 * Read the decimal digits at the start of text into *value; *used says how many there were
 * (0: none). Returns 0, or -2 when the number does not fit in 64 bits.
 */
static int parse_decimal(struct cmdline_word text, size_t *used, uint64_t *value)
{
	size_t i = 0;

	*value = 0;
	for (; i < text.length && text.text[i] >= '0' && text.text[i] <= '9'; i++) {
		unsigned digit = text.text[i] - '0';
		if (*value > (UINT64_MAX - digit) / 10)
			return -2;
		*value = *value * 10 + digit;
	}
	*used = i;
	return 0;
}

/*
 * Read a size: decimal digits, then optionally one of K, M, G (either case) for KiB, MiB, GiB.
 * Returns 0 and *bytes, -1 when it is not of that form, -2 when it does not fit in 64 bits.
 */
static int parse_size(struct cmdline_word text, uint64_t *bytes)
{
	uint64_t value;
	size_t i;

	if (parse_decimal(text, &i, &value) != 0)
		return -2;
	if (i == 0)
		return -1;

	unsigned shift = 0;
	if (i + 1 == text.length) {
		switch (text.text[i]) {
		case 'k': case 'K': shift = 10; break;
		case 'm': case 'M': shift = 20; break;
		case 'g': case 'G': shift = 30; break;
		default: return -1;
		}
	} else if (i != text.length) {
		return -1;
	}
	if (value > (UINT64_MAX >> shift))
		return -2;
	*bytes = value << shift;
	return 0;
}

/* guest_mem=<size> */
static int set_guest_mem(struct cmdline_options *out, const struct option_word *w,
			 struct error_sink *sink)
{
	uint64_t bytes;

	if (!w->has_value || w->value.length == 0)
		return bad_option(sink, w, "needs a size, such as guest_mem=64M");
	int rc = parse_size(w->value, &bytes);
	if (rc == -1)
		return bad_option(sink, w,
				  "not a size; use bytes or a number with a K, M or G suffix");
	if (rc == -2 || bytes > UINT64_MAX - (CMDLINE_GUEST_MEM_ALIGN - 1))
		return bad_option(sink, w, "too large");
	if (bytes < CMDLINE_GUEST_MEM_MIN)
		return bad_option(sink, w, "smaller than the 2M minimum");
	out->guest_mem = (bytes + CMDLINE_GUEST_MEM_ALIGN - 1) & ~(CMDLINE_GUEST_MEM_ALIGN - 1);
	return 0;
}

/* selftest=<page_fault|stack_overflow|panic|bad_guest_state|bad_control|host_timer> */
static int set_selftest(struct cmdline_options *out, const struct option_word *w,
			struct error_sink *sink)
{
	static const struct { const char *name; enum cmdline_selftest test; } tests[] = {
		{ "page_fault", CMDLINE_SELFTEST_PAGE_FAULT },
		{ "stack_overflow", CMDLINE_SELFTEST_STACK_OVERFLOW },
		{ "panic", CMDLINE_SELFTEST_PANIC },
		{ "bad_guest_state", CMDLINE_SELFTEST_BAD_GUEST_STATE },
		{ "bad_control", CMDLINE_SELFTEST_BAD_CONTROL },
		{ "host_timer", CMDLINE_SELFTEST_HOST_TIMER },
	};

	for (size_t i = 0; w->has_value && i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (word_is(w->value, tests[i].name)) {
			out->selftest = tests[i].test;
			return 0;
		}
	}
	return bad_option(sink, w, "unknown self-test; use page_fault, stack_overflow, panic, bad_guest_state, bad_control or host_timer");
}

/* guest_timeout=<seconds> */
static int set_guest_timeout(struct cmdline_options *out, const struct option_word *w,
			     struct error_sink *sink)
{
	uint64_t seconds;
	size_t used;

	if (!w->has_value || parse_decimal(w->value, &used, &seconds) != 0 || used == 0 ||
	    used != w->value.length)
		return bad_option(sink, w, "needs a whole number of seconds, such as guest_timeout=10");
	if (seconds > CMDLINE_GUEST_TIMEOUT_MAX)
		return bad_option(sink, w, "more than a day (86400 seconds)");
	out->guest_timeout = (unsigned)seconds;
	return 0;
}

/* The options users can give, by key. */
static const struct option {
	const char *key;
	int (*set)(struct cmdline_options *out, const struct option_word *w,
		   struct error_sink *sink);
} options[] = {
	{ "log", set_log },
	{ "poweroff", set_poweroff },
	{ "guest_mem", set_guest_mem },
	{ "guest_timeout", set_guest_timeout },
	{ "selftest", set_selftest },
};

/* Split a word into key and value at its first '='. */
static struct option_word split_word(struct cmdline_word word)
{
	struct option_word w = { .word = word, .key = word };

	for (size_t i = 0; i < word.length; i++) {
		if (word.text[i] == '=') {
			w.key.length = i;
			w.value = (struct cmdline_word){ word.text + i + 1, word.length - i - 1 };
			w.has_value = true;
			break;
		}
	}
	return w;
}

/* Apply one word: hand it to its option, or keep it as unknown. */
static int apply_word(struct cmdline_options *out, struct cmdline_word word,
		      struct error_sink *sink)
{
	struct option_word w = split_word(word);

	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if (word_is(w.key, options[i].key))
			return options[i].set(out, &w, sink);
	}
	if (out->unknown_count < CMDLINE_MAX_UNKNOWN)
		out->unknown[out->unknown_count] = word;
	out->unknown_count++;
	return 0;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* See cmdline.h. */
int cmdline_parse(const char *cmdline, struct cmdline_options *out, char *error, size_t error_len)
{
	struct error_sink sink = { error, error_len };
	const char *p = cmdline ? cmdline : "";
	bool first = true;
	int result = 0;

	*out = (struct cmdline_options){
		.log_level = LOG_INFO,
		.guest_mem = CMDLINE_GUEST_MEM_DEFAULT,
	};
	if (error != NULL && error_len > 0)
		error[0] = '\0';
	for (;;) {
		while (is_space(*p))
			p++;
		if (*p == '\0')
			return result;
		struct cmdline_word word = { p, 0 };
		while (p[word.length] != '\0' && !is_space(p[word.length]))
			word.length++;
		p += word.length;
		if (first && word.text[0] == '/') {     /* the kernel's path */
			first = false;
			continue;
		}
		first = false;
		/* Go on past a bad value, so that every good option (poweroff above all) still
		 * applies while the kernel reports the first bad one and stops. */
		if (apply_word(out, word, &sink) < 0 && result == 0) {
			result = -1;
			sink.len = 0; /* keep the first message */
		}
	}
}

/* See cmdline.h. */
void cmdline_log_warnings(const struct cmdline_options *options)
{
	size_t kept = options->unknown_count;

	if (kept > CMDLINE_MAX_UNKNOWN)
		kept = CMDLINE_MAX_UNKNOWN;

	for (size_t i = 0; i < kept; i++)
		log_warn("unknown command-line option '%.*s'", (int)options->unknown[i].length,
			 options->unknown[i].text);
	if (options->unknown_count > kept)
		log_warn("%zu more unknown command-line options not shown",
			 options->unknown_count - kept);
}
