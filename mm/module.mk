# mm/: sources of this folder (see the top Makefile).
KERNEL_C   +=
KERNEL_ASM +=
HOST_C     +=
KERNEL_C   += mm/frames.c mm/direct_map.c
# Pure logic, also unit-tested on the host.
KERNEL_C   += mm/frame_allocator.c mm/guest_ram.c
HOST_C     += mm/frame_allocator.c mm/guest_ram.c
