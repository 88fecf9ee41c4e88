# drivers/: the host devices the kernel itself drives.
KERNEL_C += drivers/uart16550.c drivers/vga_text.c drivers/i8259.c drivers/pit8254.c
