# guest/: the guest runtime (lib/) and the guest programs (programs/), each program an ELF32
# Multiboot 1 kernel in $(BUILD)/guest/<name>.elf. Included by the top Makefile after the kernel
# rules; uses its BUILD, CC, LD and NASM.
#
#   make guests    every guest program
#
# To add a program: write guest/programs/<name>.c (defining guest_main) and add <name> to
# GUEST_NAMES. Extra sources go in GUEST_EXTRA_<name>; GUEST_ENTRY_<name> picks another entry.

GUEST_NAMES := hello triple_fault ept_violation vmx_instruction reset_kbd reset_cf9 hlt \
	exit_status ports uart_probe msr long_mode bench oversized echo interrupts spin

# ELF64 packagings of a small assembly guest (guest/elf64/): plain, and with the a.out kludge.
# The kludge build's program headers put the image at physical 1 GiB, outside guest RAM, so
# it boots only if the loader follows the header's address fields (see guest/elf64/elf64.ld).
GUEST_ELF64_NAMES := hello64 hello64_kludge
GUEST_ELF64_LDFLAGS_hello64_kludge := --defsym=ELF64_LMA_OFFSET=0x40000000

GUEST_ELFS    := $(GUEST_NAMES:%=$(BUILD)/guest/%.elf) $(GUEST_ELF64_NAMES:%=$(BUILD)/guest/%.elf)
GUEST_DEFAULT := $(BUILD)/guest/hello.elf

GUEST_OBJ := $(BUILD)/guest/obj

# The runtime every program links, except the entry stub, which is chosen per program.
GUEST_LIB_SRCS := guest/lib/exception_stubs.asm guest/lib/start.c guest/lib/idt.c \
	guest/lib/fault.c guest/lib/uart.c guest/lib/printf.c guest/lib/check.c \
	guest/lib/exit.c guest/lib/cmdline.c guest/lib/string.c

# long_mode's 64-bit code is assembly: the C here is 32-bit only.
GUEST_EXTRA_long_mode := guest/programs/long_mode_switch.asm
# bench's first instruction must be RDTSC (see guest/lib/entry.asm).
GUEST_ENTRY_bench := $(GUEST_OBJ)/lib/entry_tsc.o

GUEST_CFLAGS := -m32 -std=gnu11 -O2 -g -Wall -Wextra -Werror -Iguest -Iguest/include \
	-ffreestanding -fno-pic -fno-pie -fno-stack-protector -nostdlib -mgeneral-regs-only \
	-fno-asynchronous-unwind-tables -fcf-protection=none -MMD -MP
GUEST_NASMFLAGS := -f elf32 -g -F dwarf -Werror
GUEST_LDFLAGS := -m elf_i386 -nostdlib -z max-page-size=0x1000 -z noexecstack -T guest/guest.ld

guest_objs = $(patsubst guest/%,$(GUEST_OBJ)/%.o,$(basename $(1)))

GUEST_LIB_OBJS := $(call guest_objs,$(GUEST_LIB_SRCS))

$(GUEST_OBJ)/%.o: guest/%.c
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_OBJ)/%.o: guest/%.asm
	@mkdir -p $(dir $@)
	$(NASM) $(GUEST_NASMFLAGS) -MD $(@:.o=.d) $< -o $@

$(GUEST_OBJ)/lib/entry_tsc.o: guest/lib/entry.asm
	@mkdir -p $(dir $@)
	$(NASM) $(GUEST_NASMFLAGS) -DENTRY_READS_TSC -MD $(@:.o=.d) $< -o $@

# One link rule per program. A program that fails the Multiboot check is deleted, so the next
# make does not take it for up to date.
define GUEST_PROGRAM_RULE
$(BUILD)/guest/$(1).elf: $(or $(GUEST_ENTRY_$(1)),$(GUEST_OBJ)/lib/entry.o) \
		$(GUEST_OBJ)/programs/$(1).o $(call guest_objs,$(GUEST_EXTRA_$(1))) \
		$(GUEST_LIB_OBJS) guest/guest.ld
	$(LD) $(GUEST_LDFLAGS) -o $$@ $$(filter %.o,$$^)
	grub-file --is-x86-multiboot $$@ || { echo "$$@: not a Multiboot 1 kernel" >&2; rm -f $$@; exit 1; }
endef
$(foreach g,$(GUEST_NAMES),$(eval $(call GUEST_PROGRAM_RULE,$(g))))

$(GUEST_OBJ)/elf64/hello64.o: guest/elf64/hello64.asm
	@mkdir -p $(dir $@)
	$(NASM) -f elf64 -Werror $< -o $@

$(GUEST_OBJ)/elf64/hello64_kludge.o: guest/elf64/hello64.asm
	@mkdir -p $(dir $@)
	$(NASM) -f elf64 -Werror -DAOUT_KLUDGE $< -o $@

define GUEST_ELF64_RULE
$(BUILD)/guest/$(1).elf: $(GUEST_OBJ)/elf64/$(1).o guest/elf64/elf64.ld
	$(LD) -m elf_x86_64 -nostdlib -z max-page-size=0x1000 -z noexecstack \
		$(GUEST_ELF64_LDFLAGS_$(1)) -T guest/elf64/elf64.ld -o $$@ $$<
	grub-file --is-x86-multiboot $$@ || { echo "$$@: not a Multiboot 1 kernel" >&2; rm -f $$@; exit 1; }
endef
$(foreach g,$(GUEST_ELF64_NAMES),$(eval $(call GUEST_ELF64_RULE,$(g))))

.PHONY: guests
guests: $(GUEST_ELFS)

# Boot each guest bare under QEMU and check the runtime (no hypervisor involved).
.PHONY: guest-smoke
guest-smoke: guests
	guest/qemu-smoke.sh $(BUILD)
