/* The log (kernel/log.h) for host unit tests: lines are kept so tests can assert on them. */
#ifndef TESTS_FAKE_LOG_H
#define TESTS_FAKE_LOG_H

#include <stdbool.h>
#include <stddef.h>

void fake_log_clear(void);
/* True when some line logged since the last clear contains text. */
bool fake_log_contains(const char *text);
/* All lines since the last clear, each ending in '\n' (for failure messages). */
const char *fake_log_text(void);
size_t fake_log_line_count(void);
/* A cmocka setup fixture: the test starts with an empty log. */
int fake_log_setup(void **state);

#endif
