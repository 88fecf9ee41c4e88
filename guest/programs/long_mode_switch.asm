; The long_mode guest's trip into 64-bit mode and back, in assembly because the rest of the
; guest is 32-bit C. SDM Vol. 3, 10.8.5 "Initializing IA-32e Mode" and 10.8.5.4 "Switching Out
; of IA-32e Mode", step by step.
;
;   void long_mode_roundtrip(uint32_t pml4, struct long_mode_report *report, uint32_t cr0_also)
;
; cr0_also: CR0 bits set with PG on the way in and cleared with it on the way out.
; The caller has identity-mapped at least this code, its data and its stack. No exception may
; happen on the way: the runtime's IDT has 32-bit gates, which IA-32e mode cannot use.

bits 32

SEL_CODE32 equ 0x08                     ; the runtime's GDT, lib/entry.asm
SEL_CODE64 equ 0x18
MSR_IA32_EFER equ 0xC0000080
EFER_LME  equ 1 << 8
CR0_PG    equ 1 << 31
CR4_PAE   equ 1 << 5
COM1      equ 0x3F8
UART_LSR  equ 5
UART_LSR_THRE equ 0x20
PROOF_64  equ 0x0123456789ABCDEF        ; only a 64-bit register can hold this in one move

; struct long_mode_report, long_mode.c
REPORT_EFER  equ 0
REPORT_CS    equ 8
REPORT_PROOF equ 16

section .text
global long_mode_roundtrip
long_mode_roundtrip:
	push ebp
	mov ebp, esp
	push ebx
	push esi
	push edi
	mov edi, [ebp + 12]             ; report

	mov eax, cr4                    ; 1. physical-address extensions
	or eax, CR4_PAE
	mov cr4, eax
	mov eax, [ebp + 8]              ; 2. the PML4
	mov cr3, eax
	mov ecx, MSR_IA32_EFER          ; 3. long mode enable
	rdmsr
	or eax, EFER_LME
	wrmsr
	mov eax, cr0                    ; 4. paging: EFER.LMA becomes 1, compatibility mode
	or eax, CR0_PG
	or eax, [ebp + 16]
	mov cr0, eax
	jmp SEL_CODE64:in_64bit_mode    ; 5. a code segment with L=1: 64-bit mode

bits 64
in_64bit_mode:
	mov esp, esp                    ; upper halves are undefined on entry: zero-extend
	mov edi, edi
	lea rsi, [rel running_message]
	call puts64

	mov ecx, MSR_IA32_EFER          ; what EFER says while we are here (LMA expected)
	rdmsr
	mov [rdi + REPORT_EFER], eax
	mov [rdi + REPORT_EFER + 4], edx
	mov ax, cs
	movzx eax, ax
	mov [rdi + REPORT_CS], eax
	mov rax, PROOF_64
	mov [rdi + REPORT_PROOF], rax

	push SEL_CODE32                 ; far return to a 32-bit segment: compatibility mode
	lea rax, [rel in_compatibility_mode]
	push rax
	o64 retf

bits 32
in_compatibility_mode:
	mov edx, [ebp + 16]             ; 1. paging off (identity mapped): EFER.LMA becomes 0
	or edx, CR0_PG
	not edx
	mov eax, cr0
	and eax, edx
	mov cr0, eax
	mov ecx, MSR_IA32_EFER          ; 2. long mode off
	rdmsr
	and eax, ~EFER_LME
	wrmsr
	mov eax, cr4                    ; 3. back to the CR4 we started with
	and eax, ~CR4_PAE
	mov cr4, eax

	pop edi
	pop esi
	pop ebx
	pop ebp
	ret

bits 64
; Print the NUL-terminated string at RSI, polling LSR.THRE like lib/uart.c does.
puts64:
	lodsb
	test al, al
	jz .done
	mov bl, al
	mov dx, COM1 + UART_LSR
.wait:
	in al, dx
	test al, UART_LSR_THRE
	jz .wait
	mov dx, COM1
	mov al, bl
	out dx, al
	jmp puts64
.done:
	ret

section .rodata
running_message:
	db "guest: running in 64-bit mode", 13, 10, 0
