/*
 * vmx/exit_report.c: the guest-end report for each way a guest ends, and the statistics lines,
 * in their exact formats.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/msr_index.h"
#include "tests/unit/support/exit_test.h"
#include "vmx/exit_report.h"
#include "vmx/msr_emulation.h"

static void exit_status_prints_the_status(void **state)
{
	(void)state;
	exit_test.vcpu.regs.rax = 42;
	exit_test_exit(EXIT_REASON_IO_INSTRUCTION, (0xF4ull << 16), 1);
	exit_test_dispatch();
	fake_log_clear();
	exit_report_guest_end(&exit_test.vcpu);
	assert_logged("vmxhv: guest exited with status 42\n");
	assert_int_equal(fake_log_line_count(), 1);
}

static void reset_prints_the_reason_only(void **state)
{
	(void)state;
	exit_test.vcpu.regs.rax = 0x6;
	exit_test_exit(EXIT_REASON_IO_INSTRUCTION, (0xCF9ull << 16), 1);
	exit_test_dispatch();
	fake_log_clear();
	exit_report_guest_end(&exit_test.vcpu);
	assert_logged("vmxhv: guest ended: guest requested a reset via port 0xCF9 (RST_CPU); "
		      "vmxhv ends the guest instead\n");
	assert_int_equal(fake_log_line_count(), 1);
}

static void fault_prints_the_cpu_state(void **state)
{
	(void)state;
	struct guest_regs *r = &exit_test.vcpu.regs;
	r->rax = 0x1111; r->rbx = 0x2222; r->rcx = 0x3333; r->rdx = 0x4444;
	r->rsi = 0x5555; r->rdi = 0x6666; r->rbp = 0x7777; r->r8 = 0x8;
	r->r9 = 0x9; r->r10 = 0x10; r->r11 = 0x11; r->r12 = 0x12;
	r->r13 = 0x13; r->r14 = 0x14; r->r15 = 0xFFFFFFFFFFFFFFFFull; r->cr2 = 0xC2;
	fake_vmcs_set(VMCS_GUEST_CR3, 0x1000);
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, 0x500);
	fake_vmcs_set(VMCS_IDT_VECTORING_INFORMATION, 0x80000B0E);
	fake_vmcs_set(VMCS_IDT_VECTORING_ERROR_CODE, 0x2);
	exit_test_exit(EXIT_REASON_TRIPLE_FAULT, 0, 0);
	exit_test_dispatch();
	fake_log_clear();
	exit_report_guest_end(&exit_test.vcpu);

	assert_logged("vmxhv: error: guest ended: the guest caused a triple fault (an exception "
		      "while delivering a double fault) at RIP 0x101000\n");
	assert_logged("vmxhv:   exit reason 2 (triple fault), qualification 0x0\n");
	assert_logged("vmxhv:   IDT-vectoring info 0x80000b0e, error code 0x2\n");
	assert_logged("vmxhv:   CS:RIP 0008:0000000000101000 SS:RSP 0010:0000000000200000 RFLAGS 00000002\n");
	assert_logged("vmxhv:   CR0 0000000000000031 CR2 00000000000000c2 CR3 0000000000001000\n");
	assert_logged("vmxhv:   CR4 0000000000000000 EFER 0000000000000500\n");
	assert_logged("vmxhv:   RAX 0000000000001111 RBX 0000000000002222 RCX 0000000000003333\n");
	assert_logged("vmxhv:   RDX 0000000000004444 RSI 0000000000005555 RDI 0000000000006666\n");
	assert_logged("vmxhv:   RBP 0000000000007777 R8  0000000000000008 R9  0000000000000009\n");
	assert_logged("vmxhv:   R10 0000000000000010 R11 0000000000000011 R12 0000000000000012\n");
	assert_logged("vmxhv:   R13 0000000000000013 R14 0000000000000014 R15 ffffffffffffffff\n");
	assert_false(fake_log_contains("exit interruption info"));
	assert_int_equal(fake_log_line_count(), 11);
}

static void halt_prints_the_cpu_state_at_info_level(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_HLT, 0, 1);
	exit_test_dispatch();
	fake_log_clear();
	exit_report_guest_end(&exit_test.vcpu);
	assert_logged("vmxhv: guest ended: the guest halted with interrupts disabled");
	assert_logged("vmxhv:   exit reason 12 (HLT), qualification 0x0\n");
	assert_false(fake_log_contains("error:"));
}

static void entry_failure_prints_the_reason(void **state)
{
	(void)state;
	exit_test_exit(EXIT_REASON_VM_ENTRY_FAILURE | EXIT_REASON_INVALID_GUEST_STATE, 0, 0);
	exit_test_dispatch();
	fake_log_clear();
	exit_report_guest_end(&exit_test.vcpu);
	assert_logged("vmxhv: error: guest ended: VM entry failed: invalid guest state (exit reason 33)\n");
	assert_int_equal(fake_log_line_count(), 1);
}

static void statistics_lines(void **state)
{
	(void)state;
	for (int i = 0; i < 12; i++) {
		exit_test.vcpu.regs.rax = 0;
		exit_test_exit(EXIT_REASON_CPUID, 0, 2);
		exit_test_dispatch();
	}
	for (int i = 0; i < 3; i++) {
		exit_test.vcpu.regs.rax = 'x';
		exit_test_exit(EXIT_REASON_IO_INSTRUCTION, 0x3F8ull << 16, 1);
		exit_test_dispatch();
	}
	exit_test_exit(EXIT_REASON_IO_INSTRUCTION, (0x3FDull << 16) | 0x8, 1); /* IN from LSR */
	exit_test_dispatch();
	static const struct {
		uint32_t reason, msr;
		uint64_t value;
	} msrs[] = {
		{ EXIT_REASON_RDMSR, MSR_IA32_PAT, 0 },
		{ EXIT_REASON_RDMSR, MSR_IA32_PAT, 0 },
		{ EXIT_REASON_WRMSR, MSR_IA32_PAT, PAT_POWER_ON },
		{ EXIT_REASON_RDMSR, 0x12345678, 0 },
	};
	for (size_t i = 0; i < sizeof(msrs) / sizeof(msrs[0]); i++) {
		exit_test.vcpu.regs.rcx = msrs[i].msr;
		exit_test.vcpu.regs.rax = (uint32_t)msrs[i].value;
		exit_test.vcpu.regs.rdx = msrs[i].value >> 32;
		exit_test_exit(msrs[i].reason, 0, 2);
		exit_test_dispatch();
	}
	fake_log_clear();
	exit_report_statistics(&exit_test.vcpu);

	assert_logged("vmxhv: exits: 20 in all\n");
	assert_logged("vmxhv:   CPUID (10): 12\n");
	assert_logged("vmxhv:   I/O instruction (30): 4\n");
	assert_logged("vmxhv:   RDMSR (31): 3\n");
	assert_logged("vmxhv:   WRMSR (32): 1\n");
	assert_logged("vmxhv: I/O port 0x3f8: 0 reads, 3 writes\n");
	assert_logged("vmxhv: I/O port 0x3fd: 1 read, 0 writes\n");
	assert_logged("vmxhv: MSR 0x277 (IA32_PAT): 2 reads, 1 write, 0 #GP\n");
	assert_logged("vmxhv: MSR 0x12345678: 1 read, 0 writes, 1 #GP\n");
	assert_false(fake_log_contains("HLT"));
	assert_false(fake_log_contains("beyond the table"));
	assert_int_equal(fake_log_line_count(), 9);
	/* Reasons in number order, then ports, then MSRs. */
	const char *text = fake_log_text();
	assert_true(strstr(text, "CPUID (10)") < strstr(text, "I/O instruction (30)"));
	assert_true(strstr(text, "I/O port 0x3fd") < strstr(text, "MSR 0x277"));
}

static void statistics_beyond_the_tables(void **state)
{
	(void)state;
	exit_test.vcpu.stats.msr_counts.other.writes = 1;
	exit_test.platform.bus.port_counts.other.reads = 2;
	exit_test.platform.bus.port_counts.other.writes = 1;
	exit_report_statistics(&exit_test.vcpu);
	assert_logged("vmxhv: exits: 0 in all\n");
	assert_logged("vmxhv: I/O ports beyond the table: 2 reads, 1 write\n");
	assert_logged("vmxhv: MSRs beyond the table: 1 access\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test_setup(exit_status_prints_the_status, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(reset_prints_the_reason_only, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(fault_prints_the_cpu_state, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(halt_prints_the_cpu_state_at_info_level, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(entry_failure_prints_the_reason, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(statistics_lines, exit_test_msr_fixture_setup),
		exit_test_unit_test_setup(statistics_beyond_the_tables, exit_test_msr_fixture_setup),
	};
	return cmocka_run_group_tests_name("exit_report", tests, NULL, NULL);
}
