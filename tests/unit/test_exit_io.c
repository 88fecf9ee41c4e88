/*
 * vmx/exit_io.c through exit_dispatch: IN and OUT of each size to the real platform devices
 * (COM1, the debug-exit port, the reset control register, unclaimed ports), and INS/OUTS with
 * and without REP, both directions, segment and address size from the instruction
 * information, page crossings, guest paging, the per-exit bound, and memory outside RAM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/msr_index.h"
#include "tests/unit/support/exit_test.h"

#define COM1_THR 0x3F8
#define COM1_LSR 0x3FD
#define COM1_SCR 0x3FF
#define UNCLAIMED 0x80
#define LSR_IDLE 0x60 /* THRE | TEMT */
#define CS_AR_DB (1u << 14) /* code segment D: 32-bit default sizes */

static uint64_t qual(uint16_t port, uint8_t size, bool in, bool string, bool rep)
{
	return ((uint64_t)port << 16) | (uint64_t)(size - 1) | (in ? 0x8u : 0) |
	       (string ? 0x10u : 0) | (rep ? 0x20u : 0);
}

/* VM-exit instruction information for INS/OUTS: address size (0/1/2) and segment (0-5). */
static void set_info(unsigned address_size, unsigned segment)
{
	fake_vmcs_set(VMCS_VM_EXIT_INSTRUCTION_INFORMATION, (address_size << 7) | (segment << 15));
}

static enum exit_action io(uint16_t port, uint8_t size, bool in, bool string, bool rep)
{
	exit_test_exit(EXIT_REASON_IO_INSTRUCTION, qual(port, size, in, string, rep),
		       string ? (rep ? 2 : 1) : 1);
	return exit_test_dispatch();
}

static void put(uint64_t gpa, const void *bytes, size_t len)
{
	assert_int_equal(guest_ram_write(&exit_test.ram, gpa, bytes, len), 0);
}

static uint8_t byte_at(uint64_t gpa)
{
	uint8_t b = 0;
	assert_int_equal(guest_ram_read(&exit_test.ram, gpa, &b, 1), 0);
	return b;
}

static void assert_sent(const char *text)
{
	size_t len = strlen(text);
	if (exit_test.sent_len != len || memcmp(exit_test.sent, text, len) != 0)
		fail_msg("COM1 sent \"%.*s\" (%zu bytes), expected \"%s\"", (int)exit_test.sent_len,
			 (const char *)exit_test.sent, exit_test.sent_len, text);
}

/* ---- IN and OUT ----------------------------------------------------------------------------- */

static void outb_to_thr_transmits(void **state)
{
	(void)state;
	exit_test.vcpu.regs.rax = 0xFFFFFFFFFFFF0041ull; /* only AL goes out */
	assert_int_equal(io(COM1_THR, 1, false, false, false), EXIT_RESUME);
	assert_sent("A");
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 1);
	assert_int_equal(exit_test.vcpu.regs.rax, 0xFFFFFFFFFFFF0041ull);
	const struct access_count *s = access_counters_entry(&exit_test.vcpu.io->port_counts, 0);
	assert_non_null(s);
	assert_int_equal(s->key, COM1_THR);
	assert_int_equal(s->writes, 1);
	assert_int_equal(exit_test.vcpu.stats.by_reason[EXIT_REASON_IO_INSTRUCTION], 1);
}

static void in_and_out_of_each_size(void **state)
{
	(void)state;
	static const struct {
		uint16_t port;
		uint8_t size;
		uint64_t rax_before, rax_after;
	} cases[] = {
		/* IN AL / AX keep the rest of RAX; IN EAX zero-extends. */
		{ COM1_LSR, 1, 0x1122334455667788ull, 0x1122334455667760ull },
		{ UNCLAIMED, 1, 0x1122334455667788ull, 0x11223344556677FFull },
		{ UNCLAIMED, 2, 0x1122334455667788ull, 0x112233445566FFFFull },
		{ UNCLAIMED, 4, 0x1122334455667788ull, 0x00000000FFFFFFFFull },
		/* MCR 0, LSR 0x60, MSR 0xB0 (CTS, DSR, DCD), SCR 0 from port 0x3FC up */
		{ 0x3FC, 4, 0xFFFFFFFFFFFFFFFFull, 0x0000000000B06000ull },
		{ 0x3FC, 2, 0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFF6000ull },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		exit_test_setup();
		exit_test.vcpu.regs.rax = cases[i].rax_before;
		assert_int_equal(io(cases[i].port, cases[i].size, true, false, false), EXIT_RESUME);
		if (exit_test.vcpu.regs.rax != cases[i].rax_after)
			fail_msg("IN size %u from 0x%x: RAX 0x%lx, expected 0x%lx", cases[i].size,
				 cases[i].port, (unsigned long)exit_test.vcpu.regs.rax,
				 (unsigned long)cases[i].rax_after);
		assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 1);
	}
}

static void out_word_and_dword_reach_each_byte(void **state)
{
	(void)state;
	/* OUT AX to 0x3FE: the UART's MSR (read-only) and SCR get a byte each. */
	exit_test.vcpu.regs.rax = 0xA55A;
	io(0x3FE, 2, false, false, false);
	exit_test.vcpu.regs.rax = 0;
	io(COM1_SCR, 1, true, false, false);
	assert_int_equal(exit_test.vcpu.regs.rax, 0xA5);
	/* OUT EAX to 0x3F8 with DLAB clear: THR 'x', IER 0, FCR 0, LCR 0. */
	exit_test.vcpu.regs.rax = 0x00000078;
	io(COM1_THR, 4, false, false, false);
	assert_sent("x");
}

static void debug_exit_port_ends_with_status(void **state)
{
	(void)state;
	exit_test.vcpu.regs.rax = 3;
	assert_int_equal(io(0xF4, 1, false, false, false), EXIT_END);
	assert_int_equal(exit_test.vcpu.end, VCPU_END_EXIT_STATUS);
	assert_int_equal(exit_test.vcpu.exit_status, 3);
	assert_non_null(strstr(exit_test.vcpu.end_reason, "debug-exit port (status 3)"));
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
}

static void reset_control_ends_as_reset(void **state)
{
	(void)state;
	exit_test.vcpu.regs.rax = 0x06;
	assert_int_equal(io(0xCF9, 1, false, false, false), EXIT_END);
	assert_int_equal(exit_test.vcpu.end, VCPU_END_RESET);
	assert_non_null(strstr(exit_test.vcpu.end_reason, "0xCF9"));
	assert_non_null(strstr(exit_test.vcpu.end_reason, "vmxhv ends the guest instead"));
}

/* ---- INS and OUTS --------------------------------------------------------------------------- */

static void rep_outsb_forward(void **state)
{
	(void)state;
	put(0x2000, "hello", 5);
	set_info(1, 3); /* 32-bit, DS */
	exit_test.vcpu.regs.rsi = 0x2000;
	exit_test.vcpu.regs.rcx = 5;
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_RESUME);
	assert_sent("hello");
	assert_int_equal(exit_test.vcpu.regs.rsi, 0x2005);
	assert_int_equal(exit_test.vcpu.regs.rcx, 0);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
}

static void rep_outsb_backward(void **state)
{
	(void)state;
	put(0x2000, "hello", 5);
	set_info(1, 3);
	fake_vmcs_set(VMCS_GUEST_RFLAGS, 0x402); /* DF */
	exit_test.vcpu.regs.rsi = 0x2004;
	exit_test.vcpu.regs.rcx = 5;
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_RESUME);
	assert_sent("olleh");
	assert_int_equal(exit_test.vcpu.regs.rsi, 0x1FFF);
	assert_int_equal(exit_test.vcpu.regs.rcx, 0);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
}

static void rep_insb_both_directions(void **state)
{
	(void)state;
	set_info(1, 0);
	exit_test.vcpu.regs.rdi = 0x3000;
	exit_test.vcpu.regs.rcx = 3;
	assert_int_equal(io(COM1_LSR, 1, true, true, true), EXIT_RESUME);
	for (unsigned i = 0; i < 3; i++)
		assert_int_equal(byte_at(0x3000 + i), LSR_IDLE);
	assert_int_equal(byte_at(0x3003), 0);
	assert_int_equal(exit_test.vcpu.regs.rdi, 0x3003);

	fake_vmcs_set(VMCS_GUEST_RFLAGS, 0x402);
	exit_test.vcpu.regs.rdi = 0x4002;
	exit_test.vcpu.regs.rcx = 3;
	assert_int_equal(io(UNCLAIMED, 1, true, true, true), EXIT_RESUME);
	assert_int_equal(byte_at(0x4000), 0xFF);
	assert_int_equal(byte_at(0x4002), 0xFF);
	assert_int_equal(byte_at(0x4003), 0);
	assert_int_equal(exit_test.vcpu.regs.rdi, 0x3FFF);
}

static void rep_outsw_crossing_a_page(void **state)
{
	(void)state;
	/* Words at 0x0FFD, 0x0FFF (crosses into the next page), 0x1001 to COM1's THR/IER pair:
	 * THR gets the low bytes 'a', 'b', 'c'. */
	uint8_t words[6] = { 'a', 0, 'b', 0, 'c', 0 };
	put(0x0FFD, words, sizeof(words));
	set_info(1, 3);
	exit_test.vcpu.regs.rsi = 0x0FFD;
	exit_test.vcpu.regs.rcx = 3;
	assert_int_equal(io(COM1_THR, 2, false, true, true), EXIT_RESUME);
	assert_sent("abc");
	assert_int_equal(exit_test.vcpu.regs.rsi, 0x1003);
}

static void insd_crossing_a_page(void **state)
{
	(void)state;
	set_info(1, 0);
	exit_test.vcpu.regs.rdi = 0x1FFE;
	assert_int_equal(io(UNCLAIMED, 4, true, true, false), EXIT_RESUME);
	assert_int_equal(byte_at(0x1FFD), 0);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(byte_at(0x1FFE + i), 0xFF);
	assert_int_equal(byte_at(0x2002), 0);
	assert_int_equal(exit_test.vcpu.regs.rdi, 0x2002);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 1);
}

static void outs_uses_the_segment_override(void **state)
{
	(void)state;
	put(0x5010, "fs", 2);
	set_info(1, 4); /* FS */
	fake_vmcs_set(VMCS_GUEST_FS_BASE, 0x5000);
	fake_vmcs_set(VMCS_GUEST_DS_BASE, 0x9000);
	exit_test.vcpu.regs.rsi = 0x10;
	exit_test.vcpu.regs.rcx = 2;
	io(COM1_THR, 1, false, true, true);
	assert_sent("fs");
}

static void sixteen_bit_addresses_wrap_and_keep_upper_bits(void **state)
{
	(void)state;
	put(0x6000, "ab", 2);
	set_info(0, 3); /* 16-bit, DS */
	fake_vmcs_set(VMCS_GUEST_DS_BASE, 0x6000);
	exit_test.vcpu.regs.rsi = 0xABCD0000;       /* SI = 0 */
	exit_test.vcpu.regs.rcx = 0x12340002;       /* CX = 2 */
	io(COM1_THR, 1, false, true, true);
	assert_sent("ab");
	assert_int_equal(exit_test.vcpu.regs.rsi, 0xABCD0002);
	assert_int_equal(exit_test.vcpu.regs.rcx, 0x12340000);
}

static void without_instruction_information_cs_decides(void **state)
{
	(void)state;
	exit_test.caps.ins_outs_info = false;
	put(0x7000, "cs", 2);
	fake_vmcs_set(VMCS_GUEST_DS_BASE, 0x7000);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, 0x009B); /* 16-bit code */
	set_info(2, 4); /* garbage that must be ignored */
	exit_test.vcpu.regs.rsi = 0x10000;                  /* SI = 0 */
	exit_test.vcpu.regs.rcx = 0x10002;                  /* CX = 2 */
	io(COM1_THR, 1, false, true, true);
	assert_sent("cs");
	assert_int_equal(exit_test.vcpu.regs.rcx, 0x10000);
}

/*
 * Outside IA-32e mode CS.L is ignored: a CS with L (and D) set is 32-bit code, where DS has its
 * base. In 64-bit mode (EFER.LMA as well) the DS base is not used.
 */
static void cs_l_outside_ia32e_mode_is_not_64bit_mode(void **state)
{
	(void)state;
	put(0x7010, "ds", 2);
	put(0x0010, "no", 2);
	set_info(1, 3); /* 32-bit addresses, DS */
	fake_vmcs_set(VMCS_GUEST_DS_BASE, 0x7000);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64 | CS_AR_DB); /* L and D */
	exit_test.vcpu.regs.rsi = 0x10;
	exit_test.vcpu.regs.rcx = 2;
	io(COM1_THR, 1, false, true, true);
	assert_sent("ds");

	/* The same without the instruction information: D gives 32-bit addresses. */
	exit_test_setup();
	exit_test.caps.ins_outs_info = false;
	put(0x7010, "d3", 2);
	fake_vmcs_set(VMCS_GUEST_DS_BASE, 0x7000);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64 | CS_AR_DB);
	exit_test.vcpu.regs.rsi = 0xFFFFFFFF00000010ull; /* upper half not part of ESI */
	exit_test.vcpu.regs.rcx = 2;
	io(COM1_THR, 1, false, true, true);
	assert_sent("d3");

	/* 64-bit mode: no DS base. */
	exit_test_setup();
	put(0x0010, "64", 2);
	set_info(2, 3); /* 64-bit addresses, DS */
	fake_vmcs_set(VMCS_GUEST_DS_BASE, 0x7000);
	fake_vmcs_set(VMCS_GUEST_CS_ACCESS_RIGHTS, EXIT_TEST_CS_AR_64);
	fake_vmcs_set(VMCS_GUEST_IA32_EFER, EFER_LME | EFER_LMA);
	exit_test.vcpu.regs.rsi = 0x10;
	exit_test.vcpu.regs.rcx = 2;
	io(COM1_THR, 1, false, true, true);
	assert_sent("64");
}

static void rep_with_rcx_zero_does_nothing(void **state)
{
	(void)state;
	set_info(1, 3);
	exit_test.vcpu.regs.rsi = 0x2000;
	exit_test.vcpu.regs.rcx = 0;
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_RESUME);
	assert_sent("");
	assert_int_equal(exit_test.vcpu.regs.rsi, 0x2000);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
}

static void long_rep_runs_in_bounded_pieces(void **state)
{
	(void)state;
	static char text[5000];
	memset(text, '.', sizeof(text));
	put(0x10000, text, sizeof(text));
	set_info(1, 3);
	exit_test.vcpu.regs.rsi = 0x10000;
	exit_test.vcpu.regs.rcx = sizeof(text);
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_RESUME);
	assert_int_equal(exit_test.sent_len, 4096);
	assert_int_equal(exit_test.vcpu.regs.rcx, sizeof(text) - 4096);
	assert_int_equal(exit_test.vcpu.regs.rsi, 0x10000 + 4096);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP); /* the guest runs it again */
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_RESUME);
	assert_int_equal(exit_test.sent_len, sizeof(text));
	assert_int_equal(exit_test.vcpu.regs.rcx, 0);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP + 2);
}

static void string_access_outside_ram_ends_the_guest(void **state)
{
	(void)state;
	put(EXIT_TEST_RAM_SIZE - 2, "ok", 2);
	set_info(1, 3);
	exit_test.vcpu.regs.rsi = EXIT_TEST_RAM_SIZE - 2;
	exit_test.vcpu.regs.rcx = 4;
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_END);
	assert_sent("ok");
	assert_int_equal(exit_test.vcpu.end, VCPU_END_GUEST_FAULT);
	const char *want = "OUTS at port 0x3f8 read guest-physical 0x800000 outside its RAM "
			   "(linear 0x800000, RIP 0x101000)";
	if (strcmp(exit_test.vcpu.end_reason, want) != 0)
		fail_msg("end reason \"%s\"", exit_test.vcpu.end_reason);
	assert_int_equal(exit_test.vcpu.regs.rsi, EXIT_TEST_RAM_SIZE);
	assert_int_equal(exit_test.vcpu.regs.rcx, 2);
}

static void ins_outside_ram_says_wrote(void **state)
{
	(void)state;
	set_info(1, 0);
	exit_test.vcpu.regs.rdi = 0xC0000000;
	assert_int_equal(io(COM1_LSR, 1, true, true, false), EXIT_END);
	assert_non_null(strstr(exit_test.vcpu.end_reason,
			       "INS at port 0x3fd wrote guest-physical 0xc0000000 outside its RAM"));
}

static void outs_to_the_debug_exit_port_stops_at_once(void **state)
{
	(void)state;
	put(0x2000, "\x07\x08\x09", 3);
	set_info(1, 3);
	exit_test.vcpu.regs.rsi = 0x2000;
	exit_test.vcpu.regs.rcx = 3;
	assert_int_equal(io(0xF4, 1, false, true, true), EXIT_END);
	assert_int_equal(exit_test.vcpu.end, VCPU_END_EXIT_STATUS);
	assert_int_equal(exit_test.vcpu.exit_status, 7);
	assert_int_equal(exit_test.vcpu.regs.rsi, 0x2001);
	assert_int_equal(exit_test.vcpu.regs.rcx, 2);
}

/* 32-bit paging: page directory at 0x100000, one page table at 0x101000. */
static void map_4k(uint32_t linear, uint32_t gpa, uint32_t flags)
{
	uint32_t pde = 0x101000 | 0x7;
	uint32_t pte = gpa | flags;
	put(0x100000 + (linear >> 22) * 4, &pde, 4);
	put(0x101000 + ((linear >> 12) & 0x3FF) * 4, &pte, 4);
}

static void paging_on(void)
{
	fake_vmcs_set(VMCS_GUEST_CR0, EXIT_TEST_CR0 | 0x80010000ull); /* PG, WP */
	fake_vmcs_set(VMCS_CR0_READ_SHADOW, EXIT_TEST_CR0 | 0x80010000ull);
	fake_vmcs_set(VMCS_GUEST_CR3, 0x100000);
}

static void outs_through_guest_paging(void **state)
{
	(void)state;
	paging_on();
	map_4k(0x00400000, 0x5000, 0x3);
	map_4k(0x00401000, 0x9000, 0x3); /* not contiguous in guest-physical memory */
	put(0x5FFE, "pa", 2);
	put(0x9000, "ge", 2);
	set_info(1, 3);
	exit_test.vcpu.regs.rsi = 0x00400FFE;
	exit_test.vcpu.regs.rcx = 4;
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_RESUME);
	assert_sent("page");
	assert_int_equal(exit_test.vcpu.regs.rsi, 0x00401002);
}

static void unmapped_page_raises_page_fault_with_progress_kept(void **state)
{
	(void)state;
	paging_on();
	map_4k(0x00400000, 0x5000, 0x3);
	put(0x5FFF, "z", 1);
	set_info(1, 3);
	exit_test.vcpu.regs.rsi = 0x00400FFF;
	exit_test.vcpu.regs.rcx = 3;
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_RESUME);
	assert_sent("z");
	assert_int_equal(exit_test_injected(), EXIT_TEST_HW_EXCEPTION(14, 1));
	assert_int_equal(fake_vmcs_get(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE), 0); /* read, not present */
	assert_int_equal(exit_test.vcpu.regs.cr2, 0x00401000);
	assert_int_equal(exit_test.vcpu.regs.rsi, 0x00401000);
	assert_int_equal(exit_test.vcpu.regs.rcx, 2);
	assert_int_equal(exit_test_rip(), EXIT_TEST_RIP);
	assert_int_equal(exit_test.vcpu.end, VCPU_RUNNING);
}

static void fault_on_the_first_element_changes_no_register(void **state)
{
	(void)state;
	paging_on();
	set_info(1, 3);
	exit_test.vcpu.regs.rsi = 0xFFFF000000400000ull; /* upper half kept: nothing moved */
	exit_test.vcpu.regs.rcx = 0xFFFF000000000003ull;
	assert_int_equal(io(COM1_THR, 1, false, true, true), EXIT_RESUME);
	assert_int_equal(exit_test_injected(), EXIT_TEST_HW_EXCEPTION(14, 1));
	assert_int_equal(exit_test.vcpu.regs.cr2, 0x00400000);
	assert_int_equal(exit_test.vcpu.regs.rsi, 0xFFFF000000400000ull);
	assert_int_equal(exit_test.vcpu.regs.rcx, 0xFFFF000000000003ull);
	assert_sent("");
}

static void ins_into_read_only_page_is_a_protection_fault(void **state)
{
	(void)state;
	paging_on();
	map_4k(0x00400000, 0x5000, 0x1); /* present, read-only; CR0.WP is set */
	set_info(1, 0);
	exit_test.vcpu.regs.rdi = 0x00400010;
	assert_int_equal(io(COM1_LSR, 1, true, true, false), EXIT_RESUME);
	assert_int_equal(exit_test_injected(), EXIT_TEST_HW_EXCEPTION(14, 1));
	assert_int_equal(fake_vmcs_get(VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE), 0x3); /* P, W */
	assert_int_equal(byte_at(0x5010), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		exit_test_unit_test(outb_to_thr_transmits),
		exit_test_unit_test(in_and_out_of_each_size),
		exit_test_unit_test(out_word_and_dword_reach_each_byte),
		exit_test_unit_test(debug_exit_port_ends_with_status),
		exit_test_unit_test(reset_control_ends_as_reset),
		exit_test_unit_test(rep_outsb_forward),
		exit_test_unit_test(rep_outsb_backward),
		exit_test_unit_test(rep_insb_both_directions),
		exit_test_unit_test(rep_outsw_crossing_a_page),
		exit_test_unit_test(insd_crossing_a_page),
		exit_test_unit_test(outs_uses_the_segment_override),
		exit_test_unit_test(sixteen_bit_addresses_wrap_and_keep_upper_bits),
		exit_test_unit_test(without_instruction_information_cs_decides),
		exit_test_unit_test(cs_l_outside_ia32e_mode_is_not_64bit_mode),
		exit_test_unit_test(rep_with_rcx_zero_does_nothing),
		exit_test_unit_test(long_rep_runs_in_bounded_pieces),
		exit_test_unit_test(string_access_outside_ram_ends_the_guest),
		exit_test_unit_test(ins_outside_ram_says_wrote),
		exit_test_unit_test(outs_to_the_debug_exit_port_stops_at_once),
		exit_test_unit_test(outs_through_guest_paging),
		exit_test_unit_test(unmapped_page_raises_page_fault_with_progress_kept),
		exit_test_unit_test(fault_on_the_first_element_changes_no_register),
		exit_test_unit_test(ins_into_read_only_page_is_a_protection_fault),
	};
	return cmocka_run_group_tests_name("exit_io", tests, NULL, NULL);
}
