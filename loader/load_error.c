/* A loader's error message; see load_error.h. */
#include "loader/load_error.h"
#include "kernel/format.h"

#include <stdarg.h>

/* See load_error.h. */
int load_error(char *error, size_t error_len, const char *fmt, ...)
{
	if (!error || error_len == 0)
		return -1;
	int n = fmt_snprintf(error, error_len, "%s", LOAD_ERROR_PREFIX);
	if (n >= 0 && (size_t)n < error_len) {
		va_list ap;
		va_start(ap, fmt);
		fmt_vsnprintf(error + n, error_len - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}
