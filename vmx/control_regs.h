/*
 * CR0 and CR4 bits (SDM Vol. 3, 2.5 "Control Registers"), as the exit handlers and the guest
 * page walker need them.
 */
#ifndef VMX_CONTROL_REGS_H
#define VMX_CONTROL_REGS_H

#define CR0_PE (1ull << 0)  /* protection enable */
#define CR0_MP (1ull << 1)  /* monitor coprocessor */
#define CR0_EM (1ull << 2)  /* x87 emulation */
#define CR0_TS (1ull << 3)  /* task switched */
#define CR0_ET (1ull << 4)  /* extension type: hardwired to 1 */
#define CR0_NE (1ull << 5)  /* numeric error */
#define CR0_WP (1ull << 16) /* write protect */
#define CR0_AM (1ull << 18) /* alignment mask */
#define CR0_NW (1ull << 29) /* not write-through */
#define CR0_CD (1ull << 30) /* cache disable */
#define CR0_PG (1ull << 31) /* paging */

/* The bits of CR0 that exist; writes to the other bits of 31:0 are ignored (SDM 2.5). */
#define CR0_DEFINED (CR0_PE | CR0_MP | CR0_EM | CR0_TS | CR0_ET | CR0_NE | CR0_WP | CR0_AM | \
		     CR0_NW | CR0_CD | CR0_PG)
/* The bits LMSW loads (SDM Vol. 2, LMSW). */
#define CR0_LMSW_BITS (CR0_PE | CR0_MP | CR0_EM | CR0_TS)

#define CR4_VME        (1ull << 0)  /* virtual-8086 mode extensions */
#define CR4_PVI        (1ull << 1)  /* protected-mode virtual interrupts */
#define CR4_TSD        (1ull << 2)  /* time stamp disable */
#define CR4_DE         (1ull << 3)  /* debugging extensions */
#define CR4_PSE        (1ull << 4)  /* page size extensions */
#define CR4_PAE        (1ull << 5)  /* physical address extension */
#define CR4_MCE        (1ull << 6)  /* machine-check enable */
#define CR4_PGE        (1ull << 7)  /* page global enable */
#define CR4_PCE        (1ull << 8)  /* performance-monitoring counter enable */
#define CR4_OSFXSR     (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define CR4_UMIP       (1ull << 11) /* user-mode instruction prevention */
#define CR4_LA57       (1ull << 12) /* 57-bit linear addresses (5-level paging) */
#define CR4_VMXE       (1ull << 13) /* VMX enable */
#define CR4_SMXE       (1ull << 14) /* SMX enable */
#define CR4_FSGSBASE   (1ull << 16)
#define CR4_PCIDE      (1ull << 17) /* process-context identifiers */
#define CR4_OSXSAVE    (1ull << 18)
#define CR4_KL         (1ull << 19) /* Key Locker */
#define CR4_SMEP       (1ull << 20)
#define CR4_SMAP       (1ull << 21)
#define CR4_PKE        (1ull << 22) /* protection keys for user pages */
#define CR4_CET        (1ull << 23) /* control-flow enforcement */
#define CR4_PKS        (1ull << 24) /* protection keys for supervisor pages */
#define CR4_UINTR      (1ull << 25) /* user interrupts */

#endif
