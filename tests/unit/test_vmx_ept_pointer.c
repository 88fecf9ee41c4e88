/* vmx/ept_pointer.c: building the EPTP from the capabilities. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "vmx/ept_pointer.h"
#include "tests/unit/support/cpu_fixtures.h"
#include "tests/unit/support/fake_log.h"

#define PML4 0x12345000ull

static void haswell_gets_wb_4level_ad(void **state)
{
	(void)state;
	struct vmx_caps caps = cpu_caps_with_ept(HASWELL_EPT_VPID_CAP);
	uint64_t eptp = 0;

	assert_int_equal(ept_pointer_build(&caps, PML4, true, &eptp), EPT_POINTER_OK);
	assert_int_equal(eptp, PML4 | 6 | (3 << 3) | (1 << 6));
	assert_int_equal(ept_pointer_pml4(eptp), PML4);
	assert_int_equal(ept_pointer_memory_type(eptp), 6);
	assert_int_equal(ept_pointer_walk_levels(eptp), 4);
	assert_true(ept_pointer_ad_enabled(eptp));

	assert_int_equal(ept_pointer_build(&caps, PML4, false, &eptp), EPT_POINTER_OK);
	assert_int_equal(eptp, PML4 | 6 | (3 << 3));
}

/* Each combination of WB (bit 14), UC (bit 8), 4-level (bit 6) and A/D (bit 21). */
static void every_capability_combination(void **state)
{
	(void)state;
	for (unsigned combo = 0; combo < 16; combo++) {
		bool wb = combo & 1, uc = combo & 2, walk4 = combo & 4, ad = combo & 8;
		uint64_t cap = (wb ? 1ull << 14 : 0) | (uc ? 1ull << 8 : 0) | (walk4 ? 1ull << 6 : 0) |
			       (ad ? 1ull << 21 : 0);
		struct vmx_caps caps = cpu_caps_with_ept(cap);
		uint64_t eptp = 0xdead;
		enum ept_pointer_error rc = ept_pointer_build(&caps, PML4, true, &eptp);

		if (!walk4) {
			assert_int_equal(rc, EPT_POINTER_NO_4LEVEL);
			assert_int_equal(eptp, 0xdead);
		} else if (!wb && !uc) {
			assert_int_equal(rc, EPT_POINTER_NO_MEMORY_TYPE);
			assert_int_equal(eptp, 0xdead);
		} else {
			assert_int_equal(rc, EPT_POINTER_OK);
			assert_int_equal(ept_pointer_memory_type(eptp), wb ? EPTP_MEMORY_TYPE_WB : EPTP_MEMORY_TYPE_UC);
			assert_int_equal(ept_pointer_walk_levels(eptp), 4);
			assert_int_equal(ept_pointer_ad_enabled(eptp), ad);
			assert_int_equal(ept_pointer_pml4(eptp), PML4);
			assert_int_equal(eptp & 0xF80ull, 0); /* bits 11:7 reserved/unused */
		}
	}
}

static void ad_fallback_is_logged(void **state)
{
	(void)state;
	struct vmx_caps caps = cpu_caps_with_ept(HASWELL_EPT_VPID_CAP & ~(1ull << 21));
	uint64_t eptp;

	assert_int_equal(ept_pointer_build(&caps, PML4, true, &eptp), EPT_POINTER_OK);
	assert_false(ept_pointer_ad_enabled(eptp));
	assert_true(fake_log_contains("vmx: EPT pointer: the CPU has no EPT accessed/dirty flags; EPTP without them"));
}

static void no_ept_at_all(void **state)
{
	(void)state;
	struct vmx_msr_values v = { .basic = 0x00d810000000002bull };
	struct vmx_caps caps;
	uint64_t eptp;

	vmx_caps_decode(&caps, &v);
	assert_int_equal(ept_pointer_build(&caps, PML4, false, &eptp), EPT_POINTER_NO_EPT);
	assert_true(fake_log_contains("EPT is not supported by this CPU"));
}

static void pml4_must_be_aligned_and_in_52_bits(void **state)
{
	(void)state;
	struct vmx_caps caps = cpu_caps_with_ept(HASWELL_EPT_VPID_CAP);
	uint64_t eptp;

	assert_int_equal(ept_pointer_build(&caps, PML4 | 0x800, false, &eptp), EPT_POINTER_BAD_PML4);
	assert_int_equal(ept_pointer_build(&caps, 1ull << 52, false, &eptp), EPT_POINTER_BAD_PML4);
	assert_int_equal(ept_pointer_build(&caps, 0, false, &eptp), EPT_POINTER_BAD_PML4);
	assert_int_equal(ept_pointer_build(&caps, 0x000FFFFFFFFFF000ull, false, &eptp), EPT_POINTER_OK);
	assert_int_equal(ept_pointer_pml4(eptp), 0x000FFFFFFFFFF000ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(haswell_gets_wb_4level_ad, fake_log_setup),
		cmocka_unit_test_setup(every_capability_combination, fake_log_setup),
		cmocka_unit_test_setup(ad_fallback_is_logged, fake_log_setup),
		cmocka_unit_test_setup(no_ept_at_all, fake_log_setup),
		cmocka_unit_test_setup(pml4_must_be_aligned_and_in_52_bits, fake_log_setup),
	};
	return cmocka_run_group_tests_name("vmx_ept_pointer", tests, NULL, NULL);
}
