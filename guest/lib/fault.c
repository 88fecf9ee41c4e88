/* Recovery points for instructions expected to fault; see fault.h. */
#include "fault.h"
#include "x86.h"

/* Nonzero only while a guarded instruction runs: where to resume if it faults. */
volatile uint32_t fault_resume_eip;
static volatile int fault_vector;
static volatile uint32_t fault_error_code;
static volatile uint32_t fault_eip;

/*
 * Wrap one instruction (asm text) in a recovery point. "1:" is the resume label; the store and
 * the clear are part of the same asm statement so the compiler cannot move the instruction out
 * from between them.
 */
#define GUARDED(insn)                          \
	"movl $1f, fault_resume_eip\n\t"       \
	insn "\n"                              \
	"1:\n\t"                               \
	"movl $0, fault_resume_eip"

static void arm(void)
{
	fault_vector = FAULT_NONE;
	fault_error_code = 0;
	fault_eip = 0;
}

int fault_recover(struct exception_frame *frame)
{
	if (!fault_resume_eip)
		return 0;
	fault_vector = (int)frame->vector;
	fault_error_code = frame->error_code;
	fault_eip = frame->eip;
	frame->eip = fault_resume_eip;
	frame->eflags &= ~EFLAGS_TF;
	fault_resume_eip = 0;
	return 1;
}

uint32_t fault_last_error_code(void)
{
	return fault_error_code;
}

uint32_t fault_last_eip(void)
{
	return fault_eip;
}

/* The body of a try_* for an instruction that reads ECX and gives EDX:EAX (RDMSR, RDPMC). */
#define TRY_ECX_TO_EDX_EAX(insn, ecx, value)                                                  \
	do {                                                                                  \
		uint32_t lo = 0, hi = 0;                                                      \
		arm();                                                                        \
		__asm__ volatile(GUARDED(insn) : "+a"(lo), "+d"(hi) : "c"(ecx) : "memory");   \
		if (fault_vector == FAULT_NONE)                                               \
			*(value) = ((uint64_t)hi << 32) | lo;                                 \
		return fault_vector;                                                          \
	} while (0)

int try_rdmsr(uint32_t msr, uint64_t *value)
{
	TRY_ECX_TO_EDX_EAX("rdmsr", msr, value);
}

int try_wrmsr(uint32_t msr, uint64_t value)
{
	arm();
	__asm__ volatile(GUARDED("wrmsr")
			 : : "c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)) : "memory");
	return fault_vector;
}

int try_vmcall(uint32_t nr, uint32_t *result)
{
	uint32_t eax = nr;
	arm();
	__asm__ volatile(GUARDED("vmcall") : "+a"(eax) : : "memory");
	if (fault_vector == FAULT_NONE)
		*result = eax;
	return fault_vector;
}

int try_vmread(uint32_t field, uint32_t *value)
{
	uint32_t v = 0;
	arm();
	__asm__ volatile(GUARDED("vmread %1, %0") : "+r"(v) : "r"(field) : "cc", "memory");
	if (fault_vector == FAULT_NONE)
		*value = v;
	return fault_vector;
}

int try_vmwrite(uint32_t field, uint32_t value)
{
	arm();
	__asm__ volatile(GUARDED("vmwrite %1, %0") : : "r"(field), "r"(value) : "cc", "memory");
	return fault_vector;
}

int try_vmxon(uint64_t vmxon_region_pa)
{
	arm();
	__asm__ volatile(GUARDED("vmxon %0") : : "m"(vmxon_region_pa) : "cc", "memory");
	return fault_vector;
}

int try_write_cr4(uint32_t value)
{
	arm();
	__asm__ volatile(GUARDED("mov %0, %%cr4") : : "r"(value) : "memory");
	return fault_vector;
}

int try_rdpmc(uint32_t counter, uint64_t *value)
{
	TRY_ECX_TO_EDX_EAX("rdpmc", counter, value);
}

int try_cpuid_single_step(uint32_t leaf, uint32_t *next_eip)
{
	uint32_t eax = leaf, ebx, ecx = 0, edx;
	arm();
	__asm__ volatile("movl $1f, fault_resume_eip\n\t"
			 "movl $1f, %4\n\t"
			 "pushfl\n\t"
			 "orl %5, (%%esp)\n\t"
			 "popfl\n\t" /* TF takes effect after the next instruction */
			 "cpuid\n"
			 "1:\n\t"
			 "movl $0, fault_resume_eip"
			 : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx), "=m"(*next_eip)
			 : "i"(EFLAGS_TF)
			 : "cc", "memory");
	return fault_vector;
}
