; Entering the guest and coming back: the only place general registers cross the VMX boundary.
;
; int vmx_enter(struct vcpu *vcpu, int launched)
;   Loads the guest's general registers from vcpu->regs and executes VMLAUNCH (launched == 0)
;   or VMRESUME. Returns VMX_ENTER_EXITED (0) after a VM exit, with the guest's registers saved
;   back into vcpu->regs, or VMX_ENTER_FAIL_INVALID (1) / VMX_ENTER_FAIL_VALID (2) when the VMX
;   instruction itself failed (CF or ZF set, SDM Vol. 3, 31.2), the guest never having run.
;
; On a VM exit the CPU loads HOST_RIP = vmx_exit_point and HOST_RSP = the stack pointer that
; vmx_enter had just before entering, where it left the vcpu pointer (SDM Vol. 3, 28.5). Only
; the callee-saved registers need keeping across the guest: everything else the C caller expects
; to be clobbered. RFLAGS comes back as 0x2 (interrupts stay off in the hypervisor).

bits 64

VMCS_HOST_RSP equ 0x6C14

; offsets in struct guest_regs (vmx/vcpu.h)
GUEST_RAX equ 0
GUEST_RCX equ 8
GUEST_RDX equ 16
GUEST_RBX equ 24
GUEST_RBP equ 32
GUEST_RSI equ 40
GUEST_RDI equ 48
GUEST_R8  equ 56
GUEST_R9  equ 64
GUEST_R10 equ 72
GUEST_R11 equ 80
GUEST_R12 equ 88
GUEST_R13 equ 96
GUEST_R14 equ 104
GUEST_R15 equ 112
GUEST_CR2 equ 120
VCPU_HOST_RSP equ 128                ; struct vcpu.host_rsp_in_vmcs

global vmx_enter, vmx_exit_point

section .text
vmx_enter:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	push rdi                             ; the vcpu, found at [rsp] after a VM exit

	; HOST_RSP changes only if the caller's stack depth does: skip the VMWRITE when it is the
	; same as last time, which it is on every exit of the run loop.
	cmp rsp, [rdi + VCPU_HOST_RSP]
	je .host_rsp_current
	mov rax, VMCS_HOST_RSP
	vmwrite rax, rsp
	jbe .failed                          ; CF or ZF: no current VMCS or a bad field
	mov [rdi + VCPU_HOST_RSP], rsp
.host_rsp_current:

	mov rax, [rdi + GUEST_CR2]           ; CR2 is not in the VMCS; write it only when it changed
	mov rdx, cr2
	cmp rax, rdx
	je .cr2_current
	mov cr2, rax
.cr2_current:
	mov rax, [rdi + GUEST_RAX]
	mov rcx, [rdi + GUEST_RCX]
	mov rdx, [rdi + GUEST_RDX]
	mov rbx, [rdi + GUEST_RBX]
	mov rbp, [rdi + GUEST_RBP]
	mov r8,  [rdi + GUEST_R8]
	mov r9,  [rdi + GUEST_R9]
	mov r10, [rdi + GUEST_R10]
	mov r11, [rdi + GUEST_R11]
	mov r12, [rdi + GUEST_R12]
	mov r13, [rdi + GUEST_R13]
	mov r14, [rdi + GUEST_R14]
	mov r15, [rdi + GUEST_R15]
	test esi, esi                        ; the flags VMRESUME/VMLAUNCH see are from here on
	mov rsi, [rdi + GUEST_RSI]
	mov rdi, [rdi + GUEST_RDI]
	jnz .resume
	vmlaunch
	jmp .failed
.resume:
	vmresume

.failed:
	; VMfailInvalid sets CF, VMfailValid sets ZF (SDM Vol. 3, 31.2)
	mov eax, 1
	jc .restore_host
	mov eax, 2
.restore_host:
	add rsp, 8                           ; the vcpu pointer
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret

vmx_exit_point:
	push rdi                             ; the guest's RDI, until we have the vcpu in RDI
	mov rdi, [rsp + 8]
	mov [rdi + GUEST_RAX], rax
	mov [rdi + GUEST_RCX], rcx
	mov [rdi + GUEST_RDX], rdx
	mov [rdi + GUEST_RBX], rbx
	mov [rdi + GUEST_RBP], rbp
	mov [rdi + GUEST_RSI], rsi
	mov [rdi + GUEST_R8],  r8
	mov [rdi + GUEST_R9],  r9
	mov [rdi + GUEST_R10], r10
	mov [rdi + GUEST_R11], r11
	mov [rdi + GUEST_R12], r12
	mov [rdi + GUEST_R13], r13
	mov [rdi + GUEST_R14], r14
	mov [rdi + GUEST_R15], r15
	pop qword [rdi + GUEST_RDI]
	mov rax, cr2
	mov [rdi + GUEST_CR2], rax
	xor eax, eax                         ; VMX_ENTER_EXITED
	jmp vmx_enter.restore_host
