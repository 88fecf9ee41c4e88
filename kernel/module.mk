# kernel/: sources of this folder (see the top Makefile).
KERNEL_C   +=
KERNEL_ASM +=
HOST_C     +=
KERNEL_C   += kernel/string.c
KERNEL_C   += kernel/main.c kernel/boot_info.c kernel/console.c kernel/log.c kernel/stop.c \
              kernel/panic.c kernel/idt.c kernel/vmm.c
KERNEL_ASM += kernel/exception_entry.asm
# Pure logic, also unit-tested on the host (kernel/string.c above is kernel-only: the host has libc).
KERNEL_C   += kernel/format.c kernel/multiboot2.c kernel/cmdline.c
HOST_C     += kernel/format.c kernel/multiboot2.c kernel/cmdline.c
# Access counts per port and per MSR (pure: the I/O bus and the MSR exits share it).
KERNEL_C   += kernel/access_counters.c
HOST_C     += kernel/access_counters.c
