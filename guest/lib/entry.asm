; The guest's first code: the Multiboot 1 header and the 32-bit entry point.
;
; The hypervisor (or GRUB, or QEMU -kernel) enters _start in 32-bit protected mode with paging
; off, interrupts off, EAX = 0x2BADB002 and EBX = the Multiboot info address. Segment registers
; are flat but the GDT they came from is not ours to trust, so we load our own before anything
; else, zero .bss (a loader need not), set up a stack and call
;     guest_start(uint32_t magic, const struct multiboot_info *info)
; in start.c, which brings up the runtime and runs the program's guest_main.
;
; Assembled twice. With ENTRY_READS_TSC the very first instruction is RDTSC, for the benchmark
; guest: its value is what the hypervisor's hand-off TSC is compared with. RDTSC overwrites EAX,
; so that variant cannot see the Multiboot magic and passes ENTRY_MAGIC_UNKNOWN (0) instead.

bits 32

MULTIBOOT_HEADER_MAGIC equ 0x1BADB002         ; lib/multiboot.h has the C names
MULTIBOOT_HEADER_FLAGS equ (1 << 0) | (1 << 1) ; page-aligned modules, memory information
STACK_SIZE             equ 16384

; Selectors into our GDT below (the 64-bit one is for the long_mode guest).
SEL_CODE32 equ 0x08
SEL_DATA   equ 0x10
SEL_CODE64 equ 0x18

section .multiboot progbits alloc noexec nowrite align=4
	dd MULTIBOOT_HEADER_MAGIC
	dd MULTIBOOT_HEADER_FLAGS
	dd -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

section .text
global _start
extern guest_start, __bss_start, __bss_end
_start:
%ifdef ENTRY_READS_TSC
	rdtsc                           ; must stay the first instruction: see above
	mov esi, eax                    ; TSC kept in EDX:ESI until .bss is clear
	xor ebp, ebp                    ; the magic is gone
%else
	mov ebp, eax                    ; Multiboot magic, kept across the .bss clear
%endif
	cld
	lgdt [gdtr]
	jmp SEL_CODE32:.reload_cs
.reload_cs:
	mov ax, SEL_DATA
	mov ds, ax
	mov es, ax
	mov fs, ax
	mov gs, ax
	mov ss, ax

	; Zero .bss (REP STOSB uses EDI, ECX, EAX; magic, info and TSC live in EBP, EBX, EDX:ESI).
	mov edi, __bss_start
	mov ecx, __bss_end
	sub ecx, edi
	xor eax, eax
	rep stosb
%ifdef ENTRY_READS_TSC
	mov [guest_entry_tsc], esi
	mov [guest_entry_tsc + 4], edx
%endif

	mov esp, stack_top
	push ebx                        ; info
	push ebp                        ; magic
	call guest_start                ; does not return
.hang:
	cli
	hlt
	jmp .hang

section .rodata
align 8
; Flat 4 GiB segments. Access bytes: 0x9A = present, ring 0, code, readable;
; 0x92 = present, ring 0, data, writable. Flags nibble 0xC = 4 KiB granularity, 32-bit;
; 0xA = 4 KiB granularity, long mode (L=1, D=0).
global gdt
gdt:
	dq 0
	dq 0x00CF9A000000FFFF           ; SEL_CODE32
	dq 0x00CF92000000FFFF           ; SEL_DATA
	dq 0x00AF9A000000FFFF           ; SEL_CODE64
gdt_end:
gdtr:
	dw gdt_end - gdt - 1
	dd gdt

section .data
align 8
; The TSC at the first instruction, or 0 when the program uses the plain entry.
global guest_entry_tsc
guest_entry_tsc:
	dq 0

section .bss
align 16
stack_bottom:
	resb STACK_SIZE
stack_top:
