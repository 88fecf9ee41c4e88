/* Guest resets end the guest; see reset_ports.h. */
#include "devices/reset_ports.h"

/* See reset_ports.h: the guest ends; the host is never reset. */
void reset_request_i8042(struct guest_end *end)
{
	guest_end_request(end, GUEST_END_RESET, 0, "guest requested a reset via port 0x64 (0xFE)");
}

/* Power-on: no reset type chosen. */
void reset_control_init(struct reset_control *rc)
{
	rc->value = 0;
}

/*
 * A write keeps the reset-type bits and, with RST_CPU set, ends the guest (Linux's reboot=pci
 * writes SYS_RST first, then SYS_RST | RST_CPU). A read returns the reset-type bits.
 */
void reset_control_handle_io(void *state, struct io_request *req, struct guest_end *end)
{
	struct reset_control *rc = state;
	if (!req->write) {
		req->value = rc->value;
		return;
	}
	rc->value = (uint8_t)(req->value & (RST_CNT_SYS_RST | RST_CNT_FULL_RST));
	if (req->value & RST_CNT_RST_CPU)
		guest_end_request(end, GUEST_END_RESET, 0,
				  "guest requested a reset via port 0xCF9 (RST_CPU)");
}
