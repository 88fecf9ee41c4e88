/*
 * The privileged x86 instructions the kernel uses, as inline functions. Kernel-only: host unit
 * tests never include this file; pure logic takes the values these return as arguments.
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <stdint.h>

#include "kernel/cpuid.h"

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)value), "d"((uint32_t)(value >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define DEFINE_CR_ACCESS(n)                                                      \
	static inline uint64_t read_cr##n(void)                                  \
	{                                                                        \
		uint64_t v;                                                      \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));                \
		return v;                                                        \
	}                                                                        \
	static inline void write_cr##n(uint64_t v)                               \
	{                                                                        \
		__asm__ volatile("mov %0, %%cr" #n ::"r"(v) : "memory");         \
	}
DEFINE_CR_ACCESS(0)
DEFINE_CR_ACCESS(2)
DEFINE_CR_ACCESS(3)
DEFINE_CR_ACCESS(4)
#undef DEFINE_CR_ACCESS

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" ::"a"(v), "Nd"(port)); }

static inline uint64_t read_rflags(void)
{
	uint64_t v;
	__asm__ volatile("pushfq; popq %0" : "=r"(v));
	return v;
}

struct descriptor_table_register {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

static inline struct descriptor_table_register read_gdtr(void)
{
	struct descriptor_table_register r;
	__asm__ volatile("sgdt %0" : "=m"(r));
	return r;
}

static inline struct descriptor_table_register read_idtr(void)
{
	struct descriptor_table_register r;
	__asm__ volatile("sidt %0" : "=m"(r));
	return r;
}

static inline uint16_t read_tr(void)
{
	uint16_t v;
	__asm__ volatile("str %0" : "=r"(v));
	return v;
}

#define DEFINE_SEG_READ(name)                                                    \
	static inline uint16_t read_##name(void)                                 \
	{                                                                        \
		uint16_t v;                                                      \
		__asm__ volatile("mov %%" #name ", %0" : "=r"(v));               \
		return v;                                                        \
	}
DEFINE_SEG_READ(cs)
DEFINE_SEG_READ(ds)
DEFINE_SEG_READ(es)
DEFINE_SEG_READ(ss)
DEFINE_SEG_READ(fs)
DEFINE_SEG_READ(gs)
#undef DEFINE_SEG_READ

__attribute__((noreturn)) static inline void cpu_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#endif
