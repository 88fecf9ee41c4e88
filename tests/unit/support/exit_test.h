/*
 * A vCPU for exit-handler tests (header only: only tests that include it pay for what it
 * uses). exit_test_setup gives a guest in 32-bit protected mode with paging off, 8 MiB of RAM
 * at guest-physical 0, the real platform devices on its bus (COM1 transmitting into
 * exit_test.sent), Bochs Haswell capabilities (CR0/CR4 fixed bits, INS/OUTS information,
 * INVVPID types), the controls the lead sets (unrestricted guest, EPT, VPID 1, RDTSCP), and a
 * fresh fake VMCS, log, host CPUID and host CPU.
 */
#ifndef TESTS_EXIT_TEST_H
#define TESTS_EXIT_TEST_H

#include <stdint.h>
#include <string.h>

#include "devices/platform.h"
#include "mm/guest_ram.h"
#include "tests/unit/support/fake_frames.h"
#include "tests/unit/support/fake_host_cpu.h"
#include "tests/unit/support/fake_host_cpuid.h"
#include "tests/unit/support/fake_log.h"
#include "tests/unit/support/fake_vmcs.h"
#include "vmx/caps.h"
#include "vmx/exit_dispatch.h"
#include "vmx/exit_reason.h"
#include "vmx/vcpu.h"
#include "vmx/vmx_controls.h"
#include "vmx/msr_emulation.h"

#define EXIT_TEST_RAM_SIZE   (8ull << 20)
#define EXIT_TEST_RIP        0x101000ull
#define EXIT_TEST_CR0        0x00000031ull /* PE, ET, NE */
#define EXIT_TEST_CR0_MASK   0x60000020ull /* NE (FIXED0), CD, NW: host-owned */
#define EXIT_TEST_CR4_MASK   0x00002000ull /* VMXE */
#define EXIT_TEST_CS_AR_32   0xC09Bu       /* 32-bit code, present, DPL 0, G */
#define EXIT_TEST_CS_AR_64   0xA09Bu       /* 64-bit code (L) */
#define EXIT_TEST_SS_AR      0xC093u       /* data, DPL 0 */
#define EXIT_TEST_SECONDARY  (SECONDARY_ENABLE_EPT | SECONDARY_UNRESTRICTED_GUEST | \
			      SECONDARY_ENABLE_VPID | SECONDARY_ENABLE_RDTSCP)
#define EXIT_TEST_EPT_VPID_CAP 0x00000f0106334141ull /* INVVPID of every type among them */
#define EXIT_TEST_VPID       1

struct exit_test {
	struct vcpu vcpu;
	struct vmx_caps caps;
	struct guest_ram ram;
	struct platform platform;
	uint8_t sent[8192]; /* what COM1 transmitted */
	size_t sent_len;
};

static struct exit_test exit_test;

static void exit_test_transmit(void *ctx, uint8_t byte)
{
	struct exit_test *t = ctx;
	if (t->sent_len < sizeof(t->sent))
		t->sent[t->sent_len++] = byte;
}

static bool exit_test_receive(void *ctx, uint8_t *byte)
{
	(void)ctx;
	(void)byte;
	return false;
}

static inline void exit_test_setup(void)
{
	struct exit_test *t = &exit_test;

	guest_ram_destroy(&t->ram);
	memset(t, 0, sizeof(*t));
	fake_vmcs_reset();
	fake_log_clear();
	fake_host_cpuid_reset();
	fake_host_cpu_reset();
	fake_frames_reset(0x40000000);

	struct uart_backend backend = { exit_test_transmit, exit_test_receive, t };
	platform_init(&t->platform, &backend);
	guest_ram_create(&t->ram, EXIT_TEST_RAM_SIZE);

	/* Bochs corei7_haswell_4770 (shared/notes/bochs.md). */
	t->caps.basic = 0x00d810000000002bull;
	t->caps.ins_outs_info = true;
	t->caps.cr0_fixed0 = 0x80000021;
	t->caps.cr0_fixed1 = 0xffffffff;
	t->caps.cr4_fixed0 = 0x2000;
	t->caps.cr4_fixed1 = 0x1727ff;
	t->caps.procbased = (struct vmx_control_caps){ 0x0401E172, 0xFFF9FFF6, 0x0401E172 };
	t->caps.procbased2 = (struct vmx_control_caps){ 0, 0x00047fff, 0 };
	t->caps.ept_vpid_cap = EXIT_TEST_EPT_VPID_CAP;

	t->vcpu.caps = &t->caps;
	t->vcpu.ram = &t->ram;
	t->vcpu.io = &t->platform.bus;

	fake_vmcs_set(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS,
		      PROCBASED_DEFAULT1 | PROCBASED_HLT_EXITING | PROCBASED_USE_IO_BITMAPS |
			      PROCBASED_USE_MSR_BITMAPS | PROCBASED_USE_TSC_OFFSETTING |
			      PROCBASED_ACTIVATE_SECONDARY_CONTROLS);
	fake_vmcs_set(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS, EXIT_TEST_SECONDARY);
	fake_vmcs_set(VMCS_VIRTUAL_PROCESSOR_ID, EXIT_TEST_VPID);
	fake_vmcs_set(VMCS_VM_ENTRY_CONTROLS,
		      VM_ENTRY_DEFAULT1 | VM_ENTRY_LOAD_IA32_EFER | VM_ENTRY_LOAD_IA32_PAT);
	fake_vmcs_set(VMCS_GUEST_RIP, EXIT_TEST_RIP);
	fake_vmcs_set(VMCS_GUEST_RSP, 0x200000);
	fake_vmcs_set(VMCS_GUEST_RFLAGS, 0x2);
	fake_vmcs_set(VMCS_GUEST_CR0, EXIT_TEST_CR0);
	fake_vmcs_set(VMCS_CR0_READ_SHADOW, EXIT_TEST_CR0);
	fake_vmcs_set(VMCS_CR0_GUEST_HOST_MASK, EXIT_TEST_CR0_MASK);
	fake_vmcs_set(VMCS_GUEST_CR4, 0x2000);
	fake_vmcs_set(VMCS_CR4_READ_SHADOW, 0);
	fake_vmcs_set(VMCS_CR4_GUEST_HOST_MASK, EXIT_TEST_CR4_MASK);
	fake_vmcs_set(VMCS_GUEST_IA32_PAT, 0x0007040600070406ull);
	fake_vmcs_set(VMCS_GUEST_CS_SELECTOR, 0x08);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_32);
	fake_vmcs_set(VMCS_GUEST_SS_SELECTOR, 0x10);
	fake_vmcs_set(VMCS_GUEST_SS_ACCESS_RIGHTS, EXIT_TEST_SS_AR);
	fake_vmcs_set(VMCS_GUEST_TR_ACCESS_RIGHTS, 0x8B);
	fake_vmcs_set(VMCS_LINK_POINTER, ~0ull);
}

static inline void exit_test_teardown(void)
{
	guest_ram_destroy(&exit_test.ram);
}

/* cmocka fixtures around exit_test_setup and exit_test_teardown, for a test's table entry. */
static inline int exit_test_fixture_setup(void **state)
{
	(void)state;
	exit_test_setup();
	return 0;
}

static inline int exit_test_fixture_teardown(void **state)
{
	(void)state;
	exit_test_teardown();
	return 0;
}

/* The fixture for MSR tests: a fresh exit_test whose MSRs have their power-on values. */
static inline int exit_test_msr_fixture_setup(void **state)
{
	(void)state;
	exit_test_setup();
	msr_emulation_init(&exit_test.vcpu);
	return 0;
}

/*
 * A cmocka table entry for test f on a fresh exit_test, its guest RAM freed after;
 * exit_test_unit_test_setup: with the file's own setup fixture, which calls exit_test_setup
 * first and then adjusts what that test file needs.
 */
#define exit_test_unit_test(f) \
	cmocka_unit_test_setup_teardown(f, exit_test_fixture_setup, exit_test_fixture_teardown)
#define exit_test_unit_test_setup(f, setup) \
	cmocka_unit_test_setup_teardown(f, setup, exit_test_fixture_teardown)

/* Fail the test, showing the whole log, unless a logged line contains text (or, not_, none). */
static inline void assert_logged(const char *text)
{
	if (!fake_log_contains(text))
		fail_msg("log lacks \"%s\"; it says:\n%s", text, fake_log_text());
}

static inline void assert_not_logged(const char *text)
{
	if (fake_log_contains(text))
		fail_msg("log has \"%s\"; it says:\n%s", text, fake_log_text());
}

/* The VM exit the next exit_dispatch sees. */
static inline void exit_test_exit(uint32_t reason, uint64_t qualification, uint32_t length)
{
	fake_vmcs_set(VMCS_EXIT_REASON, reason);
	fake_vmcs_set(VMCS_EXIT_QUALIFICATION, qualification);
	fake_vmcs_set(VMCS_VM_EXIT_INSTRUCTION_LENGTH, length);
}

static inline enum exit_action exit_test_dispatch(void)
{
	return exit_dispatch(&exit_test.vcpu);
}

static inline uint64_t exit_test_rip(void)
{
	return fake_vmcs_get(VMCS_GUEST_RIP);
}

/* The event injected for the next entry: 0 when none. */
static inline uint32_t exit_test_injected(void)
{
	return (uint32_t)fake_vmcs_get(VMCS_VM_ENTRY_INTERRUPTION_INFORMATION);
}

/* Interruption information of a hardware exception (bit 31 valid, type 3). */
#define EXIT_TEST_HW_EXCEPTION(vector, error_code) \
	(0x80000000u | (3u << 8) | (vector) | ((error_code) ? (1u << 11) : 0))
#define EXIT_TEST_GP EXIT_TEST_HW_EXCEPTION(13, 1)
#define EXIT_TEST_UD EXIT_TEST_HW_EXCEPTION(6, 0)

#endif
