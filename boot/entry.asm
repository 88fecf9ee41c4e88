; The 32-bit entry GRUB jumps to, and the climb into 64-bit mode.
;
; GRUB leaves us (Multiboot2 specification, section 3.3) in 32-bit protected mode, paging off,
; EAX = the boot magic, EBX = the physical address of the Multiboot2 information. We check both
; that and long-mode support, build page tables that map the first 4 GiB twice (one to one, where
; the kernel runs, and at DIRECT_MAP_BASE, the direct map of physical memory), load a 64-bit GDT
; with a TSS (VMX requires a non-zero host TR), and call kmain(magic, info).

%include "boot/layout.inc"

MB2_BOOT_MAGIC   equ 0x36D76289

CR0_PG           equ 1 << 31
CR0_WP           equ 1 << 16
CR4_PAE          equ 1 << 5
MSR_IA32_EFER    equ 0xC0000080
EFER_LME         equ 1 << 8
CPUID_EXT_MAX    equ 0x80000000
CPUID_EXT_FEAT   equ 0x80000001
CPUID_EXT_LM     equ 1 << 29          ; CPUID.80000001H:EDX.LM

PTE_PRESENT      equ 1 << 0
PTE_WRITABLE     equ 1 << 1
PTE_LARGE        equ 1 << 7           ; a 2 MiB leaf in a page directory

COM1             equ 0x3F8
VGA_TEXT         equ 0xB8000

extern kmain
extern gdt64_tss_descriptor, gdt64_pointer, tss64
global _start, boot_pml4, boot_stack_guard, boot_stack_top, boot_multiboot_magic, boot_multiboot_info, boot_tsc

section .boot.text
bits 32
_start:
	mov esi, eax                         ; the magic, while RDTSC takes EAX
	rdtsc                                ; when GRUB handed over, for the boot-time benchmark
	mov [boot_tsc], eax
	mov [boot_tsc + 4], edx
	mov eax, esi
	cli
	cld
	mov esp, boot_stack_top
	mov [boot_multiboot_magic], eax
	mov [boot_multiboot_info], ebx

	cmp eax, MB2_BOOT_MAGIC
	jne .not_multiboot2
	call cpu_has_long_mode
	test eax, eax
	jz .no_long_mode

	call build_boot_page_tables
	call fill_tss_descriptor
	mov eax, cr4
	or eax, CR4_PAE
	mov cr4, eax
	mov eax, boot_pml4
	mov cr3, eax
	mov ecx, MSR_IA32_EFER
	rdmsr
	or eax, EFER_LME
	wrmsr
	mov eax, cr0
	or eax, CR0_PG | CR0_WP
	mov cr0, eax
	lgdt [gdt64_pointer]
	jmp GDT_KERNEL_CODE:long_mode_entry

.not_multiboot2:
	mov esi, msg_not_multiboot2
	jmp early_fatal
.no_long_mode:
	mov esi, msg_no_long_mode
	jmp early_fatal

; Returns EAX = 1 when CPUID reports long mode (CPUID.80000001H:EDX[29]).
cpu_has_long_mode:
	push ebx
	mov eax, CPUID_EXT_MAX
	cpuid
	cmp eax, CPUID_EXT_FEAT
	jb .no
	mov eax, CPUID_EXT_FEAT
	cpuid
	xor eax, eax
	test edx, CPUID_EXT_LM
	setnz al
	pop ebx
	ret
.no:
	xor eax, eax
	pop ebx
	ret

; The first 4 GiB in 2 MiB pages: PML4[0] (identity) and PML4[DIRECT_MAP_PML4_INDEX] (the
; direct map) share one PDPT whose four entries point at four page directories.
build_boot_page_tables:
	mov edi, boot_page_directories
	xor eax, eax                         ; physical address of the current 2 MiB page
	mov ecx, 4 * 512
.next_pde:
	mov edx, eax
	or edx, PTE_PRESENT | PTE_WRITABLE | PTE_LARGE
	mov [edi], edx
	mov dword [edi + 4], 0
	add eax, 0x200000
	add edi, 8
	loop .next_pde

	mov edi, boot_pdpt
	mov eax, boot_page_directories + (PTE_PRESENT | PTE_WRITABLE)
	mov ecx, 4
.next_pdpte:
	mov [edi], eax
	mov dword [edi + 4], 0
	add eax, 4096
	add edi, 8
	loop .next_pdpte

	mov eax, boot_pdpt + (PTE_PRESENT | PTE_WRITABLE)
	mov [boot_pml4], eax
	mov [boot_pml4 + DIRECT_MAP_PML4_INDEX * 8], eax
	ret

; The TSS descriptor's base is split across the descriptor (SDM Vol. 3, 8.2.3); tss64 lies
; below 4 GiB, so the upper 32 bits stay zero.
fill_tss_descriptor:
	mov eax, tss64
	mov edi, gdt64_tss_descriptor
	mov [edi + 2], ax                    ; base 15:0
	shr eax, 16
	mov [edi + 4], al                    ; base 23:16
	mov [edi + 7], ah                    ; base 31:24
	ret

; Prints "vmxhv: error: " and the message at ESI on COM1 and the VGA text screen, then halts.
; Runs before anything is set up, so it programs COM1 itself (115200 8N1).
early_fatal:
	call early_serial_init
	mov edi, VGA_TEXT
	push esi
	mov esi, msg_error_prefix
	call early_puts
	pop esi
	call early_puts
	mov esi, msg_halting
	call early_puts
.halt:
	hlt
	jmp .halt

early_serial_init:
	mov dx, COM1 + 1                     ; IER: no interrupts
	xor al, al
	out dx, al
	mov dx, COM1 + 3                     ; LCR: DLAB on
	mov al, 0x80
	out dx, al
	mov dx, COM1                         ; divisor 1: 115200 baud
	mov al, 1
	out dx, al
	mov dx, COM1 + 1
	xor al, al
	out dx, al
	mov dx, COM1 + 3                     ; LCR: 8N1, DLAB off
	mov al, 0x03
	out dx, al
	mov dx, COM1 + 2                     ; FCR: FIFOs on and cleared
	mov al, 0x07
	out dx, al
	ret

; Writes the NUL-terminated string at ESI to COM1 and to the VGA cell at EDI onwards.
early_puts:
	lodsb
	test al, al
	jz .done
	mov ah, al
	mov dx, COM1 + 5
.wait_thre:
	in al, dx
	test al, 0x20
	jz .wait_thre
	mov al, ah
	mov dx, COM1
	out dx, al
	cmp al, 10
	je early_puts
	cmp al, 13
	je early_puts
	mov [edi], al
	mov byte [edi + 1], 0x4F             ; white on red
	add edi, 2
	jmp early_puts
.done:
	ret

bits 64
long_mode_entry:
	mov ax, GDT_KERNEL_DATA
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov ax, GDT_TSS
	ltr ax
	mov rsp, boot_stack_top
	xor ebp, ebp
	mov edi, [boot_multiboot_magic]
	mov esi, [boot_multiboot_info]
	call kmain
.halt:
	cli
	hlt
	jmp .halt

section .rodata
msg_error_prefix:    db 13, 10, "vmxhv: error: ", 0
msg_not_multiboot2:  db "not started by a Multiboot2 boot loader (bad magic in EAX); boot vmxhv with GRUB's multiboot2 command", 0
msg_no_long_mode:    db "this CPU has no long mode (x86-64): vmxhv needs a 64-bit CPU with VT-x", 0
msg_halting:         db 13, 10, "vmxhv: stopping: fatal error before the kernel started; halted", 13, 10, 0

section .bss
align 4096
boot_pml4:              resb 4096
boot_pdpt:              resb 4096
boot_page_directories:  resb 4 * 4096
boot_stack_guard:       resb 4096            ; unmapped once memory is up (mm/direct_map.c)
boot_stack:             resb BOOT_STACK_SIZE
boot_stack_top:
boot_tsc:               resq 1
boot_multiboot_magic:   resd 1
boot_multiboot_info:    resd 1
