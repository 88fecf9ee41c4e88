/*
 * Ending the guest. The status byte goes to the debug-exit port (0xF4): vmxhv reports
 * "guest exited with status N"; QEMU's isa-debug-exit exits with (N << 1) | 1.
 */
#ifndef GUEST_EXIT_H
#define GUEST_EXIT_H

#include <stdint.h>

/* Exit statuses shared by all guest programs. exit_status chooses its own. */
#define GUEST_STATUS_PASS                  0 /* every check passed */
#define GUEST_STATUS_FAIL                  1 /* a check failed; "guest: FAIL ..." lines say which */
#define GUEST_STATUS_UNEXPECTED_EXCEPTION  2 /* an exception nobody armed recovery for */
#define GUEST_STATUS_STILL_RUNNING         3 /* a guest meant to be stopped by the hypervisor
						(reset, EPT violation, ...) came back */

/* Write status to the debug-exit port, then halt with interrupts off, forever. */
void guest_exit(uint32_t status) __attribute__((noreturn));

#endif
