; hello64: a Multiboot 1 guest packaged as an ELF64 file, the way 64-bit kernels usually are,
; to check that vmxhv loads ELF64 images. Built twice: as a plain ELF64 (the loader follows the
; program headers) and with -DAOUT_KLUDGE (header flag 16: the loader follows the header's
; address fields instead). The kludge build is linked with its program headers' physical
; addresses at 0x40100000, outside guest RAM, while the address fields below say 1 MiB: a
; loader that ignored flag 16 would refuse it, so its booting shows the fields were used (see
; elf64.ld). The code itself is 32-bit, as Multiboot's entry state is: it prints one line on
; COM1 and ends through the debug-exit port with status 0.

MB_MAGIC        equ 0x1BADB002
MB_PAGE_ALIGN   equ 1 << 0
MB_MEMORY_INFO  equ 1 << 1
MB_AOUT_KLUDGE  equ 1 << 16
%ifdef AOUT_KLUDGE
MB_FLAGS        equ MB_PAGE_ALIGN | MB_MEMORY_INFO | MB_AOUT_KLUDGE
%else
MB_FLAGS        equ MB_PAGE_ALIGN | MB_MEMORY_INFO
%endif

COM1_THR        equ 0x3F8
COM1_LSR        equ 0x3FD
LSR_THRE        equ 0x20
DEBUG_EXIT_PORT equ 0xF4

extern image_start, image_file_end, image_bss_end

section .multiboot progbits alloc noexec nowrite align=4
bits 32
multiboot_header:
	dd MB_MAGIC
	dd MB_FLAGS
	dd -(MB_MAGIC + MB_FLAGS)
%ifdef AOUT_KLUDGE
	dd multiboot_header             ; header_addr
	dd image_start                  ; load_addr
	dd image_file_end               ; load_end_addr
	dd image_bss_end                ; bss_end_addr
	dd _start                       ; entry_addr
%endif

section .text
global _start
_start:
	mov esi, message
.next:
	lodsb
	test al, al
	jz .done
	mov ah, al
	mov dx, COM1_LSR
.wait:
	in al, dx
	test al, LSR_THRE
	jz .wait
	mov al, ah
	mov dx, COM1_THR
	out dx, al
	jmp .next
.done:
	xor eax, eax
	out DEBUG_EXIT_PORT, al
.halt:
	cli
	hlt
	jmp .halt

section .rodata
%ifdef AOUT_KLUDGE
message: db "guest: hello from an ELF64 Multiboot guest (a.out kludge)", 13, 10, 0
%else
message: db "guest: hello from an ELF64 Multiboot guest", 13, 10, 0
%endif
