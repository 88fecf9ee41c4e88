/*
 * Guest RAM: the host frames behind guest-physical 0 up to the guest's memory size.
 *
 * RAM comes in 2 MiB chunks of contiguous, 2 MiB-aligned host frames, so EPT can map it with
 * 2 MiB leaves and the loader and the exit handlers can reach any guest-physical byte with one
 * table look-up. Nothing outside [0, size) is guest RAM.
 */
#ifndef MM_GUEST_RAM_H
#define MM_GUEST_RAM_H

#include "mm/frames.h"

#define GUEST_RAM_CHUNK_SHIFT 21
#define GUEST_RAM_CHUNK_SIZE  (1ull << GUEST_RAM_CHUNK_SHIFT)

struct guest_ram {
	uint64_t size;         /* bytes, a multiple of GUEST_RAM_CHUNK_SIZE */
	uint64_t chunk_count;
	phys_addr_t *chunks;   /* host-physical base of chunk i (guest-physical i * 2 MiB) */
};

/* Allocate and zero size bytes (rounded up to 2 MiB). Returns 0, or -1 when memory is short. */
int guest_ram_create(struct guest_ram *ram, uint64_t size);
void guest_ram_destroy(struct guest_ram *ram);

/*
 * The host pointer behind guest-physical gpa, and in *contiguous how many bytes from there lie
 * in the same chunk; NULL when gpa is not guest RAM.
 */
void *guest_ram_ptr(const struct guest_ram *ram, uint64_t gpa, uint64_t *contiguous);

/* Copy to or from guest RAM, or fill it; -1 (and nothing done) when the range is not all RAM. */
int guest_ram_write(const struct guest_ram *ram, uint64_t gpa, const void *src, uint64_t len);
int guest_ram_read(const struct guest_ram *ram, uint64_t gpa, void *dst, uint64_t len);
int guest_ram_fill(const struct guest_ram *ram, uint64_t gpa, uint8_t byte, uint64_t len);

#endif
