/*
 * The x86 instructions a 32-bit guest uses, as inline functions, and the architectural names
 * (SDM) of the registers and bits they touch. Instructions that may fault on purpose have a
 * guarded twin in fault.h.
 */
#ifndef GUEST_X86_H
#define GUEST_X86_H

#include <stdint.h>

/* MSR numbers (SDM Vol. 4, "Architectural MSRs"). */
#define MSR_IA32_TIME_STAMP_COUNTER 0x00000010u
#define MSR_IA32_APIC_BASE          0x0000001Bu
#define MSR_IA32_FEATURE_CONTROL    0x0000003Au
#define MSR_IA32_MTRRCAP            0x000000FEu
#define MSR_IA32_SYSENTER_CS        0x00000174u
#define MSR_IA32_SYSENTER_ESP       0x00000175u
#define MSR_IA32_SYSENTER_EIP       0x00000176u
#define MSR_IA32_MISC_ENABLE        0x000001A0u
#define MSR_IA32_PAT                0x00000277u
#define MSR_IA32_MTRR_DEF_TYPE      0x000002FFu
#define MSR_IA32_VMX_BASIC          0x00000480u
#define MSR_IA32_VMX_LAST           0x00000493u /* IA32_VMX_PROCBASED_CTLS3 */
#define MSR_IA32_EFER               0xC0000080u
#define MSR_IA32_STAR               0xC0000081u
#define MSR_IA32_LSTAR              0xC0000082u
#define MSR_IA32_CSTAR              0xC0000083u
#define MSR_IA32_FMASK              0xC0000084u
#define MSR_IA32_FS_BASE            0xC0000100u
#define MSR_IA32_GS_BASE            0xC0000101u
#define MSR_IA32_KERNEL_GS_BASE     0xC0000102u

/* IA32_FEATURE_CONTROL bits. */
#define FEATURE_CONTROL_LOCKED             (1u << 0)
#define FEATURE_CONTROL_VMXON_INSIDE_SMX   (1u << 1)
#define FEATURE_CONTROL_VMXON_OUTSIDE_SMX  (1u << 2)

/* IA32_EFER bits. */
#define EFER_SCE (1ull << 0)
#define EFER_LME (1ull << 8)
#define EFER_LMA (1ull << 10)

/* EFLAGS bits. */
#define EFLAGS_TF (1u << 8) /* trap: single-step */

/* Control register bits. */
#define CR0_PE  (1u << 0)
#define CR0_CD  (1u << 30)
#define CR0_PG  (1u << 31)
#define CR4_PAE (1u << 5)

/* Exception vectors (SDM Vol. 3, Table 6-1). */
#define VEC_DE 0
#define VEC_DB 1
#define VEC_BP 3
#define VEC_UD 6
#define VEC_DF 8
#define VEC_GP 13
#define VEC_PF 14
#define EXCEPTION_VECTORS 32

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;
	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32))
			 : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* VMCALL with the hypercall number in EAX; the hypervisor's answer comes back in EAX. */
static inline uint32_t vmcall(uint32_t nr)
{
	uint32_t ret = nr;
	__asm__ volatile("vmcall" : "+a"(ret) : : "memory");
	return ret;
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t inw(uint16_t port)
{
	uint16_t v;
	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" ::"a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" ::"a"(v), "Nd"(port)); }

#define DEFINE_CR_ACCESS(n)                                                      \
	static inline uint32_t read_cr##n(void)                                  \
	{                                                                        \
		uint32_t v;                                                      \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));                \
		return v;                                                        \
	}                                                                        \
	static inline void write_cr##n(uint32_t v)                               \
	{                                                                        \
		__asm__ volatile("mov %0, %%cr" #n ::"r"(v) : "memory");         \
	}
DEFINE_CR_ACCESS(0)
DEFINE_CR_ACCESS(3)
DEFINE_CR_ACCESS(4)
#undef DEFINE_CR_ACCESS

/* A 32-bit GDTR/IDTR image, as LGDT/LIDT/SGDT/SIDT read and write it. */
struct descriptor_table_register {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static inline void lidt(const struct descriptor_table_register *r)
{
	__asm__ volatile("lidt %0" ::"m"(*r) : "memory");
}

#endif
