/* The debug-exit port; see debug_exit.h. */
#include "devices/debug_exit.h"

/* A write ends the guest with the low byte as its status; a read finds nothing there. */
void debug_exit_handle_io(void *state, struct io_request *req, struct guest_end *end)
{
	(void)state;
	if (!req->write) {
		req->value = io_all_ones(req->size);
		return;
	}
	guest_end_request(end, GUEST_END_EXIT_STATUS, (int)(req->value & 0xFF),
			  "guest wrote to the debug-exit port");
}
