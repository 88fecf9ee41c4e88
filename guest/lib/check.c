/* Counting failed checks; see check.h. */
#include <stdarg.h>
#include "check.h"
#include "exit.h"
#include "printf.h"

static unsigned failures;

void fail(const char *fmt, ...)
{
	va_list ap;
	failures++;
	printf("guest: FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

int check(int cond, const char *what)
{
	if (!cond)
		fail("%s", what);
	return cond;
}

unsigned check_failures(void)
{
	return failures;
}

int check_status(void)
{
	if (failures == 0) {
		printf("guest: all checks passed\n");
		return GUEST_STATUS_PASS;
	}
	printf("guest: %u check%s failed\n", failures, failures == 1 ? "" : "s");
	return GUEST_STATUS_FAIL;
}
