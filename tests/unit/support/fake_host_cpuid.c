/* A table-driven host_cpuid for tests; see fake_host_cpuid.h. */
#include "tests/unit/support/fake_host_cpuid.h"

#include <stdbool.h>
#include <stddef.h>

#define MAX_ENTRIES 64

struct entry {
	uint32_t leaf, subleaf;
	struct cpuid_regs regs;
};

static struct entry table[MAX_ENTRIES];
static size_t used;
static unsigned calls;

/* A Haswell-like CPU, close to Bochs' corei7_haswell_4770. */
static const struct entry haswell[] = {
	{ 0x0, FAKE_CPUID_ANY_SUBLEAF, { 0xD, 0x756E6547, 0x6C65746E, 0x49656E69 } }, /* GenuineIntel */
	/* EBX: APIC id 2, 16 logical processors, CLFLUSH 64 bytes. ECX has VMX, SMX, EST, TM2,
	 * MONITOR, DTES64, DS-CPL, xTPR, PDCM, x2APIC, TSC-deadline, XSAVE, OSXSAVE, AVX.
	 * EDX has everything up to PBE, APIC, MCE, MCA, DS, ACPI, HTT, TM among them. */
	{ 0x1, FAKE_CPUID_ANY_SUBLEAF, { 0x000306C3, 0x02100800, 0x7FFAFBFF, 0xBFEBFBFF } },
	{ 0x4, 0, { 0x1C004121, 0x01C0003F, 0x0000003F, 0x00000000 } },
	{ 0x4, 1, { 0x1C004122, 0x01C0003F, 0x0000003F, 0x00000000 } },
	{ 0x6, FAKE_CPUID_ANY_SUBLEAF, { 0x00000077, 0x00000002, 0x00000009, 0x00000000 } },
	/* EBX: FSGSBASE, TSC_ADJUST, BMI1, AVX2, SMEP, BMI2, ERMS, INVPCID, FPU CS/DS deprecation,
	 * Intel PT (25). EDX: MD_CLEAR, IBRS/IBPB, STIBP, L1D_FLUSH, ARCH_CAPABILITIES, SSBD. */
	{ 0x7, 0, { 0x00000000, 0x020027AB, 0x00000000, 0xBC000400 } },
	{ 0xA, FAKE_CPUID_ANY_SUBLEAF, { 0x07300403, 0x00000000, 0x00000000, 0x00000603 } },
	{ 0xB, 0, { 0x00000001, 0x00000002, 0x00000100, 0x00000002 } },
	{ 0xB, 1, { 0x00000004, 0x00000008, 0x00000201, 0x00000002 } },
	/* x87, SSE, AVX; 832 bytes for them. */
	{ 0xD, 0, { 0x00000007, 0x00000340, 0x00000340, 0x00000000 } },
	{ 0xD, 1, { 0x00000001, 0x00000000, 0x00000000, 0x00000000 } },
	{ 0xD, 2, { 0x00000100, 0x00000240, 0x00000000, 0x00000000 } },
	{ 0x80000000, FAKE_CPUID_ANY_SUBLEAF, { 0x80000008, 0, 0, 0 } },
	/* ECX: LAHF/SAHF, LZCNT. EDX: SYSCALL, NX, 1 GiB pages, RDTSCP, LM. */
	{ 0x80000001, FAKE_CPUID_ANY_SUBLEAF, { 0, 0, 0x00000021, 0x2C100800 } },
	{ 0x80000008, FAKE_CPUID_ANY_SUBLEAF, { 0x00003027, 0, 0, 0 } },
};

void fake_host_cpuid_clear(void)
{
	used = 0;
	calls = 0;
}

void fake_host_cpuid_set(uint32_t leaf, uint32_t subleaf, struct cpuid_regs regs)
{
	for (size_t i = 0; i < used; i++) {
		if (table[i].leaf == leaf && table[i].subleaf == subleaf) {
			table[i].regs = regs;
			return;
		}
	}
	if (used < MAX_ENTRIES)
		table[used++] = (struct entry){ leaf, subleaf, regs };
}

void fake_host_cpuid_reset(void)
{
	fake_host_cpuid_clear();
	for (size_t i = 0; i < sizeof(haswell) / sizeof(haswell[0]); i++)
		fake_host_cpuid_set(haswell[i].leaf, haswell[i].subleaf, haswell[i].regs);
}

unsigned fake_host_cpuid_calls(void) { return calls; }

struct cpuid_regs host_cpuid(uint32_t leaf, uint32_t subleaf)
{
	const struct entry *any = NULL;

	calls++;
	for (size_t i = 0; i < used; i++) {
		if (table[i].leaf != leaf)
			continue;
		if (table[i].subleaf == subleaf)
			return table[i].regs;
		if (table[i].subleaf == FAKE_CPUID_ANY_SUBLEAF)
			any = &table[i];
	}
	return any ? any->regs : (struct cpuid_regs){ 0, 0, 0, 0 };
}
