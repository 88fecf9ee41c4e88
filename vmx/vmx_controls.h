/*
 * VMX control bits, named after the SDM Vol. 3 tables that define them:
 *   pin-based VM-execution controls            (SDM 25.6.1, Table 25-5)   PIN_BASED_*
 *   primary processor-based VM-execution ctls  (SDM 25.6.2, Table 25-6)   PROCBASED_*
 *   secondary processor-based VM-execution     (SDM 25.6.2, Table 25-7)   SECONDARY_*
 *   primary VM-exit controls                   (SDM 25.7.1, Table 25-13)  VM_EXIT_*
 *   VM-entry controls                          (SDM 25.8.1, Table 25-15)  VM_ENTRY_*
 * and the "default1" classes of SDM Appendix A.2 (bits reported as must-be-one by the non-TRUE
 * capability MSRs, which the TRUE MSRs may allow to be 0).
 */
#ifndef VMX_VMX_CONTROLS_H
#define VMX_VMX_CONTROLS_H

/* ---- pin-based VM-execution controls ------------------------------------------------------ */
#define PIN_BASED_EXTERNAL_INTERRUPT_EXITING  (1u << 0)
#define PIN_BASED_NMI_EXITING                 (1u << 3)
#define PIN_BASED_VIRTUAL_NMIS                (1u << 5)
#define PIN_BASED_ACTIVATE_PREEMPTION_TIMER   (1u << 6) /* activate VMX-preemption timer */
#define PIN_BASED_PROCESS_POSTED_INTERRUPTS   (1u << 7)

/* ---- primary processor-based VM-execution controls ---------------------------------------- */
#define PROCBASED_INTERRUPT_WINDOW_EXITING    (1u << 2)
#define PROCBASED_USE_TSC_OFFSETTING          (1u << 3)
#define PROCBASED_HLT_EXITING                 (1u << 7)
#define PROCBASED_INVLPG_EXITING              (1u << 9)
#define PROCBASED_MWAIT_EXITING               (1u << 10)
#define PROCBASED_RDPMC_EXITING               (1u << 11)
#define PROCBASED_RDTSC_EXITING               (1u << 12)
#define PROCBASED_CR3_LOAD_EXITING            (1u << 15)
#define PROCBASED_CR3_STORE_EXITING           (1u << 16)
#define PROCBASED_ACTIVATE_TERTIARY_CONTROLS  (1u << 17)
#define PROCBASED_CR8_LOAD_EXITING            (1u << 19)
#define PROCBASED_CR8_STORE_EXITING           (1u << 20)
#define PROCBASED_USE_TPR_SHADOW              (1u << 21)
#define PROCBASED_NMI_WINDOW_EXITING          (1u << 22)
#define PROCBASED_MOV_DR_EXITING              (1u << 23)
#define PROCBASED_UNCONDITIONAL_IO_EXITING    (1u << 24)
#define PROCBASED_USE_IO_BITMAPS              (1u << 25)
#define PROCBASED_MONITOR_TRAP_FLAG           (1u << 27)
#define PROCBASED_USE_MSR_BITMAPS             (1u << 28)
#define PROCBASED_MONITOR_EXITING             (1u << 29)
#define PROCBASED_PAUSE_EXITING               (1u << 30)
#define PROCBASED_ACTIVATE_SECONDARY_CONTROLS (1u << 31)

/* ---- secondary processor-based VM-execution controls -------------------------------------- */
#define SECONDARY_VIRTUALIZE_APIC_ACCESSES    (1u << 0)
#define SECONDARY_ENABLE_EPT                  (1u << 1)
#define SECONDARY_DESCRIPTOR_TABLE_EXITING    (1u << 2)
#define SECONDARY_ENABLE_RDTSCP               (1u << 3)
#define SECONDARY_VIRTUALIZE_X2APIC_MODE      (1u << 4)
#define SECONDARY_ENABLE_VPID                 (1u << 5)
#define SECONDARY_WBINVD_EXITING              (1u << 6)
#define SECONDARY_UNRESTRICTED_GUEST          (1u << 7)
#define SECONDARY_APIC_REGISTER_VIRTUALIZATION (1u << 8)
#define SECONDARY_VIRTUAL_INTERRUPT_DELIVERY  (1u << 9)
#define SECONDARY_PAUSE_LOOP_EXITING          (1u << 10)
#define SECONDARY_RDRAND_EXITING              (1u << 11)
#define SECONDARY_ENABLE_INVPCID              (1u << 12)
#define SECONDARY_ENABLE_VM_FUNCTIONS         (1u << 13)
#define SECONDARY_VMCS_SHADOWING              (1u << 14)
#define SECONDARY_ENABLE_ENCLS_EXITING        (1u << 15)
#define SECONDARY_RDSEED_EXITING              (1u << 16)
#define SECONDARY_ENABLE_PML                  (1u << 17)
#define SECONDARY_EPT_VIOLATION_VE            (1u << 18) /* EPT-violation #VE */
#define SECONDARY_CONCEAL_VMX_FROM_PT         (1u << 19)
#define SECONDARY_ENABLE_XSAVES_XRSTORS       (1u << 20)
#define SECONDARY_PASID_TRANSLATION           (1u << 21)
#define SECONDARY_MODE_BASED_EXECUTE_CONTROL  (1u << 22)
#define SECONDARY_SUB_PAGE_WRITE_PERMISSIONS  (1u << 23)
#define SECONDARY_PT_USES_GUEST_PHYSICAL      (1u << 24) /* Intel PT uses guest-physical addresses */
#define SECONDARY_USE_TSC_SCALING             (1u << 25)
#define SECONDARY_ENABLE_USER_WAIT_AND_PAUSE  (1u << 26)
#define SECONDARY_ENABLE_PCONFIG              (1u << 27)
#define SECONDARY_ENABLE_ENCLV_EXITING        (1u << 28)
#define SECONDARY_VMM_BUS_LOCK_DETECTION      (1u << 30)
#define SECONDARY_INSTRUCTION_TIMEOUT         (1u << 31)

/* ---- primary VM-exit controls ------------------------------------------------------------- */
#define VM_EXIT_SAVE_DEBUG_CONTROLS           (1u << 2)
#define VM_EXIT_HOST_ADDRESS_SPACE_SIZE       (1u << 9)
#define VM_EXIT_LOAD_IA32_PERF_GLOBAL_CTRL    (1u << 12)
#define VM_EXIT_ACKNOWLEDGE_INTERRUPT_ON_EXIT (1u << 15)
#define VM_EXIT_SAVE_IA32_PAT                 (1u << 18)
#define VM_EXIT_LOAD_IA32_PAT                 (1u << 19)
#define VM_EXIT_SAVE_IA32_EFER                (1u << 20)
#define VM_EXIT_LOAD_IA32_EFER                (1u << 21)
#define VM_EXIT_SAVE_PREEMPTION_TIMER_VALUE   (1u << 22)
#define VM_EXIT_CLEAR_IA32_BNDCFGS            (1u << 23)
#define VM_EXIT_CONCEAL_VMX_FROM_PT           (1u << 24)
#define VM_EXIT_CLEAR_IA32_RTIT_CTL           (1u << 25)
#define VM_EXIT_CLEAR_IA32_LBR_CTL            (1u << 26)
#define VM_EXIT_CLEAR_UINV                    (1u << 27)
#define VM_EXIT_LOAD_CET_STATE                (1u << 28)
#define VM_EXIT_LOAD_PKRS                     (1u << 29)
#define VM_EXIT_SAVE_IA32_PERF_GLOBAL_CTL     (1u << 30)
#define VM_EXIT_ACTIVATE_SECONDARY_CONTROLS   (1u << 31)

/* ---- VM-entry controls -------------------------------------------------------------------- */
#define VM_ENTRY_LOAD_DEBUG_CONTROLS          (1u << 2)
#define VM_ENTRY_IA32E_MODE_GUEST             (1u << 9)
#define VM_ENTRY_ENTRY_TO_SMM                 (1u << 10)
#define VM_ENTRY_DEACTIVATE_DUAL_MONITOR      (1u << 11) /* deactivate dual-monitor treatment */
#define VM_ENTRY_LOAD_IA32_PERF_GLOBAL_CTRL   (1u << 13)
#define VM_ENTRY_LOAD_IA32_PAT                (1u << 14)
#define VM_ENTRY_LOAD_IA32_EFER               (1u << 15)
#define VM_ENTRY_LOAD_IA32_BNDCFGS            (1u << 16)
#define VM_ENTRY_CONCEAL_VMX_FROM_PT          (1u << 17)
#define VM_ENTRY_LOAD_IA32_RTIT_CTL           (1u << 18)
#define VM_ENTRY_LOAD_UINV                    (1u << 19)
#define VM_ENTRY_LOAD_CET_STATE               (1u << 20)
#define VM_ENTRY_LOAD_GUEST_IA32_LBR_CTL      (1u << 21)
#define VM_ENTRY_LOAD_PKRS                    (1u << 22)

/* ---- default1 classes (SDM A.2): must be 1 unless the TRUE MSR says otherwise ------------- */
#define PIN_BASED_DEFAULT1  0x00000016u /* bits 1, 2, 4 */
#define PROCBASED_DEFAULT1  0x0401E172u /* bits 1, 4-6, 8, 13-16, 26 */
#define VM_EXIT_DEFAULT1    0x00036DFFu /* bits 0-8, 10, 11, 13, 14, 16, 17 */
#define VM_ENTRY_DEFAULT1   0x000011FFu /* bits 0-8, 12 */

#endif
