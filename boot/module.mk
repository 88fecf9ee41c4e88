# boot/: the Multiboot2 header, the 32-bit entry, the GDT and TSS.
KERNEL_ASM += boot/multiboot2_header.asm boot/entry.asm boot/gdt.asm
