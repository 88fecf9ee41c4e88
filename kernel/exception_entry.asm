; Entry stubs for the 32 CPU exceptions. Each pushes a uniform frame (a zero error code where the
; CPU pushes none, then the vector and the general registers) and calls exception_dispatch with
; it; see struct exception_frame in kernel/idt.h.

bits 64
extern exception_dispatch
global exception_stubs

; vectors whose exceptions push an error code (SDM Vol. 3, Table 6-1)
%define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

section .text
%assign v 0
%rep 32
align 16
exception_stub_%+ v:
%if HAS_ERROR_CODE(v) == 0
	push 0
%endif
	push v
	jmp exception_common
%assign v v + 1
%endrep

exception_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	mov rdi, rsp
	and rsp, -16
	call exception_dispatch            ; never returns: every exception is fatal
.halt:
	cli
	hlt
	jmp .halt

section .rodata
align 8
exception_stubs:
%assign v 0
%rep 32
	dq exception_stub_%+ v
%assign v v + 1
%endrep
