/*
 * Guest resets. A guest that asks to reset the machine ends instead; the host machine is never
 * reset. Two ways in are modelled:
 *
 *  - the i8042 keyboard controller's command 0xFE (pulse the reset line), written to port 0x64:
 *    the i8042 model (i8042_stub.c for now) calls reset_request_i8042;
 *  - the Reset Control Register at 0xCF9 (Intel PCH datasheets, "RST_CNT"): bit 1 SYS_RST and
 *    bit 3 FULL_RST choose the kind of reset and read back; a write with bit 2 RST_CPU set
 *    resets. It is a byte register inside the PCI configuration ports 0xCF8-0xCFF and answers
 *    byte accesses only (IO_DECODE_BYTE), leaving 0xCF8 and 0xCFC to a later PCI model.
 */
#ifndef DEVICES_RESET_PORTS_H
#define DEVICES_RESET_PORTS_H

#include <stdint.h>

#include "devices/guest_end.h"
#include "devices/io_request.h"

#define RESET_CONTROL_PORT 0xCF9

#define RST_CNT_SYS_RST  0x02
#define RST_CNT_RST_CPU  0x04
#define RST_CNT_FULL_RST 0x08

struct reset_control {
	uint8_t value; /* SYS_RST and FULL_RST as last written */
};

/* The i8042's reset line was pulsed (command 0xFE to port 0x64). */
void reset_request_i8042(struct guest_end *end);

void reset_control_init(struct reset_control *rc);

/* The bus handler for 0xCF9 (IO_DECODE_BYTE): state is the struct reset_control. */
void reset_control_handle_io(void *state, struct io_request *req, struct guest_end *end);

#endif
