/*
 * Measuring the TSC with the 8254 PIT (8254 datasheet names): channel 2 counts down once in
 * mode 0 from a count worth 10 ms at the PIT's 1.193182 MHz; its OUT pin, readable in bit 5 of
 * port 0x61, rises when the count ends. The TSC ticks between gate-on and OUT give its rate.
 */
#include "drivers/pit8254.h"
#include "kernel/cpu.h"

#define PIT_HZ              1193182u
#define PIT_CHANNEL2_DATA   0x42
#define PIT_MODE_COMMAND    0x43
#define PIT_SPEAKER_CONTROL 0x61     /* bit 0: channel 2 gate, bit 1: speaker, bit 5: OUT2 */
#define SPEAKER_GATE2       0x01
#define SPEAKER_DATA        0x02
#define SPEAKER_OUT2        0x20
#define PIT_CHANNEL2_MODE0  0xB0     /* channel 2, low then high byte, mode 0, binary */
#define MEASURE_MS          10
#define MEASURE_COUNT       (PIT_HZ * MEASURE_MS / 1000)
#define GIVE_UP_TSC_TICKS   (1ull << 40) /* far beyond 10 ms on any CPU */

uint64_t pit8254_measure_tsc_hz(void)
{
	uint8_t control = inb(PIT_SPEAKER_CONTROL) & ~(SPEAKER_GATE2 | SPEAKER_DATA);

	outb(PIT_SPEAKER_CONTROL, control); /* gate off, speaker off */
	outb(PIT_MODE_COMMAND, PIT_CHANNEL2_MODE0);
	outb(PIT_CHANNEL2_DATA, MEASURE_COUNT & 0xFF);
	outb(PIT_CHANNEL2_DATA, MEASURE_COUNT >> 8);
	uint64_t start = rdtsc();
	outb(PIT_SPEAKER_CONTROL, control | SPEAKER_GATE2); /* count */
	while (!(inb(PIT_SPEAKER_CONTROL) & SPEAKER_OUT2)) {
		if (rdtsc() - start > GIVE_UP_TSC_TICKS)
			return 0;
	}
	uint64_t ticks = rdtsc() - start;
	outb(PIT_SPEAKER_CONTROL, control);
	return ticks * 1000 / MEASURE_MS;
}
