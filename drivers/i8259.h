/*
 * The host's 8259A interrupt controller pair. vmxhv polls its devices and runs with interrupts
 * off, so the PICs are moved off the exception vectors and every line is masked: a host device
 * interrupt then neither fires in vmxhv nor reaches a guest.
 */
#ifndef DRIVERS_I8259_H
#define DRIVERS_I8259_H

#include <stdbool.h>
#include <stdint.h>

#define I8259_MASTER_VECTOR 0x20 /* IRQ 0-7 */
#define I8259_SLAVE_VECTOR  0x28 /* IRQ 8-15 */

/* Re-initialise both PICs with their vectors above the exceptions and all lines masked. */
void i8259_init_masked(void);

/* Open one of the master's lines (IRQ 0-7), for the host-interrupt self-test only. */
void i8259_unmask_master_irq(unsigned irq);

/* Whether vector is one of the PICs' (0x20-0x2F). */
bool i8259_owns_vector(uint8_t vector);

/* Non-specific end of interrupt for a PIC vector (the slave's lines need both PICs told). */
void i8259_end_of_interrupt(uint8_t vector);

#endif
