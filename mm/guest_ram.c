/*
 * Guest RAM (see guest_ram.h): a table of 2 MiB chunks of host memory, the table itself in
 * frames from the frame interface. Guest-physical gpa lives in chunk gpa >> 21 at offset
 * gpa & (2 MiB - 1); copies walk the range a chunk at a time.
 */
#include "mm/guest_ram.h"

#include <string.h>

#define CHUNK_FRAMES (GUEST_RAM_CHUNK_SIZE / FRAME_SIZE)

/* Frames needed for a table of chunk_count entries. */
static uint64_t table_frames(uint64_t chunk_count)
{
	return (chunk_count * sizeof(phys_addr_t) + FRAME_SIZE - 1) / FRAME_SIZE;
}

/* See guest_ram.h. On failure everything taken so far is given back and *ram is empty. */
int guest_ram_create(struct guest_ram *ram, uint64_t size)
{
	*ram = (struct guest_ram){ 0 };
	if (size == 0 || size > UINT64_MAX - (GUEST_RAM_CHUNK_SIZE - 1))
		return -1;
	uint64_t chunk_count = (size + GUEST_RAM_CHUNK_SIZE - 1) >> GUEST_RAM_CHUNK_SHIFT;

	phys_addr_t table = frame_alloc_contiguous(table_frames(chunk_count), 1, FRAME_ZEROED);
	if (table == 0)
		return -1;
	ram->chunks = phys_to_virt(table);       /* zeroed: 0 marks a chunk not yet taken */
	ram->chunk_count = chunk_count;
	for (uint64_t i = 0; i < chunk_count; i++) {
		ram->chunks[i] = frame_alloc_contiguous(CHUNK_FRAMES, CHUNK_FRAMES, FRAME_ZEROED);
		if (ram->chunks[i] == 0) {
			guest_ram_destroy(ram);
			return -1;
		}
	}
	ram->size = chunk_count << GUEST_RAM_CHUNK_SHIFT;
	return 0;
}

/*
 * See guest_ram.h. Frees every chunk taken (a 0 entry is one never taken) and the table;
 * *ram is left empty, so destroying it again does nothing.
 */
void guest_ram_destroy(struct guest_ram *ram)
{
	if (ram->chunks != NULL) {
		for (uint64_t i = 0; i < ram->chunk_count; i++) {
			if (ram->chunks[i] != 0)
				frame_free_contiguous(ram->chunks[i], CHUNK_FRAMES);
		}
		frame_free_contiguous(virt_to_phys(ram->chunks), table_frames(ram->chunk_count));
	}
	*ram = (struct guest_ram){ 0 };
}

/* See guest_ram.h. */
void *guest_ram_ptr(const struct guest_ram *ram, uint64_t gpa, uint64_t *contiguous)
{
	if (gpa >= ram->size)
		return NULL;
	uint64_t offset = gpa & (GUEST_RAM_CHUNK_SIZE - 1);
	if (contiguous != NULL)
		*contiguous = GUEST_RAM_CHUNK_SIZE - offset;
	return (uint8_t *)phys_to_virt(ram->chunks[gpa >> GUEST_RAM_CHUNK_SHIFT]) + offset;
}

/* Is [gpa, gpa + len) all guest RAM? (An empty range at or below the end is.) */
static bool range_is_ram(const struct guest_ram *ram, uint64_t gpa, uint64_t len)
{
	return gpa <= ram->size && len <= ram->size - gpa;
}

/* The direction of a copy_range: into guest RAM, out of it, or filling it. */
enum copy_kind { COPY_IN, COPY_OUT, FILL };

/* Walk [gpa, gpa + len), a chunk at a time, copying to or from buf or filling with byte. */
static int copy_range(const struct guest_ram *ram, uint64_t gpa, void *buf, uint8_t byte,
		      uint64_t len, enum copy_kind kind)
{
	uint8_t *outside = buf;

	if (!range_is_ram(ram, gpa, len))
		return -1;
	while (len > 0) {
		uint64_t contiguous = 0;
		uint8_t *inside = guest_ram_ptr(ram, gpa, &contiguous);
		uint64_t n = len < contiguous ? len : contiguous;
		if (kind == COPY_IN)
			memcpy(inside, outside, n);
		else if (kind == COPY_OUT)
			memcpy(outside, inside, n);
		else
			memset(inside, byte, n);
		if (outside != NULL)
			outside += n;
		gpa += n;
		len -= n;
	}
	return 0;
}

/* See guest_ram.h. */
int guest_ram_write(const struct guest_ram *ram, uint64_t gpa, const void *src, uint64_t len)
{
	return copy_range(ram, gpa, (void *)src, 0, len, COPY_IN);
}

/* See guest_ram.h. */
int guest_ram_read(const struct guest_ram *ram, uint64_t gpa, void *dst, uint64_t len)
{
	return copy_range(ram, gpa, dst, 0, len, COPY_OUT);
}

/* See guest_ram.h. */
int guest_ram_fill(const struct guest_ram *ram, uint64_t gpa, uint8_t byte, uint64_t len)
{
	return copy_range(ram, gpa, NULL, byte, len, FILL);
}
