/* Captures log lines for host tests; see fake_log.h. Set FAKE_LOG_ECHO=1 to see them. */
#include "tests/unit/support/fake_log.h"
#include "kernel/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char text[1 << 16];
static size_t used;
static size_t lines;
static enum log_level threshold = LOG_DEBUG;

void fake_log_clear(void) { used = 0; lines = 0; text[0] = '\0'; }
bool fake_log_contains(const char *needle) { return strstr(text, needle) != NULL; }
const char *fake_log_text(void) { return text; }
size_t fake_log_line_count(void) { return lines; }
int fake_log_setup(void **state) { (void)state; fake_log_clear(); return 0; }
void log_set_level(enum log_level level) { threshold = level; }
enum log_level log_get_level(void) { return threshold; }

static void emit(enum log_level level, const char *fmt, va_list ap)
{
	static const char *const tag[] = { "error: ", "warning: ", "", "debug: " };
	char line[1024];
	vsnprintf(line, sizeof(line), fmt, ap);
	int n = snprintf(text + used, sizeof(text) - used, "vmxhv: %s%s\n", tag[level], line);
	if (n > 0 && (size_t)n < sizeof(text) - used)
		used += (size_t)n;
	lines++;
	if (getenv("FAKE_LOG_ECHO"))
		fprintf(stderr, "vmxhv: %s%s\n", tag[level], line);
}

void log_write(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	if (level > threshold)
		return;
	va_start(ap, fmt);
	emit(level, fmt, ap);
	va_end(ap);
}

void log_always(enum log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(level, fmt, ap);
	va_end(ap);
}
