; The 64-bit GDT and TSS (SDM Vol. 3, 3.4.5 and 8.7). The kernel runs in ring 0 only; the TSS
; exists because VMX needs a usable host TR, and its IST1 gives double faults and NMIs a stack
; of their own so that a blown kernel stack still gets reported.

%include "boot/layout.inc"

global gdt64, gdt64_pointer, gdt64_tss_descriptor, tss64

section .data
align 16
gdt64:
	dq 0                                 ; null
	dq 0x00AF9A000000FFFF                ; 0x08: code, 64-bit (L=1), DPL 0
	dq 0x00CF92000000FFFF                ; 0x10: data, writable, DPL 0
gdt64_tss_descriptor:                    ; 0x18: 64-bit available TSS; base filled at boot
	dw TSS_SIZE - 1                      ; limit 15:0
	dw 0                                 ; base 15:0
	db 0                                 ; base 23:16
	db 0x89                              ; present, type 9 (available 64-bit TSS)
	db 0                                 ; limit 19:16, flags
	db 0                                 ; base 31:24
	dd 0                                 ; base 63:32
	dd 0                                 ; reserved
gdt64_end:

gdt64_pointer:
	dw gdt64_end - gdt64 - 1
	dq gdt64

align 16
tss64:
	dd 0                                 ; reserved
	dq 0, 0, 0                           ; RSP0-2: unused, nothing runs outside ring 0
	dq 0                                 ; reserved
	dq exception_stack_top               ; IST1
	dq 0, 0, 0, 0, 0, 0                  ; IST2-7
	dq 0                                 ; reserved
	dw 0                                 ; reserved
	dw TSS_SIZE                          ; I/O map base beyond the limit: no I/O bitmap
TSS_SIZE equ $ - tss64

section .bss
align 16
exception_stack:    resb EXCEPTION_STACK_SIZE
exception_stack_top:
