; One entry stub per exception vector (0-31). Each makes the stack look the same whatever the
; vector - a dummy error code where the CPU pushes none, then the vector number - saves the
; general registers and calls exception_dispatch(struct exception_frame *) in idt.c. The C side
; may change the saved EIP (fault recovery); IRETD then resumes there.

bits 32

section .text
extern exception_dispatch

; Vectors for which the CPU pushes an error code (SDM Vol. 3, Table 6-1).
%define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

%assign v 0
%rep 32
exception_stub_ %+ v:
%if HAS_ERROR_CODE(v) == 0
	push 0
%endif
	push v
	jmp exception_common
%assign v v + 1
%endrep

exception_common:
	pushad                          ; struct exception_frame starts here
	push esp
	call exception_dispatch
	add esp, 4
	popad
	add esp, 8                      ; vector and error code
	iretd

section .rodata
align 4
global exception_stubs
exception_stubs:                    ; const uint32_t exception_stubs[32]
%assign v 0
%rep 32
	dd exception_stub_ %+ v
%assign v v + 1
%endrep
