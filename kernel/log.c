/* The hypervisor's log (kernel/log.h): one formatted line per call, on the console. */
#include "kernel/log.h"
#include "kernel/console_internal.h"
#include "kernel/format.h"

#include <stdarg.h>

#define LOG_LINE_MAX 512

static enum log_level threshold = LOG_INFO;

static const char *const level_tag[] = {
	[LOG_ERROR] = "error: ",
	[LOG_WARN] = "warning: ",
	[LOG_INFO] = "",
	[LOG_DEBUG] = "debug: ",
};

void log_set_level(enum log_level level) { threshold = level; }
enum log_level log_get_level(void) { return threshold; }

static void emit(enum log_level level, const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];

	fmt_vsnprintf(line, sizeof(line), fmt, ap);
	console_start_line();
	console_write("vmxhv: ");
	console_write(level_tag[level]);
	console_write(line);
	console_write("\n");
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
