/* kernel/access_counters.c: ascending order, counts of each kind, the full table, the last-hit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/access_counters.h"

static struct access_counters counters;

static int setup(void **state)
{
	(void)state;
	memset(&counters, 0, sizeof(counters));
	return 0;
}

static void keys(const uint32_t *expected, size_t n)
{
	assert_int_equal(access_counters_entries(&counters), n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(access_counters_entry(&counters, i)->key, expected[i]);
	assert_null(access_counters_entry(&counters, n));
}

static void a_zeroed_table_is_empty(void **state)
{
	(void)state;
	assert_int_equal(access_counters_entries(&counters), 0);
	assert_null(access_counters_entry(&counters, 0));
}

static void entries_stay_in_ascending_key_order(void **state)
{
	(void)state;
	static const uint32_t order[] = { 0x10, 0x80, 0x277, 0x3F8, 0xC0000080 };
	access_counters_add(&counters, 0x3F8, true, false);
	access_counters_add(&counters, 0xC0000080, false, false); /* at the end */
	access_counters_add(&counters, 0x80, false, false);       /* in the middle */
	access_counters_add(&counters, 0x10, false, false);       /* at the front */
	access_counters_add(&counters, 0x277, false, false);
	access_counters_add(&counters, 0x3F8, true, false);       /* an old key adds nothing */
	keys(order, 5);
}

static void reads_writes_and_faults_are_counted_apart(void **state)
{
	(void)state;
	access_counters_add(&counters, 0x277, false, false);
	access_counters_add(&counters, 0x277, false, false);
	access_counters_add(&counters, 0x277, true, false);
	access_counters_add(&counters, 0x277, true, true);
	access_counters_add(&counters, 0x480, false, true);
	const struct access_count *pat = access_counters_entry(&counters, 0);
	assert_int_equal(pat->key, 0x277);
	assert_int_equal(pat->reads, 2);
	assert_int_equal(pat->writes, 2);
	assert_int_equal(pat->faults, 1);
	const struct access_count *vmx_basic = access_counters_entry(&counters, 1);
	assert_int_equal(vmx_basic->reads, 1);
	assert_int_equal(vmx_basic->writes, 0);
	assert_int_equal(vmx_basic->faults, 1);
}

/* The remembered entry moves when an insert shifts it: counts land on the right key. */
static void inserts_before_the_last_hit_keep_counts_right(void **state)
{
	(void)state;
	access_counters_add(&counters, 0x3FD, false, false);
	access_counters_add(&counters, 0x3F8, true, false); /* 0x3FD moves up one */
	access_counters_add(&counters, 0x3FD, false, false);
	access_counters_add(&counters, 0x3F8, true, false);
	access_counters_add(&counters, 0x3F8, true, false);
	access_counters_add(&counters, 0x80, true, false);  /* both move up */
	access_counters_add(&counters, 0x3FD, false, false);
	assert_int_equal(access_counters_entry(&counters, 0)->writes, 1);
	assert_int_equal(access_counters_entry(&counters, 1)->key, 0x3F8);
	assert_int_equal(access_counters_entry(&counters, 1)->writes, 3);
	assert_int_equal(access_counters_entry(&counters, 1)->reads, 0);
	assert_int_equal(access_counters_entry(&counters, 2)->key, 0x3FD);
	assert_int_equal(access_counters_entry(&counters, 2)->reads, 3);
	assert_int_equal(access_counters_entry(&counters, 2)->writes, 0);
}

static void a_full_table_counts_new_keys_as_other(void **state)
{
	(void)state;
	for (uint32_t i = ACCESS_COUNTERS_MAX; i > 0; i--) /* descending: every insert at the front */
		access_counters_add(&counters, 1000 + 2 * i, false, false);
	assert_int_equal(access_counters_entries(&counters), ACCESS_COUNTERS_MAX);
	access_counters_add(&counters, 1, false, false);       /* before all */
	access_counters_add(&counters, 1001, true, true);      /* between two entries */
	access_counters_add(&counters, 0xFFFFFFFF, true, false); /* after all */
	assert_int_equal(access_counters_entries(&counters), ACCESS_COUNTERS_MAX);
	assert_int_equal(counters.other.reads, 1);
	assert_int_equal(counters.other.writes, 2);
	assert_int_equal(counters.other.faults, 1);
	for (size_t i = 0; i < ACCESS_COUNTERS_MAX; i++) {
		const struct access_count *count = access_counters_entry(&counters, i);
		assert_int_equal(count->key, 1002 + 2 * i);
		assert_int_equal(count->reads, 1);
	}
	/* A key already in the table still counts in its entry. */
	access_counters_add(&counters, 1002, true, false);
	access_counters_add(&counters, 1000 + 2 * ACCESS_COUNTERS_MAX, true, false);
	assert_int_equal(access_counters_entry(&counters, 0)->writes, 1);
	assert_int_equal(access_counters_entry(&counters, ACCESS_COUNTERS_MAX - 1)->writes, 1);
	assert_int_equal(counters.other.writes, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(a_zeroed_table_is_empty, setup),
		cmocka_unit_test_setup(entries_stay_in_ascending_key_order, setup),
		cmocka_unit_test_setup(reads_writes_and_faults_are_counted_apart, setup),
		cmocka_unit_test_setup(inserts_before_the_last_hit_keep_counts_right, setup),
		cmocka_unit_test_setup(a_full_table_counts_new_keys_as_other, setup),
	};
	return cmocka_run_group_tests_name("access_counters", tests, NULL, NULL);
}
