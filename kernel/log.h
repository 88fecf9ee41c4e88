/*
 * The hypervisor's log. Every call prints one line on COM1 (and the VGA screen when present),
 * starting with "vmxhv: " on a fresh line even when a guest left its own line unfinished.
 * Warnings, errors and debug lines carry their level after the prefix; info lines do not.
 * The format is printf's (see kernel/format.h for what is supported). No trailing newline.
 */
#ifndef KERNEL_LOG_H
#define KERNEL_LOG_H

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

void log_write(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * The same, printed whatever the log level: for the few lines that say how a guest or the run
 * ended, which a user and a test must always see.
 */
void log_always(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void log_set_level(enum log_level level);
enum log_level log_get_level(void);

#define log_error(...) log_write(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_write(LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_write(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_write(LOG_DEBUG, __VA_ARGS__)

#endif
