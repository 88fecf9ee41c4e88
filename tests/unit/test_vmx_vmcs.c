/*
 * The VMCS access seam: field encodings (vmx/vmcs_fields.h), the name table
 * (vmx/vmcs_field_names.c), the typed accessors' width check (vmx/vmcs.h), the failure report
 * (vmx/vmcs_report.c) and the host fake (tests/unit/support/fake_vmcs.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "vmx/vmcs.h"
#include "tests/unit/support/fake_log.h"
#include "tests/unit/support/fake_vmcs.h"

static int setup(void **state)
{
	(void)state;
	fake_vmcs_reset();
	fake_log_clear();
	return 0;
}

/* A sample of encodings checked against SDM Appendix B, one or more per group. */
static void encodings_match_the_sdm(void **state)
{
	(void)state;
	assert_int_equal(VMCS_VIRTUAL_PROCESSOR_ID, 0x0000);
	assert_int_equal(VMCS_GUEST_ES_SELECTOR, 0x0800);
	assert_int_equal(VMCS_GUEST_TR_SELECTOR, 0x080E);
	assert_int_equal(VMCS_HOST_TR_SELECTOR, 0x0C0C);
	assert_int_equal(VMCS_IO_BITMAP_A, 0x2000);
	assert_int_equal(VMCS_IO_BITMAP_B, 0x2002);
	assert_int_equal(VMCS_MSR_BITMAP, 0x2004);
	assert_int_equal(VMCS_EPT_POINTER, 0x201A);
	assert_int_equal(VMCS_GUEST_PHYSICAL_ADDRESS, 0x2400);
	assert_int_equal(VMCS_LINK_POINTER, 0x2800);
	assert_int_equal(VMCS_GUEST_IA32_EFER, 0x2806);
	assert_int_equal(VMCS_HOST_IA32_EFER, 0x2C02);
	assert_int_equal(VMCS_PIN_BASED_CONTROLS, 0x4000);
	assert_int_equal(VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS, 0x4002);
	assert_int_equal(VMCS_PRIMARY_VM_EXIT_CONTROLS, 0x400C);
	assert_int_equal(VMCS_VM_ENTRY_CONTROLS, 0x4012);
	assert_int_equal(VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS, 0x401E);
	assert_int_equal(VMCS_VM_INSTRUCTION_ERROR, 0x4400);
	assert_int_equal(VMCS_EXIT_REASON, 0x4402);
	assert_int_equal(VMCS_VM_EXIT_INSTRUCTION_LENGTH, 0x440C);
	assert_int_equal(VMCS_GUEST_CS_ACCESS_RIGHTS, 0x4816);
	assert_int_equal(VMCS_GUEST_INTERRUPTIBILITY_STATE, 0x4824);
	assert_int_equal(VMCS_VMX_PREEMPTION_TIMER_VALUE, 0x482E);
	assert_int_equal(VMCS_HOST_IA32_SYSENTER_CS, 0x4C00);
	assert_int_equal(VMCS_CR0_GUEST_HOST_MASK, 0x6000);
	assert_int_equal(VMCS_EXIT_QUALIFICATION, 0x6400);
	assert_int_equal(VMCS_GUEST_LINEAR_ADDRESS, 0x640A);
	assert_int_equal(VMCS_GUEST_CR0, 0x6800);
	assert_int_equal(VMCS_GUEST_RSP, 0x681C);
	assert_int_equal(VMCS_GUEST_RIP, 0x681E);
	assert_int_equal(VMCS_GUEST_RFLAGS, 0x6820);
	assert_int_equal(VMCS_HOST_RSP, 0x6C14);
	assert_int_equal(VMCS_HOST_RIP, 0x6C16);
}

/* The name table holds every field of the header, each once, in appendix (ascending) order. */
static void field_table_is_complete_and_ordered(void **state)
{
	(void)state;
	size_t n = vmcs_field_count();

	assert_int_equal(n, 181);
	for (size_t i = 0; i < n; i++) {
		uint32_t f = vmcs_field_at(i);
		assert_int_equal(f & VMCS_FIELD_ACCESS_HIGH, 0);    /* "full" encodings only */
		assert_int_equal(f & (1u << 12), 0);                /* reserved bit */
		assert_true(f < 0x8000);
		if (i > 0)
			assert_true(vmcs_field_at(i - 1) < f);
		const char *name = vmcs_field_name(f);
		assert_non_null(name);
		assert_int_equal(strncmp(name, "VMCS_", 5), 0);
	}
	assert_string_equal(vmcs_field_name(VMCS_GUEST_RIP), "VMCS_GUEST_RIP");
	assert_string_equal(vmcs_field_name(VMCS_EXIT_REASON), "VMCS_EXIT_REASON");
	assert_null(vmcs_field_name(0x681F));
	assert_null(vmcs_field_name(0x4826 + 0x100));
}

/* Width and type bits agree with the appendix group each field sits in. */
static void width_and_type_of_each_group(void **state)
{
	(void)state;
	assert_int_equal(VMCS_FIELD_WIDTH(VMCS_GUEST_ES_SELECTOR), VMCS_FIELD_WIDTH_16);
	assert_int_equal(VMCS_FIELD_WIDTH(VMCS_EPT_POINTER), VMCS_FIELD_WIDTH_64);
	assert_int_equal(VMCS_FIELD_WIDTH(VMCS_EXIT_REASON), VMCS_FIELD_WIDTH_32);
	assert_int_equal(VMCS_FIELD_WIDTH(VMCS_GUEST_RIP), VMCS_FIELD_WIDTH_NATURAL);
	assert_int_equal(VMCS_FIELD_TYPE(VMCS_PIN_BASED_CONTROLS), VMCS_FIELD_TYPE_CONTROL);
	assert_int_equal(VMCS_FIELD_TYPE(VMCS_EXIT_QUALIFICATION), VMCS_FIELD_TYPE_EXIT_INFO);
	assert_int_equal(VMCS_FIELD_TYPE(VMCS_GUEST_CR3), VMCS_FIELD_TYPE_GUEST);
	assert_int_equal(VMCS_FIELD_TYPE(VMCS_HOST_CR3), VMCS_FIELD_TYPE_HOST);
	assert_int_equal(VMCS_FIELD_HIGH(VMCS_TSC_OFFSET), 0x2011);
	/* Fields per width: 16-bit 23, 64-bit 55, 32-bit 51, natural 52. */
	size_t per_width[4] = { 0 };
	for (size_t i = 0; i < vmcs_field_count(); i++)
		per_width[VMCS_FIELD_WIDTH(vmcs_field_at(i))]++;
	assert_int_equal(per_width[VMCS_FIELD_WIDTH_16], 23);
	assert_int_equal(per_width[VMCS_FIELD_WIDTH_64], 55);
	assert_int_equal(per_width[VMCS_FIELD_WIDTH_32], 51);
	assert_int_equal(per_width[VMCS_FIELD_WIDTH_NATURAL], 52);
}

/*
 * The typed accessors' build-time check: VMCS_WIDTH_MATCHES is what their _Static_assert
 * tests, so a wrong width there is a compile error (e.g. vmcs_read16(VMCS_GUEST_RIP)).
 */
static void width_check_predicate(void **state)
{
	(void)state;
	_Static_assert(VMCS_WIDTH_MATCHES(VMCS_GUEST_RIP, VMCS_FIELD_WIDTH_NATURAL), "natural");
	_Static_assert(!VMCS_WIDTH_MATCHES(VMCS_GUEST_RIP, VMCS_FIELD_WIDTH_16), "not 16");
	_Static_assert(!VMCS_WIDTH_MATCHES(VMCS_EXIT_REASON, VMCS_FIELD_WIDTH_64), "not 64");
	_Static_assert(VMCS_WIDTH_MATCHES(VMCS_EPT_POINTER, VMCS_FIELD_WIDTH_64), "64");
	volatile uint32_t runtime_field = VMCS_GUEST_RIP;
	uint32_t f = runtime_field;
	/* A field known only at run time passes unchecked. */
	assert_true(VMCS_WIDTH_MATCHES(f, VMCS_FIELD_WIDTH_16));
	fake_vmcs_set(VMCS_GUEST_RIP, 0x1234);
	assert_int_equal(vmcs_read_natural(f), 0x1234);
}

static void typed_accessors_round_trip(void **state)
{
	(void)state;
	bool ok = true;
	ok &= vmcs_write16(VMCS_GUEST_CS_SELECTOR, 0xF000);
	ok &= vmcs_write32(VMCS_GUEST_CS_LIMIT, 0xFFFF);
	ok &= vmcs_write64(VMCS_EPT_POINTER, 0x123456789ABCD05Eull);
	ok &= vmcs_write_natural(VMCS_GUEST_RIP, 0xFFF0);
	assert_true(ok);
	assert_int_equal(vmcs_read16(VMCS_GUEST_CS_SELECTOR), 0xF000);
	assert_int_equal(vmcs_read32(VMCS_GUEST_CS_LIMIT), 0xFFFF);
	assert_int_equal(vmcs_read64(VMCS_EPT_POINTER), 0x123456789ABCD05Eull);
	assert_int_equal(vmcs_read_natural(VMCS_GUEST_RIP), 0xFFF0);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_RIP), 0xFFF0);
	assert_true(fake_vmcs_written(VMCS_GUEST_RIP));
	assert_false(fake_vmcs_written(VMCS_GUEST_RSP));
	assert_int_equal(fake_vmcs_failure_count(), 0);
}

/* VMWRITE ignores bits beyond the field's width; the fake does the same. */
static void values_truncated_to_width(void **state)
{
	(void)state;
	vmcs_write(VMCS_GUEST_ES_SELECTOR, 0x12345678);
	vmcs_write(VMCS_GUEST_ES_LIMIT, 0x123456789ull);
	assert_int_equal(vmcs_read(VMCS_GUEST_ES_SELECTOR), 0x5678);
	assert_int_equal(vmcs_read(VMCS_GUEST_ES_LIMIT), 0x23456789);
	/* The "high" encoding of a 64-bit field is its upper half. */
	vmcs_write(VMCS_TSC_OFFSET, 0x1111111122222222ull);
	assert_int_equal(vmcs_read(VMCS_FIELD_HIGH(VMCS_TSC_OFFSET)), 0x11111111);
	vmcs_write(VMCS_FIELD_HIGH(VMCS_TSC_OFFSET), 0x33333333);
	assert_int_equal(vmcs_read64(VMCS_TSC_OFFSET), 0x3333333322222222ull);
}

/* Exit handlers read exit information set up by the test; writing it is VM-instruction error 13. */
static void read_only_fields(void **state)
{
	(void)state;
	fake_vmcs_set(VMCS_EXIT_REASON, 30);
	assert_int_equal(vmcs_read32(VMCS_EXIT_REASON), 30);
	assert_false(vmcs_write32(VMCS_EXIT_REASON, 10));
	assert_int_equal(fake_vmcs_get(VMCS_EXIT_REASON), 30);
	assert_int_equal(fake_vmcs_failure_count(), 1);
	assert_true(fake_log_contains("vmx: VMWRITE field 0x4402 failed"));
	assert_true(fake_log_contains("(VM-instruction error 13)"));
}

static void failures_are_reported_and_chain(void **state)
{
	(void)state;
	uint64_t v = 99;
	fake_vmcs_fail_field(VMCS_GUEST_RIP, 12);

	bool ok = true;
	ok &= vmcs_write_natural(VMCS_GUEST_RSP, 0x7000);
	ok &= vmcs_write_natural(VMCS_GUEST_RIP, 0x7C00);
	ok &= vmcs_write_natural(VMCS_GUEST_RFLAGS, 0x2);
	assert_false(ok);
	assert_int_equal(fake_vmcs_get(VMCS_GUEST_RFLAGS), 0x2); /* the chain goes on */
	assert_false(vmcs_read_checked(VMCS_GUEST_RIP, &v));
	assert_int_equal(v, 0);
	assert_int_equal(vmcs_read(VMCS_GUEST_RIP), 0);
	assert_int_equal(fake_vmcs_failure_count(), 3);

	/* Malformed encodings: reserved bit 12, bit 15 and above, "high" of a 32-bit field. */
	assert_false(vmcs_write_checked(0x1000, 1));
	assert_false(vmcs_write_checked(0x8000, 1));
	assert_false(vmcs_write_checked(VMCS_FIELD_HIGH(VMCS_EXIT_REASON), 1));

	/* No current VMCS: VMfailInvalid for everything. */
	fake_vmcs_set_current(false);
	assert_false(vmcs_write_checked(VMCS_GUEST_RSP, 1));
	assert_true(fake_log_contains("VMfailInvalid (no current VMCS)"));
	fake_vmcs_reset();
	assert_true(vmcs_write_checked(VMCS_GUEST_RIP, 1));
	assert_int_equal(fake_vmcs_write_count(VMCS_GUEST_RIP), 1);
}

/* The kernel's report (vmx/vmcs_report.c): field name, SDM text, caller. */
static void report_names_field_error_and_caller(void **state)
{
	(void)state;
	vmcs_report_failure("VMWRITE", VMCS_GUEST_RIP, 12, (const void *)0xffffffff80001234ull);
	assert_true(fake_log_contains("vmxhv: error: vmx: VMWRITE VMCS_GUEST_RIP (0x681e) failed: "
				      "VMREAD/VMWRITE from/to unsupported VMCS component "
				      "(VM-instruction error 12), caller 0xffffffff80001234\n"));
	vmcs_report_failure("VMREAD", 0x6FFE, 0, (const void *)0x1000);
	assert_true(fake_log_contains("vmx: VMREAD unknown field (0x6ffe) failed: VMfailInvalid (no current VMCS) "
				      "(VM-instruction error 0), caller 0x1000"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(encodings_match_the_sdm, setup),
		cmocka_unit_test_setup(field_table_is_complete_and_ordered, setup),
		cmocka_unit_test_setup(width_and_type_of_each_group, setup),
		cmocka_unit_test_setup(width_check_predicate, setup),
		cmocka_unit_test_setup(typed_accessors_round_trip, setup),
		cmocka_unit_test_setup(values_truncated_to_width, setup),
		cmocka_unit_test_setup(read_only_fields, setup),
		cmocka_unit_test_setup(failures_are_reported_and_chain, setup),
		cmocka_unit_test_setup(report_names_field_error_and_caller, setup),
	};
	return cmocka_run_group_tests_name("vmx_vmcs", tests, NULL, NULL);
}
