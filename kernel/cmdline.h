/*
 * The kernel command line: what a user writes after the kernel on GRUB's multiboot2 line.
 *
 * Words are separated by spaces (or tabs); each is key=value or a bare flag. No quoting.
 * A first word that starts with '/' is the kernel's own path, which some boot loaders pass,
 * and is ignored. When an option is given twice, the last one counts.
 *
 *   log=<error|warn|info|debug>  Which log lines to print: only errors, also warnings, also
 *                                information (the default), or everything.
 *   poweroff                     Power the machine off when the work is done or after a fatal
 *                                error, instead of halting (for tests and scripts).
 *   guest_mem=<size>             The guest's RAM. A number of bytes, or of KiB, MiB or GiB with
 *                                a K, M or G suffix (either case): guest_mem=512M, guest_mem=1g.
 *                                At least 2M; rounded up to a multiple of 2M. Default 64M.
 *   guest_timeout=<seconds>      End the guest once it has run this many seconds of its own
 *                                time (on the VMX-preemption timer, the TSC measured against
 *                                the PIT): a guest that hangs is reported instead of hanging
 *                                the machine. 0 (the default): no limit. At most 86400.
 *   selftest=<test>              Show that a fatal-error report works, on this machine:
 *                                page_fault (read through a NULL pointer once memory is up),
 *                                stack_overflow (recurse until the stack runs out),
 *                                panic, bad_guest_state (launch with RFLAGS bit 1 clear: VM
 *                                entry fails on guest state), bad_control (launch with 255 CR3
 *                                targets: VMLAUNCH fails on an invalid control field),
 *                                host_timer (leave the host's timer interrupt line open while
 *                                the guest runs: its interrupts must exit, never reach the guest).
 *
 * An unknown option is not fatal: it is kept, and cmdline_log_warnings prints
 *   vmxhv: warning: unknown command-line option 'foo=bar'
 * A bad value for a known option is fatal; cmdline_parse returns -1 with a message of the form
 *   command line: guest_mem=12Q: not a size; use bytes or a number with a K, M or G suffix
 *
 * Pure: unit-tested on the host.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/log.h"

#define CMDLINE_GUEST_MEM_DEFAULT (64ull << 20)
#define CMDLINE_GUEST_MEM_MIN     (2ull << 20)
#define CMDLINE_GUEST_MEM_ALIGN   (2ull << 20)
#define CMDLINE_MAX_UNKNOWN       8
#define CMDLINE_GUEST_TIMEOUT_MAX 86400u

/* A word of the command line: length bytes at text (not NUL-terminated). */
struct cmdline_word {
	const char *text;
	size_t length;
};

enum cmdline_selftest {
	CMDLINE_SELFTEST_NONE,
	CMDLINE_SELFTEST_PAGE_FAULT,
	CMDLINE_SELFTEST_STACK_OVERFLOW,
	CMDLINE_SELFTEST_PANIC,
	CMDLINE_SELFTEST_BAD_GUEST_STATE,
	CMDLINE_SELFTEST_BAD_CONTROL,
	CMDLINE_SELFTEST_HOST_TIMER,
};

/* The options, with their defaults for whatever the command line does not set. */
struct cmdline_options {
	enum log_level log_level;       /* LOG_INFO */
	bool poweroff;                  /* false */
	uint64_t guest_mem;             /* bytes, a multiple of 2 MiB; CMDLINE_GUEST_MEM_DEFAULT */
	unsigned guest_timeout;         /* seconds of guest time; 0: no limit */
	enum cmdline_selftest selftest; /* CMDLINE_SELFTEST_NONE */

	/* Unknown options, in order; the first CMDLINE_MAX_UNKNOWN are kept (they point into
	 * the command line, which must outlive them). unknown_count counts them all. */
	size_t unknown_count;
	struct cmdline_word unknown[CMDLINE_MAX_UNKNOWN];
};

/*
 * Parse cmdline (NULL or "" for none) into *out, which is first set to the defaults.
 * Returns 0, or -1 with a message in error (when error_len > 0) for the first bad value; the
 * other words are still applied, so that `poweroff` holds even when another option is bad.
 */
int cmdline_parse(const char *cmdline, struct cmdline_options *out, char *error, size_t error_len);

/* Log one warning per unknown option, and one for those beyond CMDLINE_MAX_UNKNOWN. */
void cmdline_log_warnings(const struct cmdline_options *options);

#endif
