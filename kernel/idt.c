/*
 * The IDT: the 32 CPU exceptions (SDM Vol. 3, 6.3), each reported with its vector, name, error
 * code, RIP, CR2 and the general registers, then the kernel stops. Nothing else is wired: the
 * kernel runs with interrupts off. Double fault and NMI use IST1, a stack of their own.
 */
#include "kernel/idt.h"
#include "kernel/cpu.h"
#include "kernel/layout.h"
#include "kernel/log.h"
#include "kernel/stop.h"

#define IDT_EXCEPTIONS       32
#define IDT_TYPE_INTERRUPT   0x8E /* present, DPL 0, 64-bit interrupt gate */
#define IST_EXCEPTION_STACK  1
#define VECTOR_NMI           2
#define VECTOR_DOUBLE_FAULT  8
#define VECTOR_PAGE_FAULT    14

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type_attributes;
	uint16_t offset_middle;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

extern const uint64_t exception_stubs[IDT_EXCEPTIONS];
static struct idt_gate idt[IDT_EXCEPTIONS] __attribute__((aligned(16)));

static const char *const exception_names[IDT_EXCEPTIONS] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
	"#BR BOUND range exceeded", "#UD invalid opcode", "#NM device not available",
	"#DF double fault", "coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack-segment fault", "#GP general protection",
	"#PF page fault", "reserved (15)", "#MF x87 floating-point error", "#AC alignment check",
	"#MC machine check", "#XM SIMD floating-point", "#VE virtualization exception",
	"#CP control protection", "reserved (22)", "reserved (23)", "reserved (24)",
	"reserved (25)", "reserved (26)", "reserved (27)", "#HV hypervisor injection",
	"#VC VMM communication", "#SX security exception", "reserved (31)",
};

static void set_gate(unsigned vector, uint64_t handler, uint8_t ist)
{
	idt[vector] = (struct idt_gate){
		.offset_low = handler & 0xFFFF,
		.selector = GDT_KERNEL_CODE,
		.ist = ist,
		.type_attributes = IDT_TYPE_INTERRUPT,
		.offset_middle = (handler >> 16) & 0xFFFF,
		.offset_high = handler >> 32,
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < IDT_EXCEPTIONS; v++) {
		bool own_stack = v == VECTOR_DOUBLE_FAULT || v == VECTOR_NMI;
		set_gate(v, exception_stubs[v], own_stack ? IST_EXCEPTION_STACK : 0);
	}
	struct descriptor_table_register idtr = { sizeof(idt) - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" ::"m"(idtr));
}

#define U(x) ((unsigned long long)(x))

static void print_registers(const struct exception_frame *f)
{
	log_error("  RAX 0x%016llx RBX 0x%016llx RCX 0x%016llx RDX 0x%016llx", U(f->rax), U(f->rbx),
		  U(f->rcx), U(f->rdx));
	log_error("  RSI 0x%016llx RDI 0x%016llx RBP 0x%016llx RSP 0x%016llx", U(f->rsi), U(f->rdi),
		  U(f->rbp), U(f->rsp));
	log_error("  R8  0x%016llx R9  0x%016llx R10 0x%016llx R11 0x%016llx", U(f->r8), U(f->r9),
		  U(f->r10), U(f->r11));
	log_error("  R12 0x%016llx R13 0x%016llx R14 0x%016llx R15 0x%016llx", U(f->r12), U(f->r13),
		  U(f->r14), U(f->r15));
	log_error("  CS 0x%llx SS 0x%llx RFLAGS 0x%llx CR0 0x%llx CR3 0x%llx CR4 0x%llx", U(f->cs),
		  U(f->ss), U(f->rflags), U(read_cr0()), U(read_cr3()), U(read_cr4()));
}

/* Called by exception_common with the frame it built; reports and stops. */
__attribute__((noreturn)) void exception_dispatch(const struct exception_frame *frame);
void exception_dispatch(const struct exception_frame *frame)
{
	static bool reporting;

	if (reporting)
		kernel_stop(STOP_FAILURE, "exception while reporting an exception");
	reporting = true;
	log_error("exception %s (vector %llu), error code 0x%llx, at RIP 0x%llx, CR2 0x%llx",
		  exception_names[frame->vector % IDT_EXCEPTIONS], U(frame->vector),
		  U(frame->error_code), U(frame->rip), U(read_cr2()));
	print_registers(frame);
	kernel_stop(STOP_FAILURE, "CPU exception in the hypervisor");
}
