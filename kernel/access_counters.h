/*
 * Access counts per number: how often the guest read and wrote each I/O port (devices/io_bus.c)
 * or each MSR (vmx/exit_msr.c), and how many of those accesses faulted, for the statistics
 * printed when the guest ends.
 *
 * A fixed table of ACCESS_COUNTERS_MAX entries kept in ascending key order, so it prints in
 * order; a key that finds the table full is counted in `other` instead. An all-zero struct is
 * an empty table, so an owner that is zeroed needs no set-up. Counting is on the exit path:
 * the entry counted last is remembered, and a repeat of its key (a guest polling a status
 * port, a loop of RDMSRs) skips the search.
 *
 * Pure: built into the kernel and into the host tests.
 */
#ifndef KERNEL_ACCESS_COUNTERS_H
#define KERNEL_ACCESS_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACCESS_COUNTERS_MAX 128

struct access_count {
	uint32_t key;           /* the port or MSR number */
	uint64_t reads, writes;
	uint64_t faults;        /* accesses refused with a fault (an MSR's #GP), of reads + writes */
};

struct access_counters {
	struct access_count entry[ACCESS_COUNTERS_MAX]; /* entry[0 .. used - 1], ascending key */
	size_t used;
	size_t last;               /* the entry counted last, if below used */
	struct access_count other; /* keys that found the table full (its key is unused) */
};

/*
 * The entry that counts key: found, or added in order if key is new; `other` when key is new
 * and the table is full. Remembers it as the last entry counted.
 */
struct access_count *access_counters_find(struct access_counters *counters, uint32_t key);

/*
 * Count one access to key: a read or a write, and whether it faulted. Inline because it is on
 * the exit path: a repeat of the key counted last costs one comparison and no call.
 */
static inline void access_counters_add(struct access_counters *counters, uint32_t key,
				       bool write, bool faulted)
{
	struct access_count *count = &counters->entry[counters->last];

	if (counters->last >= counters->used || count->key != key)
		count = access_counters_find(counters, key);
	count->reads += !write;
	count->writes += write;
	count->faults += faulted;
}

/* For printing: how many keys have an entry, and entry i in ascending key order (NULL past
 * the end). */
size_t access_counters_entries(const struct access_counters *counters);
const struct access_count *access_counters_entry(const struct access_counters *counters,
						 size_t i);

#endif
