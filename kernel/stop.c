/*
 * Ending a run: say why, then power off (when asked to) or halt.
 *
 * There is no portable power-off without an ACPI interpreter, so we knock on the doors the
 * engines we test on provide, each harmless where it is absent: QEMU's isa-debug-exit port
 * (exit status (value << 1) | 1), Bochs' shutdown port (the bytes of "Shutdown" to 0x8900), and
 * the PM1a control register QEMU's PIIX4 and ICH9 models place at 0x604 (SLP_EN, S5 type 0).
 * If the machine is still running after that, it halts.
 */
#include "kernel/stop.h"
#include "kernel/cpu.h"
#include "kernel/log.h"

#define QEMU_DEBUG_EXIT_PORT 0xF4
#define BOCHS_SHUTDOWN_PORT  0x8900
#define QEMU_PM1A_CNT_PORT   0x604
#define PM1_CNT_SLP_EN       (1u << 13)

static bool poweroff_enabled;

void stop_set_poweroff(bool enabled) { poweroff_enabled = enabled; }

static void power_off(enum stop_status status)
{
	outb(QEMU_DEBUG_EXIT_PORT, (uint8_t)status);
	for (const char *p = "Shutdown"; *p; p++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*p);
	outw(QEMU_PM1A_CNT_PORT, PM1_CNT_SLP_EN);
}

void kernel_stop(enum stop_status status, const char *why)
{
	__asm__ volatile("cli");
	if (poweroff_enabled) {
		log_always(status == STOP_SUCCESS ? LOG_INFO : LOG_ERROR, "stopping: %s; powering off", why);
		power_off(status);
	} else {
		log_always(status == STOP_SUCCESS ? LOG_INFO : LOG_ERROR, "stopping: %s; halted", why);
	}
	cpu_halt_forever();
}
