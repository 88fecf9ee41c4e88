/*
 * msr: the hypervisor's MSR emulation, case by case. Three tables:
 *   - every emulated MSR must read without a fault (the value is printed);
 *   - valid writes must read back exactly;
 *   - invalid writes (reserved PAT types, reserved EFER bits, non-canonical bases, read-only
 *     or locked MSRs, unimplemented MSRs) must raise #GP(0) and leave the MSR unchanged.
 * Plus: all VMX capability MSRs must raise #GP on read, and a TSC write must move both
 * RDMSR and RDTSC. Under QEMU TCG several invalid writes do not fault: those FAIL there.
 */
#include "lib/check.h"
#include "lib/entry.h"
#include "lib/fault.h"
#include "lib/printf.h"
#include "lib/x86.h"

struct msr_name {
	const char *name;
	uint32_t msr;
};

struct msr_write {
	const char *name;
	uint32_t msr;
	uint64_t value;
	const char *why;  /* for invalid writes: what makes the value invalid */
};

static const struct msr_name emulated[] = {
	{ "TSC", MSR_IA32_TIME_STAMP_COUNTER },
	{ "APIC_BASE", MSR_IA32_APIC_BASE },
	{ "FEATURE_CONTROL", MSR_IA32_FEATURE_CONTROL },
	{ "MTRRCAP", MSR_IA32_MTRRCAP },
	{ "SYSENTER_CS", MSR_IA32_SYSENTER_CS },
	{ "SYSENTER_ESP", MSR_IA32_SYSENTER_ESP },
	{ "SYSENTER_EIP", MSR_IA32_SYSENTER_EIP },
	{ "MISC_ENABLE", MSR_IA32_MISC_ENABLE },
	{ "PAT", MSR_IA32_PAT },
	{ "MTRR_DEF_TYPE", MSR_IA32_MTRR_DEF_TYPE },
	{ "EFER", MSR_IA32_EFER },
	{ "STAR", MSR_IA32_STAR },
	{ "LSTAR", MSR_IA32_LSTAR },
	{ "CSTAR", MSR_IA32_CSTAR },
	{ "SFMASK", MSR_IA32_FMASK },
	{ "FS_BASE", MSR_IA32_FS_BASE },
	{ "GS_BASE", MSR_IA32_GS_BASE },
	{ "KERNEL_GS_BASE", MSR_IA32_KERNEL_GS_BASE },
};

/* PAT memory types, one byte per entry PA0..PA7 (SDM Vol. 3, Table 12-10). The reset value
 * is 0x0007040600070406: WB WT UC- UC, twice. Types 2, 3 and 8-255 are reserved. */
#define PAT_RESET   0x0007040600070406ull

static const struct msr_write valid_writes[] = {
	{ "PAT", MSR_IA32_PAT, 0x0007010600070106ull, "PA1 write-combining" },
	{ "EFER", MSR_IA32_EFER, EFER_SCE, "SCE" },
	{ "SYSENTER_CS", MSR_IA32_SYSENTER_CS, 0x10, 0 },
	{ "SYSENTER_ESP", MSR_IA32_SYSENTER_ESP, 0x00200000, 0 },
	{ "SYSENTER_EIP", MSR_IA32_SYSENTER_EIP, 0x00101234, 0 },
	{ "STAR", MSR_IA32_STAR, 0x0023001000000000ull, 0 },
	{ "LSTAR", MSR_IA32_LSTAR, 0xFFFFFFFF80001000ull, 0 },
	{ "CSTAR", MSR_IA32_CSTAR, 0xFFFFFFFF80002000ull, 0 },
	{ "SFMASK", MSR_IA32_FMASK, 0x00047700, 0 },
	{ "FS_BASE", MSR_IA32_FS_BASE, 0x00007FFF12345000ull, 0 },
	{ "GS_BASE", MSR_IA32_GS_BASE, 0xFFFF800000001000ull, 0 },
	{ "KERNEL_GS_BASE", MSR_IA32_KERNEL_GS_BASE, 0x0000000012345000ull, 0 },
};

static const struct msr_write invalid_writes[] = {
	{ "PAT", MSR_IA32_PAT, 0x0007040600070402ull, "PA0 type 2 is reserved" },
	{ "PAT", MSR_IA32_PAT, 0x0307040600070406ull, "PA7 type 3 is reserved" },
	{ "PAT", MSR_IA32_PAT, 0x0007040600070408ull, "PA0 type 8 is reserved" },
	{ "EFER", MSR_IA32_EFER, 1ull << 1, "bit 1 is reserved" },
	{ "EFER", MSR_IA32_EFER, 1ull << 63, "bit 63 is reserved" },
	{ "LSTAR", MSR_IA32_LSTAR, 0x8000000000000000ull, "non-canonical" },
	{ "FS_BASE", MSR_IA32_FS_BASE, 0x0000800000000000ull, "non-canonical" },
	{ "GS_BASE", MSR_IA32_GS_BASE, 0x00FF000000000000ull, "non-canonical" },
	{ "KERNEL_GS_BASE", MSR_IA32_KERNEL_GS_BASE, 0x8000000000000000ull, "non-canonical" },
	{ "MTRR_DEF_TYPE", MSR_IA32_MTRR_DEF_TYPE, 2, "type 2 is reserved" },
	{ "MTRRCAP", MSR_IA32_MTRRCAP, 0, "read-only" },
	{ "FEATURE_CONTROL", MSR_IA32_FEATURE_CONTROL, FEATURE_CONTROL_LOCKED |
	  FEATURE_CONTROL_VMXON_OUTSIDE_SMX, "locked" },
	{ "VMX_BASIC", MSR_IA32_VMX_BASIC, 0, "not emulated" },
	{ "0x12345678", 0x12345678u, 0, "not an MSR" },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void read_emulated(void)
{
	for (unsigned i = 0; i < ARRAY_SIZE(emulated); i++) {
		uint64_t value;
		int v = try_rdmsr(emulated[i].msr, &value);
		if (v == FAULT_NONE)
			printf("guest: rdmsr %s (0x%x) = 0x%llx\n", emulated[i].name, emulated[i].msr,
			       value);
		else
			fail("rdmsr %s (0x%x) raised %s", emulated[i].name, emulated[i].msr,
			     exception_name((uint32_t)v));
	}
}

static void read_vmx_capabilities(void)
{
	unsigned faulted = 0, total = 0;
	for (uint32_t msr = MSR_IA32_VMX_BASIC; msr <= MSR_IA32_VMX_LAST; msr++, total++) {
		uint64_t value;
		int v = try_rdmsr(msr, &value);
		if (v == VEC_GP && fault_last_error_code() == 0)
			faulted++;
		else if (v == FAULT_NONE)
			fail("rdmsr 0x%x returned 0x%llx, expected #GP", msr, value);
		else
			fail("rdmsr 0x%x raised %s error 0x%x, expected #GP(0)", msr,
			     exception_name((uint32_t)v), fault_last_error_code());
	}
	if (faulted == total)
		printf("guest: rdmsr 0x%x-0x%x all raised #GP\n", MSR_IA32_VMX_BASIC, MSR_IA32_VMX_LAST);
}

static void write_valid(const struct msr_write *w)
{
	uint64_t saved, got = 0;
	if (try_rdmsr(w->msr, &saved) != FAULT_NONE) {
		fail("rdmsr %s before writing faulted", w->name);
		return;
	}
	int v = try_wrmsr(w->msr, w->value);
	if (v == FAULT_NONE)
		v = try_rdmsr(w->msr, &got);
	if (v != FAULT_NONE)
		fail("wrmsr %s 0x%llx raised %s", w->name, w->value, exception_name((uint32_t)v));
	else if (got != w->value)
		fail("wrmsr %s 0x%llx read back 0x%llx", w->name, w->value, got);
	else
		printf("guest: wrmsr %s 0x%llx read back 0x%llx\n", w->name, w->value, got);
	try_wrmsr(w->msr, saved);
}

static void write_invalid(const struct msr_write *w)
{
	uint64_t before = 0, after = 0;
	int readable = try_rdmsr(w->msr, &before) == FAULT_NONE;
	int v = try_wrmsr(w->msr, w->value);
	uint32_t error = fault_last_error_code();

	if (v == FAULT_NONE) {
		fail("wrmsr %s 0x%llx (%s) did not raise #GP", w->name, w->value, w->why);
		if (readable)
			try_wrmsr(w->msr, before);
		return;
	}
	if (v != VEC_GP || error != 0) {
		fail("wrmsr %s 0x%llx (%s) raised %s error 0x%x, expected #GP(0)", w->name, w->value,
		     w->why, exception_name((uint32_t)v), error);
		return;
	}
	if (readable && (try_rdmsr(w->msr, &after) != FAULT_NONE || after != before)) {
		fail("wrmsr %s 0x%llx raised #GP but changed it from 0x%llx to 0x%llx", w->name,
		     w->value, before, after);
		return;
	}
	printf("guest: wrmsr %s 0x%llx (%s) raised #GP as expected\n", w->name, w->value, w->why);
}

/* Move the TSC forward by 2^32 with WRMSR: RDMSR and RDTSC must both see the jump. */
static void write_tsc(void)
{
	const uint64_t jump = 1ull << 32;
	uint64_t before, after_msr;

	if (try_rdmsr(MSR_IA32_TIME_STAMP_COUNTER, &before) != FAULT_NONE) {
		fail("rdmsr TSC faulted");
		return;
	}
	uint64_t target = before + jump;
	int v = try_wrmsr(MSR_IA32_TIME_STAMP_COUNTER, target);
	if (v != FAULT_NONE) {
		fail("wrmsr TSC raised %s", exception_name((uint32_t)v));
		return;
	}
	uint64_t after_rdtsc = rdtsc();
	try_rdmsr(MSR_IA32_TIME_STAMP_COUNTER, &after_msr);
	/* "Soon after": within 2^32 ticks of the write, a second or so on any machine. */
	int msr_ok = after_msr >= target && after_msr - target < jump;
	int rdtsc_ok = after_rdtsc >= target && after_rdtsc - target < jump;
	if (check(msr_ok, "rdmsr TSC sees the written value") &&
	    check(rdtsc_ok, "rdtsc sees the value written to the TSC MSR"))
		printf("guest: wrmsr TSC 0x%llx: rdtsc then 0x%llx, rdmsr 0x%llx\n", target,
		       after_rdtsc, after_msr);
}

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	(void)info;
	read_emulated();
	read_vmx_capabilities();
	for (unsigned i = 0; i < ARRAY_SIZE(valid_writes); i++)
		write_valid(&valid_writes[i]);
	for (unsigned i = 0; i < ARRAY_SIZE(invalid_writes); i++)
		write_invalid(&invalid_writes[i]);
	write_tsc();
	return check_status();
}
