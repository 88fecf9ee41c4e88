/*
 * The frame interface (mm/frames.h) for host unit tests: frames come from one aligned block of
 * ordinary memory that pretends to start at a physical address of the test's choosing.
 */
#ifndef TESTS_FAKE_FRAMES_H
#define TESTS_FAKE_FRAMES_H

#include "mm/frames.h"

#define FAKE_FRAMES_POOL_SIZE (64ull << 20)

/* Start afresh: every frame free, "physical" addresses from phys_base (2 MiB aligned). */
void fake_frames_reset(phys_addr_t phys_base);
/* Let the next n allocations succeed and every one after fail (n < 0: never fail). */
void fake_frames_fail_after(long n);
/* How many frames are handed out and not yet freed. */
uint64_t fake_frames_in_use(void);
/* The fake physical range [base, base + FAKE_FRAMES_POOL_SIZE). */
phys_addr_t fake_frames_base(void);
/* A cmocka setup fixture: every frame free, "physical" addresses from 1 GiB (below 4 GiB). */
int fake_frames_setup(void **state);

#endif
