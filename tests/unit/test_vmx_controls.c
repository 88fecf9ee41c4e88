/* vmx/controls.c: control adjustment per SDM Appendix A and Algorithm 3 of 31.5.1. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "vmx/controls.h"
#include "vmx/vmx_controls.h"
#include "tests/unit/support/fake_log.h"

/* Haswell's procbased MSRs: TRUE lets CR3-load/store exiting (bits 15, 16) be 0. */
#define PROCBASED_MSR      0xfff9fffe0401e172ull
#define TRUE_PROCBASED_MSR 0xfff9fffe04006172ull

static void required_controls_are_set_on_top_of_allowed0(void **state)
{
	(void)state;
	struct vmx_control_caps caps = vmx_control_caps_from_msr(0x0000007f00000016ull, 0x0000007f00000016ull);
	struct vmx_control_request req = { .required = PIN_BASED_EXTERNAL_INTERRUPT_EXITING | PIN_BASED_NMI_EXITING };
	struct vmx_control_error err;
	uint32_t value = 0;

	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_PINBASED, caps, req, &value, &err), VMX_CONTROL_OK);
	assert_int_equal(value, 0x16 | 0x1 | 0x8);
	assert_int_equal(err.verdict, VMX_CONTROL_OK);
}

static void missing_required_control_is_named(void **state)
{
	(void)state;
	/* Secondary allowed-1 of bx_generic-like CPU: only "virtualize APIC accesses". */
	struct vmx_control_caps caps = vmx_control_caps_from_msr(0x0000000100000000ull, 0x0000000100000000ull);
	struct vmx_control_request req = {
		.required = SECONDARY_UNRESTRICTED_GUEST | SECONDARY_ENABLE_EPT | SECONDARY_VIRTUALIZE_APIC_ACCESSES,
	};
	struct vmx_control_error err;
	uint32_t value = 0xdeadbeef;

	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_PROCBASED2, caps, req, &value, &err),
			 VMX_CONTROL_MISSING);
	/* The first (lowest) missing one: enable EPT is bit 1, unrestricted guest bit 7. */
	assert_int_equal(err.bit, 1);
	assert_string_equal(err.name, "enable EPT");
	assert_int_equal(err.word, VMX_CONTROLS_PROCBASED2);
	assert_int_equal(value, 0xdeadbeef); /* untouched on error */

	vmx_control_error_log(&err);
	assert_true(fake_log_contains("vmx: the CPU lacks a required control: secondary processor-based "
				      "VM-execution controls bit 1 (enable EPT)"));
}

static void default1_control_forced_on_non_true_msr(void **state)
{
	(void)state;
	/* Non-TRUE: CR3-load exiting (default1) is reported as must-be-1, so refusing it fails. */
	struct vmx_control_caps caps = vmx_control_caps_from_msr(PROCBASED_MSR, PROCBASED_MSR);
	struct vmx_control_request req = { .refused = PROCBASED_CR3_LOAD_EXITING };
	struct vmx_control_error err;
	uint32_t value;

	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_PROCBASED, caps, req, &value, &err),
			 VMX_CONTROL_FORCED);
	assert_int_equal(err.bit, 15);
	assert_string_equal(err.name, "CR3-load exiting");
	vmx_control_error_log(&err);
	assert_true(fake_log_contains("forces a refused control to 1: primary processor-based "
				      "VM-execution controls bit 15 (CR3-load exiting)"));
}

static void default1_control_may_be_refused_with_true_msr(void **state)
{
	(void)state;
	struct vmx_control_caps caps = vmx_control_caps_from_msr(TRUE_PROCBASED_MSR, PROCBASED_MSR);
	struct vmx_control_request req = {
		.required = PROCBASED_USE_IO_BITMAPS | PROCBASED_USE_MSR_BITMAPS |
			    PROCBASED_ACTIVATE_SECONDARY_CONTROLS,
		.refused = PROCBASED_CR3_LOAD_EXITING | PROCBASED_CR3_STORE_EXITING,
	};
	struct vmx_control_error err;
	uint32_t value;

	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_PROCBASED, caps, req, &value, &err), VMX_CONTROL_OK);
	assert_int_equal(value & (PROCBASED_CR3_LOAD_EXITING | PROCBASED_CR3_STORE_EXITING), 0);
	assert_int_equal(value & req.required, req.required);
	/* Everything the TRUE MSR still forces stays 1. */
	assert_int_equal(value & 0x04006172u, 0x04006172u);
}

/* Algorithm 3 c.iv: a default1 control software does not mention keeps its default, 1. */
static void unknown_default1_control_keeps_default_with_true_msr(void **state)
{
	(void)state;
	struct vmx_control_caps caps = vmx_control_caps_from_msr(TRUE_PROCBASED_MSR, PROCBASED_MSR);
	struct vmx_control_request req = { 0 };
	struct vmx_control_error err;
	uint32_t value;

	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_PROCBASED, caps, req, &value, &err), VMX_CONTROL_OK);
	assert_int_equal(value, 0x0401e172u);
}

/* Algorithm 3 b.iii / c.iii: a flexible control that is not default1 and not asked for is 0. */
static void unknown_flexible_control_is_zero(void **state)
{
	(void)state;
	struct vmx_control_caps caps = vmx_control_caps_from_msr(TRUE_PROCBASED_MSR, PROCBASED_MSR);
	struct vmx_control_request req = { 0 };
	struct vmx_control_error err;
	uint32_t value;

	vmx_controls_adjust(VMX_CONTROLS_PROCBASED, caps, req, &value, &err);
	assert_int_equal(value & PROCBASED_HLT_EXITING, 0);
	assert_int_equal(value & PROCBASED_USE_IO_BITMAPS, 0);
}

static void optional_controls_only_when_allowed(void **state)
{
	(void)state;
	struct vmx_control_caps caps = vmx_control_caps_from_msr(0x00047fff00000000ull, 0x00047fff00000000ull);
	struct vmx_control_request req = {
		.required = SECONDARY_ENABLE_EPT,
		.optional = SECONDARY_ENABLE_VPID | SECONDARY_ENABLE_PML, /* PML (bit 17) not allowed */
	};
	struct vmx_control_error err;
	uint32_t value;

	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_PROCBASED2, caps, req, &value, &err), VMX_CONTROL_OK);
	assert_int_equal(value, SECONDARY_ENABLE_EPT | SECONDARY_ENABLE_VPID);
}

static void required_and_refused_conflict(void **state)
{
	(void)state;
	struct vmx_control_caps caps = vmx_control_caps_from_msr(0xffffffff00000000ull, 0);
	struct vmx_control_request req = { .required = PROCBASED_HLT_EXITING, .refused = PROCBASED_HLT_EXITING };
	struct vmx_control_error err;
	uint32_t value;

	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_PROCBASED, caps, req, &value, &err),
			 VMX_CONTROL_CONFLICT);
	assert_int_equal(err.bit, 7);
	assert_string_equal(err.name, "HLT exiting");
}

static void entry_and_exit_controls(void **state)
{
	(void)state;
	struct vmx_control_caps exit = vmx_control_caps_from_msr(0x007fffff00036dfbull, 0x007fffff00036dffull);
	struct vmx_control_caps entry = vmx_control_caps_from_msr(0x0000ffff000011fbull, 0x0000ffff000011ffull);
	struct vmx_control_request exit_req = {
		.required = VM_EXIT_HOST_ADDRESS_SPACE_SIZE | VM_EXIT_LOAD_IA32_EFER | VM_EXIT_SAVE_IA32_EFER,
		.refused = VM_EXIT_SAVE_DEBUG_CONTROLS,
	};
	struct vmx_control_request entry_req = {
		.required = VM_ENTRY_LOAD_IA32_EFER,
		.refused = VM_ENTRY_IA32E_MODE_GUEST | VM_ENTRY_LOAD_DEBUG_CONTROLS,
	};
	struct vmx_control_error err;
	uint32_t value;

	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_EXIT, exit, exit_req, &value, &err), VMX_CONTROL_OK);
	assert_int_equal(value, 0x00036dfbu | VM_EXIT_HOST_ADDRESS_SPACE_SIZE | VM_EXIT_LOAD_IA32_EFER |
					VM_EXIT_SAVE_IA32_EFER);
	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_ENTRY, entry, entry_req, &value, &err), VMX_CONTROL_OK);
	assert_int_equal(value, 0x000011fbu | VM_ENTRY_LOAD_IA32_EFER);
	assert_int_equal(value & VM_ENTRY_IA32E_MODE_GUEST, 0);

	/* Non-TRUE exit MSR: "save debug controls" (bit 2, default1) cannot be refused. */
	exit = vmx_control_caps_from_msr(0x007fffff00036dffull, 0x007fffff00036dffull);
	assert_int_equal(vmx_controls_adjust(VMX_CONTROLS_EXIT, exit, exit_req, &value, &err), VMX_CONTROL_FORCED);
	assert_string_equal(err.name, "save debug controls");
}

static void control_names(void **state)
{
	(void)state;
	assert_string_equal(vmx_control_name(VMX_CONTROLS_PINBASED, 6), "activate VMX-preemption timer");
	assert_string_equal(vmx_control_name(VMX_CONTROLS_PROCBASED, 31), "activate secondary controls");
	assert_string_equal(vmx_control_name(VMX_CONTROLS_PROCBASED2, 7), "unrestricted guest");
	assert_string_equal(vmx_control_name(VMX_CONTROLS_EXIT, 9), "host address-space size");
	assert_string_equal(vmx_control_name(VMX_CONTROLS_ENTRY, 9), "IA-32e mode guest");
	assert_string_equal(vmx_control_name(VMX_CONTROLS_PINBASED, 1), "reserved control");
	assert_string_equal(vmx_control_name(VMX_CONTROLS_ENTRY, 32), "reserved control");
	assert_string_equal(vmx_control_name(VMX_CONTROLS_WORD_COUNT, 0), "reserved control");
	assert_string_equal(vmx_control_word_name(VMX_CONTROLS_EXIT), "primary VM-exit controls");
	assert_string_equal(vmx_control_word_name(VMX_CONTROLS_WORD_COUNT), "unknown control word");
}

/* Every named bit in vmx_controls.h has a name in the table (and the reverse for reserved bits). */
static void every_defined_control_has_a_name(void **state)
{
	(void)state;
	static const struct {
		enum vmx_control_word word;
		uint32_t defined;
	} words[] = {
		{ VMX_CONTROLS_PINBASED, 0x000000E9u },
		{ VMX_CONTROLS_PROCBASED, 0xFBFB9E8Cu },
		{ VMX_CONTROLS_PROCBASED2, 0xDFFFFFFFu },
		{ VMX_CONTROLS_EXIT, 0xFFFC9204u },
		{ VMX_CONTROLS_ENTRY, 0x007FEE04u },
	};
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++)
		for (unsigned bit = 0; bit < 32; bit++) {
			bool named = strcmp(vmx_control_name(words[w].word, bit), "reserved control") != 0;
			assert_int_equal(named, (words[w].defined >> bit) & 1);
		}
	assert_int_equal(PIN_BASED_EXTERNAL_INTERRUPT_EXITING | PIN_BASED_NMI_EXITING | PIN_BASED_VIRTUAL_NMIS |
				 PIN_BASED_ACTIVATE_PREEMPTION_TIMER | PIN_BASED_PROCESS_POSTED_INTERRUPTS,
			 0x000000E9u);
}

static void control_word_of_decoded_caps(void **state)
{
	(void)state;
	struct vmx_msr_values v = {
		.basic = 0x00d810000000002bull,
		.pinbased_ctls = 0x0000007f00000016ull,
		.procbased_ctls = PROCBASED_MSR,
		.exit_ctls = 0x007fffff00036dffull,
		.entry_ctls = 0x0000ffff000011ffull,
		.true_pinbased_ctls = 0x0000007f00000016ull,
		.true_procbased_ctls = TRUE_PROCBASED_MSR,
		.true_exit_ctls = 0x007fffff00036dfbull,
		.true_entry_ctls = 0x0000ffff000011fbull,
		.procbased_ctls2 = 0x00047fff00000000ull,
		.has_true_ctls = true,
		.has_procbased_ctls2 = true,
	};
	struct vmx_caps caps;
	vmx_caps_decode(&caps, &v);

	assert_int_equal(vmx_caps_control_word(&caps, VMX_CONTROLS_PINBASED).allowed1, 0x7f);
	assert_int_equal(vmx_caps_control_word(&caps, VMX_CONTROLS_PROCBASED).allowed0, 0x04006172);
	assert_int_equal(vmx_caps_control_word(&caps, VMX_CONTROLS_PROCBASED2).allowed1, 0x00047fff);
	assert_int_equal(vmx_caps_control_word(&caps, VMX_CONTROLS_EXIT).allowed0, 0x00036dfb);
	assert_int_equal(vmx_caps_control_word(&caps, VMX_CONTROLS_ENTRY).default1, 0x000011ff);
	assert_int_equal(vmx_caps_control_word(&caps, VMX_CONTROLS_WORD_COUNT).allowed1, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(required_controls_are_set_on_top_of_allowed0, fake_log_setup),
		cmocka_unit_test_setup(missing_required_control_is_named, fake_log_setup),
		cmocka_unit_test_setup(default1_control_forced_on_non_true_msr, fake_log_setup),
		cmocka_unit_test_setup(default1_control_may_be_refused_with_true_msr, fake_log_setup),
		cmocka_unit_test_setup(unknown_default1_control_keeps_default_with_true_msr, fake_log_setup),
		cmocka_unit_test_setup(unknown_flexible_control_is_zero, fake_log_setup),
		cmocka_unit_test_setup(optional_controls_only_when_allowed, fake_log_setup),
		cmocka_unit_test_setup(required_and_refused_conflict, fake_log_setup),
		cmocka_unit_test_setup(entry_and_exit_controls, fake_log_setup),
		cmocka_unit_test_setup(control_names, fake_log_setup),
		cmocka_unit_test_setup(every_defined_control_has_a_name, fake_log_setup),
		cmocka_unit_test_setup(control_word_of_decoded_caps, fake_log_setup),
	};
	return cmocka_run_group_tests_name("vmx_controls", tests, NULL, NULL);
}
