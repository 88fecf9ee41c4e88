/*
 * The contract between vmxhv and the guests it runs, as the guest sees it. This is the guest's
 * copy; the hypervisor mirrors these numbers. Freestanding and width-exact, so both a 32-bit
 * guest and the 64-bit hypervisor can include it.
 */
#ifndef VMXHV_GUEST_ABI_H
#define VMXHV_GUEST_ABI_H

#include <stdint.h>

/* ---- Boot: a Multiboot (version 1) kernel, entered in 32-bit protected mode ------------ */
#define VMXHV_GUEST_LOAD_ADDR        0x00100000u        /* where our guests link (1 MiB) */
#define VMXHV_GUEST_MEM_DEFAULT      (64u << 20)        /* guest RAM: guest-physical 0..64 MiB */
#define VMXHV_BOOT_LOADER_NAME       "vmxhv"            /* Multiboot info boot_loader_name */

/* ---- Hypercalls: VMCALL with the number in RAX; the result comes back in RAX ------------ */
#define VMXHV_HC_VERSION             0u                 /* returns (major << 16) | minor, nonzero */
#define VMXHV_HC_UNKNOWN             (~(uint64_t)0)     /* result of any number not defined here;
							   a 32-bit guest sees EAX = 0xFFFFFFFF */
#define VMXHV_VERSION_MAJOR(v)       ((uint32_t)(v) >> 16)
#define VMXHV_VERSION_MINOR(v)       ((uint32_t)(v) & 0xFFFFu)

/* ---- CPUID ----------------------------------------------------------------------------- */
/* Leaf 0x40000000: EAX = highest hypervisor leaf, EBX:ECX:EDX = "vmxhv" padded with NULs. */
#define VMXHV_CPUID_LEAF_BASE        0x40000000u
#define VMXHV_CPUID_SIGNATURE_EBX    0x68786D76u        /* "vmxh" */
#define VMXHV_CPUID_SIGNATURE_ECX    0x00000076u        /* "v\0\0\0" */
#define VMXHV_CPUID_SIGNATURE_EDX    0x00000000u        /* "\0\0\0\0" */
#define VMXHV_CPUID_1_ECX_VMX        (1u << 5)          /* always clear: VMX is hidden */
#define VMXHV_CPUID_1_ECX_HYPERVISOR (1u << 31)         /* always set */

/* ---- I/O ports the hypervisor claims (every other port reads all ones, drops writes) ---- */
#define VMXHV_PORT_COM1              0x3F8u             /* emulated 16550A, 0x3F8-0x3FF */
#define VMXHV_PORT_DEBUG_EXIT        0xF4u              /* write byte N: guest ends with status N
							   (QEMU isa-debug-exit compatible) */
#define VMXHV_PORT_KBD_COMMAND       0x64u              /* command 0xFE (pulse reset) ends the guest */
#define VMXHV_KBD_CMD_RESET          0xFEu
#define VMXHV_PORT_RESET_CONTROL     0xCF9u             /* a write with bit 2 set ends the guest */
#define VMXHV_RESET_CONTROL_RESET    (1u << 2)

#endif
