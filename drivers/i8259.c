/*
 * The host's 8259A PICs: initialisation words and end of interrupt, as the 8259A datasheet
 * names them. BIOS leaves the master on vectors 0x08-0x0F, which are CPU exceptions in
 * protected mode, with the timer line open.
 */
#include "drivers/i8259.h"
#include "kernel/cpu.h"

#define PIC_MASTER_COMMAND 0x20
#define PIC_MASTER_DATA    0x21
#define PIC_SLAVE_COMMAND  0xA0
#define PIC_SLAVE_DATA     0xA1

#define ICW1_INIT       0x10 /* start initialisation */
#define ICW1_ICW4       0x01 /* ICW4 follows */
#define ICW3_MASTER_IR2 0x04 /* the slave hangs on the master's IR2 */
#define ICW3_SLAVE_ID   0x02 /* ... and knows itself as 2 */
#define ICW4_8086       0x01 /* 8086 mode */
#define OCW1_MASK_ALL   0xFF
#define OCW2_EOI        0x20 /* non-specific end of interrupt */
#define OCW3_READ_ISR   0x0B /* the next read of the command port returns the ISR */
#define SPURIOUS_IRQ    7    /* the line a PIC reports when a request vanished */

void i8259_init_masked(void)
{
	outb(PIC_MASTER_COMMAND, ICW1_INIT | ICW1_ICW4);
	outb(PIC_SLAVE_COMMAND, ICW1_INIT | ICW1_ICW4);
	outb(PIC_MASTER_DATA, I8259_MASTER_VECTOR);
	outb(PIC_SLAVE_DATA, I8259_SLAVE_VECTOR);
	outb(PIC_MASTER_DATA, ICW3_MASTER_IR2);
	outb(PIC_SLAVE_DATA, ICW3_SLAVE_ID);
	outb(PIC_MASTER_DATA, ICW4_8086);
	outb(PIC_SLAVE_DATA, ICW4_8086);
	outb(PIC_MASTER_DATA, OCW1_MASK_ALL);
	outb(PIC_SLAVE_DATA, OCW1_MASK_ALL);
}

void i8259_unmask_master_irq(unsigned irq)
{
	outb(PIC_MASTER_DATA, inb(PIC_MASTER_DATA) & ~(1u << (irq & 7)));
}

bool i8259_owns_vector(uint8_t vector)
{
	return vector >= I8259_MASTER_VECTOR && vector < I8259_SLAVE_VECTOR + 8;
}

static bool in_service(uint16_t command_port, unsigned irq)
{
	outb(command_port, OCW3_READ_ISR);
	return inb(command_port) & (1u << irq);
}

/*
 * A spurious interrupt (IRQ 7 of either PIC with its ISR bit clear) gets no end of interrupt
 * from its own PIC; a spurious one from the slave still does from the master, whose cascade
 * line it went through.
 */
void i8259_end_of_interrupt(uint8_t vector)
{
	bool slave = vector >= I8259_SLAVE_VECTOR;
	unsigned irq = vector & 7;
	uint16_t command = slave ? PIC_SLAVE_COMMAND : PIC_MASTER_COMMAND;
	bool spurious = irq == SPURIOUS_IRQ && !in_service(command, irq);

	if (slave && !spurious)
		outb(PIC_SLAVE_COMMAND, OCW2_EOI);
	if (slave || !spurious)
		outb(PIC_MASTER_COMMAND, OCW2_EOI);
}
