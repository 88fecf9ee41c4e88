/*
 * How a run ends. The last line printed says why; with `poweroff` on the command line the
 * machine is then switched off on every engine we use, else the CPU halts.
 */
#ifndef KERNEL_STOP_H
#define KERNEL_STOP_H

#include <stdbool.h>

enum stop_status { STOP_SUCCESS = 0, STOP_FAILURE = 1 };

void stop_set_poweroff(bool enabled);
__attribute__((noreturn)) void kernel_stop(enum stop_status status, const char *why);

#endif
