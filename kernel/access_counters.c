/* Access counts per number; see access_counters.h. */
#include "kernel/access_counters.h"

#include <string.h>

/* See access_counters.h: a binary search, then an insert that keeps the order. */
struct access_count *access_counters_find(struct access_counters *counters, uint32_t key)
{
	size_t low = 0, high = counters->used;

	while (low < high) {
		size_t mid = (low + high) / 2;
		if (counters->entry[mid].key < key)
			low = mid + 1;
		else
			high = mid;
	}
	if (low == counters->used || counters->entry[low].key != key) {
		if (counters->used == ACCESS_COUNTERS_MAX)
			return &counters->other;
		memmove(&counters->entry[low + 1], &counters->entry[low],
			(counters->used - low) * sizeof(counters->entry[0]));
		counters->entry[low] = (struct access_count){ .key = key };
		counters->used++;
	}
	counters->last = low;
	return &counters->entry[low];
}

/* See access_counters.h. */
size_t access_counters_entries(const struct access_counters *counters)
{
	return counters->used;
}

/* See access_counters.h. */
const struct access_count *access_counters_entry(const struct access_counters *counters,
						 size_t i)
{
	return i < counters->used ? &counters->entry[i] : NULL;
}
