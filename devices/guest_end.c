/* A device's request that the guest end; see guest_end.h. */
#include "devices/guest_end.h"

/*
 * Record the first request only: a guest that writes a word to the debug-exit port, or resets
 * twice, ends for the reason it gave first.
 */
void guest_end_request(struct guest_end *end, enum guest_end_cause cause, int status,
		       const char *reason)
{
	if (end->requested)
		return;
	end->requested = true;
	end->cause = cause;
	end->status = status;
	end->reason = reason;
}
