/*
 * hello: the default guest. Reports what the boot hand-off gave it, then walks the contract
 * the hypervisor promises a guest (MSRs, CPUID, single-stepping an emulated instruction,
 * RDPMC, hypercalls, UART) and checks each answer.
 * Exits 0 only when every check passed. Run bare under QEMU, the hypervisor-specific checks
 * (CPUID signature, VMCALL, FEATURE_CONTROL, boot loader name) fail by design.
 */
#include "lib/check.h"
#include "lib/cmdline.h"
#include "lib/entry.h"
#include "lib/fault.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/uart.h"
#include "lib/x86.h"
#include "vmxhv_guest_abi.h"

#define UNIMPLEMENTED_MSR 0x12345678u
#define UNKNOWN_HYPERCALL 0xDEADu
#define PAT_WITH_WC_IN_PA1 0x0007040600070106ull /* the reset PAT, PA1 write-back -> write-combining */

static void report_boot_info(uint32_t magic, const struct multiboot_info *info)
{
	if (check(magic == MULTIBOOT_BOOTLOADER_MAGIC, "multiboot magic in EAX"))
		printf("guest: multiboot magic 0x%08x\n", magic);
	else
		printf("guest: multiboot magic was 0x%08x\n", magic);
	printf("guest: hello from a Multiboot guest\n");
	printf("guest: cmdline \"%s\"\n", cmdline_of(info));

	if (check(info->flags & MULTIBOOT_INFO_MEMORY, "multiboot info has mem_lower/mem_upper"))
		printf("guest: mem_lower %u KiB, mem_upper %u KiB\n", info->mem_lower, info->mem_upper);

	if (info->flags & MULTIBOOT_INFO_BOOT_LOADER_NAME) {
		const char *name = (const char *)info->boot_loader_name;
		printf("guest: boot loader \"%s\"\n", name);
		check(strcmp(name, VMXHV_BOOT_LOADER_NAME) == 0, "boot loader name is \"vmxhv\"");
	} else {
		fail("multiboot info has no boot loader name");
	}

	if (!check(info->flags & MULTIBOOT_INFO_MEM_MAP, "multiboot info has a memory map"))
		return;
	int covers_us = 0;
	uint32_t at = info->mmap_addr, end = info->mmap_addr + info->mmap_length;
	while (at < end) {
		const struct multiboot_mmap_entry *e = (const void *)at;
		printf("guest: mmap 0x%llx-0x%llx type %u\n", e->addr, e->addr + e->len - 1, e->type);
		if (e->type == MULTIBOOT_MEMORY_AVAILABLE && e->addr <= VMXHV_GUEST_LOAD_ADDR &&
		    e->addr + e->len > VMXHV_GUEST_LOAD_ADDR)
			covers_us = 1;
		at += e->size + sizeof(e->size);
	}
	check(covers_us, "memory map has available RAM at 1 MiB");
}

/* Read an MSR that must be implemented; print it. Returns 1 and the value if it did not fault. */
static int read_msr(const char *name, uint32_t msr, uint64_t *value)
{
	int v = try_rdmsr(msr, value);
	if (v != FAULT_NONE) {
		fail("rdmsr %s (0x%x) raised %s", name, msr, exception_name((uint32_t)v));
		return 0;
	}
	printf("guest: rdmsr %s = 0x%llx\n", name, *value);
	return 1;
}

/* Read an MSR the hypervisor does not implement: it must raise #GP in the guest. */
static void expect_rdmsr_gp(uint32_t msr)
{
	uint64_t value;
	int v = try_rdmsr(msr, &value);
	if (v == VEC_GP)
		printf("guest: rdmsr 0x%x raised #GP as expected\n", msr);
	else if (v == FAULT_NONE)
		fail("rdmsr 0x%x returned 0x%llx, expected #GP", msr, value);
	else
		fail("rdmsr 0x%x raised %s, expected #GP", msr, exception_name((uint32_t)v));
}

/* Write value, read it back, restore the original. */
static void write_read_back(const char *name, uint32_t msr, uint64_t value)
{
	uint64_t saved, got;
	if (try_rdmsr(msr, &saved) != FAULT_NONE) {
		fail("rdmsr %s before write faulted", name);
		return;
	}
	int v = try_wrmsr(msr, value);
	if (v != FAULT_NONE) {
		fail("wrmsr %s 0x%llx raised %s", name, value, exception_name((uint32_t)v));
		return;
	}
	v = try_rdmsr(msr, &got);
	if (v == FAULT_NONE && got == value)
		printf("guest: wrmsr %s 0x%llx read back 0x%llx\n", name, value, got);
	else
		fail("wrmsr %s 0x%llx read back 0x%llx", name, value, got);
	if (try_wrmsr(msr, saved) != FAULT_NONE)
		fail("wrmsr %s restore 0x%llx faulted", name, saved);
}

static void check_msrs(void)
{
	uint64_t value, tsc1, tsc2;

	read_msr("EFER", MSR_IA32_EFER, &value);
	read_msr("PAT", MSR_IA32_PAT, &value);
	read_msr("APIC_BASE", MSR_IA32_APIC_BASE, &value);
	read_msr("MISC_ENABLE", MSR_IA32_MISC_ENABLE, &value);

	if (read_msr("TSC", MSR_IA32_TIME_STAMP_COUNTER, &tsc1) &&
	    read_msr("TSC", MSR_IA32_TIME_STAMP_COUNTER, &tsc2)) {
		if (check(tsc2 > tsc1, "TSC increases between two rdmsr"))
			printf("guest: tsc advanced by %llu\n", tsc2 - tsc1);
	}

	if (read_msr("FEATURE_CONTROL", MSR_IA32_FEATURE_CONTROL, &value)) {
		int locked = (value & FEATURE_CONTROL_LOCKED) != 0;
		int vmx = (value & (FEATURE_CONTROL_VMXON_INSIDE_SMX |
				    FEATURE_CONTROL_VMXON_OUTSIDE_SMX)) != 0;
		if (check(locked && !vmx, "FEATURE_CONTROL locked with VMX off"))
			printf("guest: FEATURE_CONTROL is locked with VMX off\n");
	}

	expect_rdmsr_gp(MSR_IA32_VMX_BASIC);
	expect_rdmsr_gp(UNIMPLEMENTED_MSR);

	write_read_back("PAT", MSR_IA32_PAT, PAT_WITH_WC_IN_PA1);
	if (try_rdmsr(MSR_IA32_EFER, &value) == FAULT_NONE)
		write_read_back("EFER", MSR_IA32_EFER, value | EFER_SCE);
}

static void check_cpuid(void)
{
	struct cpuid_regs r = cpuid(1, 0);
	if (check(!(r.ecx & VMXHV_CPUID_1_ECX_VMX), "cpuid 1: ECX.VMX (bit 5) is clear"))
		printf("guest: cpuid 1: VMX hidden (ecx 0x%08x)\n", r.ecx);
	if (check(r.ecx & VMXHV_CPUID_1_ECX_HYPERVISOR, "cpuid 1: ECX.hypervisor (bit 31) is set"))
		printf("guest: cpuid 1: hypervisor bit set\n");

	r = cpuid(VMXHV_CPUID_LEAF_BASE, 0);
	char sig[13];
	memcpy(sig + 0, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	sig[12] = '\0';
	for (int i = 0; i < 12; i++)   /* keep a foreign signature printable */
		if (sig[i] && (sig[i] < ' ' || sig[i] > '~'))
			sig[i] = '?';
	int ok = r.ebx == VMXHV_CPUID_SIGNATURE_EBX && r.ecx == VMXHV_CPUID_SIGNATURE_ECX &&
		 r.edx == VMXHV_CPUID_SIGNATURE_EDX && r.eax >= VMXHV_CPUID_LEAF_BASE;
	if (check(ok, "cpuid 0x40000000 is the vmxhv signature"))
		printf("guest: cpuid 0x40000000: max leaf 0x%08x signature \"%s\"\n", r.eax, sig);
	else
		printf("guest: cpuid 0x40000000 gave eax 0x%08x ebx 0x%08x ecx 0x%08x edx 0x%08x\n",
		       r.eax, r.ebx, r.ecx, r.edx);
}

/*
 * The hypervisor emulates CPUID: under EFLAGS.TF the single-step #DB must still come, right
 * after the instruction, as on a CPU without a hypervisor. (Bochs raises it at VM entry by
 * itself, so there this checks only that the hypervisor's pending #DB does not make a second
 * one or a failed entry; that real CPUs get it is unit-tested, tests/unit/test_exit_dispatch.c.)
 */
static void check_single_step(void)
{
	uint32_t next_eip = 0;
	int v = try_cpuid_single_step(0, &next_eip);
	if (v != VEC_DB)
		fail("cpuid under TF raised %s, expected #DB",
		     v == FAULT_NONE ? "nothing" : exception_name((uint32_t)v));
	else if (check(fault_last_eip() == next_eip, "single-step #DB right after cpuid"))
		printf("guest: cpuid under TF: #DB at the next instruction\n");
	else
		printf("guest: cpuid under TF: #DB at eip 0x%08x, expected 0x%08x\n", fault_last_eip(),
		       next_eip);
}

/* No performance counters are virtualized: RDPMC raises #GP(0) whatever the counter. */
static void check_rdpmc(void)
{
	uint64_t value = 0;
	int v = try_rdpmc(0, &value);
	if (check(v == VEC_GP && fault_last_error_code() == 0, "rdpmc raises #GP(0)"))
		printf("guest: rdpmc 0 raised #GP as expected\n");
	else if (v == FAULT_NONE)
		printf("guest: rdpmc 0 returned 0x%llx\n", value);
}

static void check_hypercalls(void)
{
	uint32_t ret = 0;
	int v = try_vmcall(VMXHV_HC_VERSION, &ret);
	if (v != FAULT_NONE)
		fail("vmcall VERSION raised %s", exception_name((uint32_t)v));
	else if (check(ret != 0 && ret != (uint32_t)VMXHV_HC_UNKNOWN, "vmcall VERSION returns a version"))
		printf("guest: vmcall VERSION returned 0x%08x (%u.%u)\n", ret, VMXHV_VERSION_MAJOR(ret),
		       VMXHV_VERSION_MINOR(ret));

	v = try_vmcall(UNKNOWN_HYPERCALL, &ret);
	if (v != FAULT_NONE)
		fail("vmcall 0x%x raised %s", UNKNOWN_HYPERCALL, exception_name((uint32_t)v));
	else if (check(ret == (uint32_t)VMXHV_HC_UNKNOWN, "vmcall of an unknown number returns -1"))
		printf("guest: vmcall 0x%x returned 0x%08x as expected\n", UNKNOWN_HYPERCALL, ret);
}

static void check_uart_scratch(void)
{
	outb(COM1 + UART_SCR, 0x5A);
	uint8_t got = inb(COM1 + UART_SCR);
	if (check(got == 0x5A, "uart scratch register holds what was written"))
		printf("guest: uart scratch register holds 0x%02x\n", got);
}

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	report_boot_info(magic, info);
	check_msrs();
	check_cpuid();
	check_single_step();
	check_rdpmc();
	check_hypercalls();
	check_uart_scratch();
	return check_status();
}
