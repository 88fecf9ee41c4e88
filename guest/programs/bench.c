/*
 * bench: the cost of one guest exit round trip, for each kind of exit, measured with RDTSC from
 * inside the guest. Under Bochs with clock sync=none one TSC tick is one instruction, so the
 * numbers are exact and repeatable there; on hardware they are cycles-ish and noisy, which is
 * why each operation reports the minimum and the median of N runs.
 *
 * Each sample is   rdtsc; mov eax->esi; <setup>; <op>; rdtsc; sub esi->eax
 * and each operation's loop overhead is the same sequence without <op>, so net = raw - overhead
 * is the op alone. One warm-up run of each is discarded (first-time paths: "logged once", cold
 * caches).
 *
 * Output, one line per operation (all numbers decimal):
 *   guest: bench: <op> min <net> median <net> ticks/round trip (raw min <r> median <r>, loop overhead min <o> median <o>, n <N>)
 * and, from the entry stub's first instruction (see lib/entry.asm):
 *   guest: bench: first instruction at tsc <T>
 *   guest: bench: guest_main at tsc <T>
 */
#include "lib/check.h"
#include "lib/entry.h"
#include "lib/fault.h"
#include "lib/printf.h"
#include "lib/x86.h"
#include "vmxhv_guest_abi.h"

#define RUNS 64

/* Ticks from just after one RDTSC to just after the next, with setup and op between them. */
#define TICKS(setup, op)                                                                 \
	({                                                                               \
		uint32_t ticks_;                                                         \
		__asm__ volatile("rdtsc\n\t"                                             \
				 "movl %%eax, %%esi\n\t" setup op                        \
				 "rdtsc\n\t"                                             \
				 "subl %%esi, %%eax"                                     \
				 : "=a"(ticks_)                                          \
				 :                                                       \
				 : "ebx", "ecx", "edx", "esi", "memory");                \
		ticks_;                                                                  \
	})

/*
 * The operations. Register setup that RDTSC would clobber (EAX, EDX) has to sit inside the
 * window; the baseline carries the same setup, so it cancels out.
 */
#define SETUP_CPUID     "xorl %%eax, %%eax\n\txorl %%ecx, %%ecx\n\t"         /* leaf 0 */
#define SETUP_SCR_READ  "movw $0x3FF, %%dx\n\t"                              /* COM1 SCR */
#define SETUP_RDMSR_PAT "movl $0x277, %%ecx\n\t"                             /* IA32_PAT */
/* THR gets '\r': it moves the console cursor to column 0 and prints nothing, so the 130 of
 * them (warm-up and 64 runs, twice) make one blank line in the log. A NUL would make grep call
 * the log binary; '\n' would make 130 lines. */
#define SETUP_THR_WRITE "movw $0x3F8, %%dx\n\tmovb $13, %%al\n\t"            /* COM1 THR */
#define SETUP_VMCALL    "xorl %%eax, %%eax\n\t"                              /* VERSION */

static uint32_t cpuid_op(void) { return TICKS(SETUP_CPUID, "cpuid\n\t"); }
static uint32_t cpuid_base(void) { return TICKS(SETUP_CPUID, ""); }
static uint32_t scr_op(void) { return TICKS(SETUP_SCR_READ, "inb %%dx, %%al\n\t"); }
static uint32_t scr_base(void) { return TICKS(SETUP_SCR_READ, ""); }
static uint32_t rdmsr_op(void) { return TICKS(SETUP_RDMSR_PAT, "rdmsr\n\t"); }
static uint32_t rdmsr_base(void) { return TICKS(SETUP_RDMSR_PAT, ""); }
static uint32_t thr_op(void) { return TICKS(SETUP_THR_WRITE, "outb %%al, %%dx\n\t"); }
static uint32_t thr_base(void) { return TICKS(SETUP_THR_WRITE, ""); }
static uint32_t vmcall_op(void) { return TICKS(SETUP_VMCALL, "vmcall\n\t"); }
static uint32_t vmcall_base(void) { return TICKS(SETUP_VMCALL, ""); }

struct bench_op {
	const char *name;
	uint32_t (*op)(void);
	uint32_t (*baseline)(void);
	int is_hypercall;       /* skipped when VMCALL faults (no hypervisor) */
	int leaves_partial_line; /* wrote to the console: end that line before reporting */
};

static const struct bench_op ops[] = {
	{ "cpuid", cpuid_op, cpuid_base, 0, 0 },
	{ "uart_scr_inb", scr_op, scr_base, 0, 0 },
	{ "rdmsr_pat", rdmsr_op, rdmsr_base, 0, 0 },
	{ "uart_thr_outb", thr_op, thr_base, 0, 1 },
	{ "vmcall_version", vmcall_op, vmcall_base, 1, 0 },
};

struct stats {
	uint32_t min, median;
};

static struct stats run(uint32_t (*sample)(void))
{
	uint32_t s[RUNS];

	sample();  /* warm-up, discarded */
	for (int i = 0; i < RUNS; i++)
		s[i] = sample();
	for (int i = 1; i < RUNS; i++) {  /* insertion sort: RUNS is small */
		uint32_t v = s[i];
		int j = i;
		for (; j > 0 && s[j - 1] > v; j--)
			s[j] = s[j - 1];
		s[j] = v;
	}
	return (struct stats){ s[0], s[RUNS / 2] };
}

static uint32_t net(uint32_t raw, uint32_t overhead)
{
	return raw > overhead ? raw - overhead : 0;
}

static void bench(const struct bench_op *b)
{
	struct stats raw = run(b->op);
	struct stats base = run(b->baseline);
	if (b->leaves_partial_line)
		printf("\n");  /* else the next line would start with the CRs, not "guest:" */
	printf("guest: bench: %s min %u median %u ticks/round trip (raw min %u median %u, "
	       "loop overhead min %u median %u, n %u)\n",
	       b->name, net(raw.min, base.min), net(raw.median, base.median), raw.min, raw.median,
	       base.min, base.median, RUNS);
}

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	uint64_t main_tsc = rdtsc();
	(void)magic;  /* ENTRY_MAGIC_UNKNOWN: this entry spends EAX on RDTSC */
	(void)info;

	printf("guest: bench: first instruction at tsc %llu\n", guest_entry_tsc);
	printf("guest: bench: guest_main at tsc %llu\n", main_tsc);

	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		uint32_t version;
		int v;
		if (ops[i].is_hypercall &&
		    (v = try_vmcall(VMXHV_HC_VERSION, &version)) != FAULT_NONE) {
			printf("guest: bench: %s skipped: vmcall raised %s\n", ops[i].name,
			       exception_name((uint32_t)v));
			continue;
		}
		bench(&ops[i]);
	}
	printf("guest: bench: done\n");
	return 0;
}
