/* A frame pool for host tests; see fake_frames.h. */
#include "tests/unit/support/fake_frames.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POOL_FRAMES (FAKE_FRAMES_POOL_SIZE / FRAME_SIZE)

static uint8_t *pool;
static uint8_t in_use[POOL_FRAMES];
static phys_addr_t base = 0x40000000;
static long allocations_left = -1;

static void fatal(const char *what, phys_addr_t frame)
{
	fprintf(stderr, "fake_frames: %s 0x%llx\n", what, (unsigned long long)frame);
	abort();
}

void fake_frames_reset(phys_addr_t phys_base)
{
	if (!pool)
		pool = aligned_alloc(2u << 20, FAKE_FRAMES_POOL_SIZE);
	memset(pool, 0xA5, FAKE_FRAMES_POOL_SIZE); /* garbage, so missing zeroing shows */
	memset(in_use, 0, sizeof(in_use));
	base = phys_base;
	allocations_left = -1;
}

void fake_frames_fail_after(long n) { allocations_left = n; }
phys_addr_t fake_frames_base(void) { return base; }

int fake_frames_setup(void **state)
{
	(void)state;
	fake_frames_reset(0x40000000);
	return 0;
}

uint64_t fake_frames_in_use(void)
{
	uint64_t n = 0;
	for (uint64_t i = 0; i < POOL_FRAMES; i++)
		n += in_use[i];
	return n;
}

phys_addr_t frame_alloc_contiguous(uint64_t count, uint64_t align_frames, unsigned flags)
{
	if (!pool)
		fake_frames_reset(base);
	if (allocations_left == 0 || count == 0)
		return 0;
	if (align_frames == 0)
		align_frames = 1;
	for (uint64_t first = 0; first + count <= POOL_FRAMES; first += align_frames) {
		phys_addr_t phys = base + first * FRAME_SIZE;
		if ((phys / FRAME_SIZE) % align_frames)
			continue;
		if ((flags & FRAME_BELOW_4G) && phys + count * FRAME_SIZE > (1ull << 32))
			return 0;
		uint64_t i = 0;
		while (i < count && !in_use[first + i])
			i++;
		if (i < count)
			continue;
		memset(in_use + first, 1, count);
		if (flags & FRAME_ZEROED)
			memset(pool + first * FRAME_SIZE, 0, count * FRAME_SIZE);
		if (allocations_left > 0)
			allocations_left--;
		return phys;
	}
	return 0;
}

phys_addr_t frame_alloc(unsigned flags) { return frame_alloc_contiguous(1, 1, flags); }

void frame_free_contiguous(phys_addr_t first, uint64_t count)
{
	for (uint64_t i = 0; i < count; i++) {
		phys_addr_t frame = first + i * FRAME_SIZE;
		if (frame < base || frame >= base + FAKE_FRAMES_POOL_SIZE || frame % FRAME_SIZE)
			fatal("free of a frame never handed out:", frame);
		uint64_t index = (frame - base) / FRAME_SIZE;
		if (!in_use[index])
			fatal("double free of", frame);
		in_use[index] = 0;
	}
}

void frame_free(phys_addr_t frame) { frame_free_contiguous(frame, 1); }

void *phys_to_virt(phys_addr_t phys)
{
	if (phys < base || phys >= base + FAKE_FRAMES_POOL_SIZE)
		fatal("phys_to_virt outside the pool:", phys);
	return pool + (phys - base);
}

phys_addr_t virt_to_phys(const void *virt)
{
	const uint8_t *p = virt;
	if (p < pool || p >= pool + FAKE_FRAMES_POOL_SIZE)
		fatal("virt_to_phys outside the pool:", (phys_addr_t)(uintptr_t)virt);
	return base + (phys_addr_t)(p - pool);
}
