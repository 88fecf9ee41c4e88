# loader/: sources of this folder (see the top Makefile).
# Every loader is pure: it writes guest RAM through mm/guest_ram.h and is unit-tested on the host.
LOADER_PURE := loader/load_error.c loader/elf_loader.c loader/multiboot1_loader.c \
	loader/guest_loader.c
KERNEL_C   += $(LOADER_PURE)
KERNEL_ASM +=
HOST_C     += $(LOADER_PURE)
