/*
 * VM-exit reasons: the basic exit reason numbers of SDM Vol. 3 Appendix C ("VMX Basic Exit
 * Reasons") and the layout of the exit-reason field (VMCS_EXIT_REASON, SDM 28.2.1 / Table
 * "Format of Exit Reason"). Numbers the SDM leaves unused (35, 38, 42) have no name.
 */
#ifndef VMX_EXIT_REASON_H
#define VMX_EXIT_REASON_H

#include <stdint.h>

/* ---- exit-reason field layout ------------------------------------------------------------- */
#define EXIT_REASON_BASIC_MASK           0xFFFFu     /* bits 15:0  basic exit reason */
#define EXIT_REASON_BUS_LOCK_ASSERTED    (1u << 26)  /* a bus lock was asserted (bus-lock detection) */
#define EXIT_REASON_ENCLAVE_MODE         (1u << 27)  /* exit was incident to enclave mode */
#define EXIT_REASON_PENDING_MTF          (1u << 28)  /* pending MTF VM exit */
#define EXIT_REASON_FROM_VMX_ROOT        (1u << 29)  /* VM exit from VMX root operation (SMM) */
#define EXIT_REASON_VM_ENTRY_FAILURE     (1u << 31)  /* 1 = VM-entry failure, 0 = true VM exit */

#define EXIT_REASON_BASIC(exit_reason)   ((exit_reason) & EXIT_REASON_BASIC_MASK)

/* ---- basic exit reasons (Appendix C, Table C-1) ------------------------------------------- */
#define EXIT_REASON_EXCEPTION_NMI           0  /* exception or non-maskable interrupt */
#define EXIT_REASON_EXTERNAL_INTERRUPT      1
#define EXIT_REASON_TRIPLE_FAULT            2
#define EXIT_REASON_INIT_SIGNAL             3
#define EXIT_REASON_SIPI                    4  /* start-up IPI */
#define EXIT_REASON_IO_SMI                  5  /* I/O system-management interrupt */
#define EXIT_REASON_OTHER_SMI               6
#define EXIT_REASON_INTERRUPT_WINDOW        7
#define EXIT_REASON_NMI_WINDOW              8
#define EXIT_REASON_TASK_SWITCH             9
#define EXIT_REASON_CPUID                  10
#define EXIT_REASON_GETSEC                 11
#define EXIT_REASON_HLT                    12
#define EXIT_REASON_INVD                   13
#define EXIT_REASON_INVLPG                 14
#define EXIT_REASON_RDPMC                  15
#define EXIT_REASON_RDTSC                  16
#define EXIT_REASON_RSM                    17
#define EXIT_REASON_VMCALL                 18
#define EXIT_REASON_VMCLEAR                19
#define EXIT_REASON_VMLAUNCH               20
#define EXIT_REASON_VMPTRLD                21
#define EXIT_REASON_VMPTRST                22
#define EXIT_REASON_VMREAD                 23
#define EXIT_REASON_VMRESUME               24
#define EXIT_REASON_VMWRITE                25
#define EXIT_REASON_VMXOFF                 26
#define EXIT_REASON_VMXON                  27
#define EXIT_REASON_CR_ACCESS              28  /* control-register accesses */
#define EXIT_REASON_DR_ACCESS              29  /* MOV DR */
#define EXIT_REASON_IO_INSTRUCTION         30
#define EXIT_REASON_RDMSR                  31
#define EXIT_REASON_WRMSR                  32
#define EXIT_REASON_INVALID_GUEST_STATE    33  /* VM-entry failure due to invalid guest state */
#define EXIT_REASON_MSR_LOADING            34  /* VM-entry failure due to MSR loading */
#define EXIT_REASON_MWAIT                  36
#define EXIT_REASON_MONITOR_TRAP_FLAG      37
#define EXIT_REASON_MONITOR                39
#define EXIT_REASON_PAUSE                  40
#define EXIT_REASON_MACHINE_CHECK          41  /* VM-entry failure due to machine-check event */
#define EXIT_REASON_TPR_BELOW_THRESHOLD    43
#define EXIT_REASON_APIC_ACCESS            44
#define EXIT_REASON_VIRTUALIZED_EOI        45
#define EXIT_REASON_GDTR_IDTR_ACCESS       46
#define EXIT_REASON_LDTR_TR_ACCESS         47
#define EXIT_REASON_EPT_VIOLATION          48
#define EXIT_REASON_EPT_MISCONFIGURATION   49
#define EXIT_REASON_INVEPT                 50
#define EXIT_REASON_RDTSCP                 51
#define EXIT_REASON_PREEMPTION_TIMER       52  /* VMX-preemption timer expired */
#define EXIT_REASON_INVVPID                53
#define EXIT_REASON_WBINVD                 54  /* WBINVD or WBNOINVD */
#define EXIT_REASON_XSETBV                 55
#define EXIT_REASON_APIC_WRITE             56
#define EXIT_REASON_RDRAND                 57
#define EXIT_REASON_INVPCID                58
#define EXIT_REASON_VMFUNC                 59
#define EXIT_REASON_ENCLS                  60
#define EXIT_REASON_RDSEED                 61
#define EXIT_REASON_PML_FULL               62  /* page-modification log full */
#define EXIT_REASON_XSAVES                 63
#define EXIT_REASON_XRSTORS                64
#define EXIT_REASON_PCONFIG                65
#define EXIT_REASON_SPP_EVENT              66  /* SPP-related event */
#define EXIT_REASON_UMWAIT                 67
#define EXIT_REASON_TPAUSE                 68
#define EXIT_REASON_LOADIWKEY              69
#define EXIT_REASON_ENCLV                  70
#define EXIT_REASON_SGX_CONFLICT           71
#define EXIT_REASON_ENQCMD_PASID_FAILURE   72  /* ENQCMD PASID translation failure */
#define EXIT_REASON_ENQCMDS_PASID_FAILURE  73  /* ENQCMDS PASID translation failure */
#define EXIT_REASON_BUS_LOCK               74
#define EXIT_REASON_INSTRUCTION_TIMEOUT    75  /* "notify" VM exit */
#define EXIT_REASON_SEAMCALL               76
#define EXIT_REASON_TDCALL                 77
#define EXIT_REASON_RDMSRLIST              78
#define EXIT_REASON_WRMSRLIST              79

/* One past the largest basic exit reason named above: the size of a dispatch table. */
#define EXIT_REASON_COUNT                  80

/*
 * The SDM's short name for a basic exit reason ("CPUID", "EPT violation", ...), or
 * "unknown exit reason" for a number Appendix C does not define. Any bits above 15 are ignored,
 * so the raw exit-reason field may be passed.
 */
const char *exit_reason_name(uint32_t exit_reason);

#endif
