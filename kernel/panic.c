/*
 * panic(): the kernel found itself in a state it cannot continue from. The register dump shows
 * the state at the call, and the frame-pointer backtrace (the kernel is built with frame
 * pointers) shows how it got there; addresses resolve with `addr2line -e build/vmxhv.elf`.
 */
#include "kernel/panic.h"
#include "kernel/cpu.h"
#include "kernel/format.h"
#include "kernel/layout.h"
#include "kernel/log.h"
#include "kernel/stop.h"

#include <stdarg.h>

#define BACKTRACE_DEPTH 12

static void print_backtrace(const uint64_t *frame)
{
	for (int depth = 0; depth < BACKTRACE_DEPTH && frame; depth++) {
		uint64_t address = (uint64_t)frame;
		if (address < (uint64_t)kernel_image_start || address >= (uint64_t)kernel_image_end)
			break; /* only frames on the kernel's own stacks */
		log_error("  #%d return address 0x%llx", depth, (unsigned long long)frame[1]);
		frame = (const uint64_t *)frame[0];
	}
}

void panic(const char *fmt, ...)
{
	static bool panicking;
	char message[256];
	uint64_t rsp, rbp;
	va_list ap;

	__asm__ volatile("cli; mov %%rsp, %0; mov %%rbp, %1" : "=r"(rsp), "=r"(rbp));
	if (panicking)
		kernel_stop(STOP_FAILURE, "panic while panicking");
	panicking = true;

	va_start(ap, fmt);
	fmt_vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	log_error("panic: %s", message);
	log_error("  called from 0x%llx, RSP 0x%llx, RBP 0x%llx, RFLAGS 0x%llx",
		  (unsigned long long)(uint64_t)__builtin_return_address(0), (unsigned long long)rsp,
		  (unsigned long long)rbp, (unsigned long long)read_rflags());
	log_error("  CR0 0x%llx CR2 0x%llx CR3 0x%llx CR4 0x%llx", (unsigned long long)read_cr0(),
		  (unsigned long long)read_cr2(), (unsigned long long)read_cr3(),
		  (unsigned long long)read_cr4());
	print_backtrace((const uint64_t *)rbp);
	kernel_stop(STOP_FAILURE, "kernel panic");
}
