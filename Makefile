# vmxhv: build the kernel, its guests and the bootable ISO; run and test them.
#
#   make          build/vmxhv.elf, the guests and build/vmxhv.iso
#   make run      boot the ISO on the best engine this machine has (KVM, else Bochs)
#   make debug    QEMU halted with a GDB stub, and GDB attached with the kernel's symbols
#   make test     host unit tests, then boot tests in QEMU TCG and Bochs
#   make bench    exit-cost benchmark in Bochs (instruction-exact ticks)
#   make deps     install the Debian packages the build and the tests need

BUILD   := build
CC      := gcc
LD      := ld
NASM    := nasm
HOST_CC := gcc

# Every source folder adds its files to KERNEL_C / KERNEL_ASM (linked into the kernel) and
# HOST_C (pure logic, also compiled for the host and unit-tested there).
KERNEL_C   :=
KERNEL_ASM :=
HOST_C     :=
include boot/module.mk kernel/module.mk mm/module.mk drivers/module.mk \
        vmx/module.mk devices/module.mk loader/module.mk

KERNEL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -I. \
	-ffreestanding -fno-stack-protector -fno-pic -fno-pie -mno-red-zone \
	-mgeneral-regs-only -mno-mmx -mno-sse -mno-sse2 -mcmodel=small -Ikernel/libc \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -MMD -MP
KERNEL_LDFLAGS := -n -nostdlib -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -T linker.ld
NASMFLAGS := -f elf64 -g -F dwarf -Werror -I.

KERNEL_OBJS := $(KERNEL_ASM:%.asm=$(BUILD)/kernel/%.o) $(KERNEL_C:%.c=$(BUILD)/kernel/%.o)

.PHONY: all iso guests run debug test unit boot-test bench deps clean
all: $(BUILD)/vmxhv.iso

$(BUILD)/kernel/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/kernel/%.o: %.asm
	@mkdir -p $(dir $@)
	$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) $< -o $@

$(BUILD)/vmxhv.elf: $(KERNEL_OBJS) linker.ld
	$(LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS)
	grub-file --is-x86-multiboot2 $@

include guest/module.mk

# The ISO: GRUB (BIOS and, where grub-efi-amd64-bin is installed, UEFI), the kernel and the
# default guest. scripts/mkiso.sh is also what the tests use to make ISOs for other guests.
$(BUILD)/vmxhv.iso: $(BUILD)/vmxhv.elf $(GUEST_DEFAULT) iso/grub.cfg scripts/mkiso.sh
	scripts/mkiso.sh --config iso/grub.cfg --kernel $(BUILD)/vmxhv.elf \
		--guest $(GUEST_DEFAULT) --out $@

iso: $(BUILD)/vmxhv.iso

# ---- host unit tests -------------------------------------------------------------------
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -I. -DVMXHV_HOST_TEST \
	-fsanitize=address,undefined -fno-sanitize-recover=all -MMD -MP
HOST_OBJS   := $(HOST_C:%.c=$(BUILD)/host/%.o)
SUPPORT_C   := $(wildcard tests/unit/support/*.c)
SUPPORT_OBJS := $(SUPPORT_C:%.c=$(BUILD)/host/%.o)
UNIT_TESTS  := $(patsubst tests/unit/%.c,$(BUILD)/host/tests/%,$(wildcard tests/unit/test_*.c))

$(BUILD)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

$(BUILD)/host/libvmxhv.a: $(HOST_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/host/tests/%: $(BUILD)/host/tests/unit/%.o $(SUPPORT_OBJS) $(BUILD)/host/libvmxhv.a
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< $(SUPPORT_OBJS) $(BUILD)/host/libvmxhv.a -lcmocka

unit: $(UNIT_TESTS)
	tests/run-unit.sh $(UNIT_TESTS)

# ---- whole-system targets --------------------------------------------------------------
deps:
	scripts/deps.sh all

test:
	scripts/deps.sh all
	$(MAKE) --no-print-directory all
	$(MAKE) --no-print-directory unit-and-boot

.PHONY: unit-and-boot
unit-and-boot: $(UNIT_TESTS) $(BUILD)/vmxhv.iso guests
	tests/run-all.sh $(UNIT_TESTS)

boot-test: $(BUILD)/vmxhv.iso guests
	tests/boot/run.sh

# run, debug, bench and test install what they need first, so each works on a fresh machine.
run:
	scripts/deps.sh run
	$(MAKE) --no-print-directory all
	scripts/run.sh $(BUILD)/vmxhv.iso

debug:
	scripts/deps.sh debug
	$(MAKE) --no-print-directory all
	scripts/debug.sh $(BUILD)/vmxhv.elf $(BUILD)/vmxhv.iso

bench:
	scripts/deps.sh run
	$(MAKE) --no-print-directory all guests
	tests/bench/run.sh

clean:
	rm -rf $(BUILD)

# Keep the objects of the unit tests: they are intermediate files to make, not to delete.
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# While the tree is mid-edit, build and run one unit test against only the sources it names:
#   make quick-test T=test_io_bitmap SRCS="vmx/io_bitmap.c"
quick-test:
	@mkdir -p $(BUILD)/quick
	$(HOST_CC) $(filter-out -MMD -MP,$(HOST_CFLAGS)) -o $(BUILD)/quick/$(T) tests/unit/$(T).c $(SRCS) $(SUPPORT_C) -lcmocka
	$(BUILD)/quick/$(T)
