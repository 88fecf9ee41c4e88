/*
 * A device's request that the guest end: the debug-exit port, a reset, later a triple fault
 * or an ACPI power-off. Devices fill it in; the VM exit loop checks it after every dispatch,
 * stops the guest and prints the outcome. The first request wins; later ones are ignored.
 */
#ifndef DEVICES_GUEST_END_H
#define DEVICES_GUEST_END_H

#include <stdbool.h>

enum guest_end_cause {
	GUEST_END_EXIT_STATUS, /* the guest asked to stop with a status (debug-exit port) */
	GUEST_END_RESET,       /* the guest asked to reset the machine; we end it instead */
};

struct guest_end {
	bool requested;
	enum guest_end_cause cause;
	int status;            /* GUEST_END_EXIT_STATUS: the guest's status; otherwise 0 */
	const char *reason;    /* one line for the log, a string with static storage */
};

/* Ask for the guest to end, unless something asked before. */
void guest_end_request(struct guest_end *end, enum guest_end_cause cause, int status,
		       const char *reason);

#endif
