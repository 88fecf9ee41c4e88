; The Multiboot2 header GRUB looks for in the first 32 KiB of the kernel image
; (Multiboot2 specification, section 3.1). Kept in its own section so the linker script can put
; it first.

MB2_HEADER_MAGIC        equ 0xE85250D6
MB2_ARCH_I386           equ 0          ; 32-bit protected mode entry
MB2_TAG_END             equ 0
MB2_TAG_INFO_REQUEST    equ 1
MB2_TAG_MODULE_ALIGN    equ 6
MB2_TAG_OPTIONAL        equ 1          ; boot loader may ignore the tag

; information tags we ask for (Multiboot2 specification, section 3.6)
MB2_INFO_CMDLINE        equ 1
MB2_INFO_MODULE         equ 3
MB2_INFO_MEMORY_MAP     equ 6
MB2_INFO_FRAMEBUFFER    equ 8

section .multiboot2
align 8
mb2_header:
	dd MB2_HEADER_MAGIC
	dd MB2_ARCH_I386
	dd mb2_header_end - mb2_header
	dd -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

align 8
.info_request:
	dw MB2_TAG_INFO_REQUEST, MB2_TAG_OPTIONAL
	dd .info_request_end - .info_request
	dd MB2_INFO_CMDLINE, MB2_INFO_MODULE, MB2_INFO_MEMORY_MAP, MB2_INFO_FRAMEBUFFER
.info_request_end:

align 8
.module_align:                         ; modules start on a page: the guest image is read in place
	dw MB2_TAG_MODULE_ALIGN, 0
	dd 8

align 8
	dw MB2_TAG_END, 0
	dd 8
mb2_header_end:
