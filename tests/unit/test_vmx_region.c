/* vmx/region.c: VMXON and VMCS regions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "vmx/region.h"
#include "tests/unit/support/fake_frames.h"
#include "tests/unit/support/fake_log.h"

#define LOW_BASE  0x40000000ull   /* fake frames below 4 GiB */
#define HIGH_BASE 0x100000000ull  /* fake frames at 4 GiB */

static struct vmx_caps caps_with(uint64_t basic)
{
	struct vmx_msr_values v = { .basic = basic };
	struct vmx_caps caps;
	vmx_caps_decode(&caps, &v);
	return caps;
}

static int setup(void **state)
{
	(void)state;
	fake_frames_reset(LOW_BASE);
	fake_log_clear();
	return 0;
}

static void region_holds_revision_id_and_zeros(void **state)
{
	(void)state;
	struct vmx_caps caps = caps_with(0x00d810000000002bull);
	struct vmx_region region;

	assert_int_equal(vmx_region_create(&region, &caps, VMX_REGION_VMXON), VMX_REGION_OK);
	assert_int_not_equal(region.phys, 0);
	assert_int_equal(region.phys % FRAME_SIZE, 0);
	assert_int_equal(vmx_region_header(&region), 0x2b);
	const uint8_t *bytes = phys_to_virt(region.phys);
	for (size_t i = sizeof(uint32_t); i < FRAME_SIZE; i++)
		assert_int_equal(bytes[i], 0);
	assert_int_equal(fake_frames_in_use(), 1);
	vmx_region_destroy(&region);
	assert_int_equal(region.phys, 0);
	assert_int_equal(fake_frames_in_use(), 0);
}

static void shadow_vmcs_sets_bit_31_only(void **state)
{
	(void)state;
	struct vmx_caps caps = caps_with(0x00d810000000002bull);
	struct vmx_region vmcs, shadow;

	assert_int_equal(vmx_region_create(&vmcs, &caps, VMX_REGION_VMCS), VMX_REGION_OK);
	assert_int_equal(vmx_region_create(&shadow, &caps, VMX_REGION_SHADOW_VMCS), VMX_REGION_OK);
	assert_int_equal(vmx_region_header(&vmcs), 0x2b);
	assert_int_equal(vmx_region_header(&shadow), 0x8000002bu);
	vmx_region_destroy(&vmcs);
	vmx_region_destroy(&shadow);
}

static void revision_id_never_touches_bit_31(void **state)
{
	(void)state;
	/* BASIC bit 31 is 0 by definition; a bogus 1 there must not become a shadow indicator. */
	struct vmx_caps caps = caps_with(0x00d81000ffffffffull);
	struct vmx_region region;

	assert_int_equal(vmx_region_create(&region, &caps, VMX_REGION_VMCS), VMX_REGION_OK);
	assert_int_equal(vmx_region_header(&region), 0x7fffffffu);
	vmx_region_destroy(&region);
}

static void region_size_must_fit_a_frame(void **state)
{
	(void)state;
	struct vmx_caps too_big = caps_with(0x00d810010000002bull); /* 0x1001 bytes */
	struct vmx_caps zero = caps_with(0x00d800000000002bull);
	struct vmx_caps small = caps_with(0x00d804000000002bull);  /* 1 KiB: fits */
	struct vmx_region region;

	assert_int_equal(vmx_region_create(&region, &too_big, VMX_REGION_VMXON), VMX_REGION_TOO_LARGE);
	assert_int_equal(region.phys, 0);
	assert_true(fake_log_contains("vmx: VMXON region: IA32_VMX_BASIC region size 4097 does not fit a 4096-byte frame"));
	assert_int_equal(vmx_region_create(&region, &zero, VMX_REGION_VMCS), VMX_REGION_TOO_LARGE);
	assert_int_equal(fake_frames_in_use(), 0);
	assert_int_equal(vmx_region_create(&region, &small, VMX_REGION_VMCS), VMX_REGION_OK);
	vmx_region_destroy(&region);
}

static void out_of_memory(void **state)
{
	(void)state;
	struct vmx_caps caps = caps_with(0x00d810000000002bull);
	struct vmx_region region;

	fake_frames_fail_after(0);
	assert_int_equal(vmx_region_create(&region, &caps, VMX_REGION_VMCS), VMX_REGION_NO_MEMORY);
	assert_int_equal(region.phys, 0);
	assert_true(fake_log_contains("vmx: VMCS: out of memory"));
}

/* BASIC[48]: regions must lie below 4 GiB; memory only above it is an error, not a bad region. */
static void thirty_two_bit_limit(void **state)
{
	(void)state;
	struct vmx_caps limited = caps_with(0x00d910000000002bull);
	struct vmx_caps unlimited = caps_with(0x00d810000000002bull);
	struct vmx_region region;

	assert_true(limited.phys_addr_32bit);
	fake_frames_reset(HIGH_BASE);
	assert_int_not_equal(vmx_region_create(&region, &limited, VMX_REGION_VMXON), VMX_REGION_OK);
	assert_int_equal(fake_frames_in_use(), 0);

	assert_int_equal(vmx_region_create(&region, &unlimited, VMX_REGION_VMXON), VMX_REGION_OK);
	assert_true(region.phys >= HIGH_BASE);
	vmx_region_destroy(&region);

	fake_frames_reset(LOW_BASE);
	assert_int_equal(vmx_region_create(&region, &limited, VMX_REGION_VMXON), VMX_REGION_OK);
	assert_true(region.phys + FRAME_SIZE <= (1ull << 32));
	vmx_region_destroy(&region);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(region_holds_revision_id_and_zeros, setup),
		cmocka_unit_test_setup(shadow_vmcs_sets_bit_31_only, setup),
		cmocka_unit_test_setup(revision_id_never_touches_bit_31, setup),
		cmocka_unit_test_setup(region_size_must_fit_a_frame, setup),
		cmocka_unit_test_setup(out_of_memory, setup),
		cmocka_unit_test_setup(thirty_two_bit_limit, setup),
	};
	return cmocka_run_group_tests_name("vmx_region", tests, NULL, NULL);
}
