/* The host's 8254 programmable interval timer, as a clock to measure the TSC against. */
#ifndef DRIVERS_PIT8254_H
#define DRIVERS_PIT8254_H

#include <stdint.h>

/*
 * The TSC's frequency in Hz, measured over 10 ms of PIT channel 2 (the speaker channel, whose
 * output can be polled without interrupts). Returns 0 when the count never ends (no PIT).
 */
uint64_t pit8254_measure_tsc_hz(void);

#endif
