/*
 * VMCS field encodings (SDM Vol. 3, Appendix B "Field Encoding in VMCS"), grouped by width and
 * kind and listed in the order the appendix lists them. Names follow the SDM's field names with
 * a VMCS_ prefix. 64-bit fields are given by their "full" encoding; the "high" half (only for
 * 32-bit code, which vmxhv is not) is VMCS_FIELD_HIGH(field).
 *
 * Layout of an encoding (SDM 25.11.2, Table 25-21):
 *   bit 0      access type (0 = full, 1 = high half of a 64-bit field)
 *   bits 9:1   index
 *   bits 11:10 type (0 control, 1 VM-exit information, 2 guest state, 3 host state)
 *   bits 14:13 width (0 16-bit, 1 64-bit, 2 32-bit, 3 natural width)
 */
#ifndef VMX_VMCS_FIELDS_H
#define VMX_VMCS_FIELDS_H

#define VMCS_FIELD_ACCESS_HIGH  0x0001u
#define VMCS_FIELD_INDEX_SHIFT  1
#define VMCS_FIELD_INDEX_MASK   0x1FFu
#define VMCS_FIELD_TYPE_SHIFT   10
#define VMCS_FIELD_TYPE_MASK    0x3u
#define VMCS_FIELD_WIDTH_SHIFT  13
#define VMCS_FIELD_WIDTH_MASK   0x3u

#define VMCS_FIELD_TYPE_CONTROL   0
#define VMCS_FIELD_TYPE_EXIT_INFO 1 /* "VM-exit information" (read-only data) */
#define VMCS_FIELD_TYPE_GUEST     2
#define VMCS_FIELD_TYPE_HOST      3

#define VMCS_FIELD_WIDTH_16      0
#define VMCS_FIELD_WIDTH_64      1
#define VMCS_FIELD_WIDTH_32      2
#define VMCS_FIELD_WIDTH_NATURAL 3

#define VMCS_FIELD_WIDTH(field) (((field) >> VMCS_FIELD_WIDTH_SHIFT) & VMCS_FIELD_WIDTH_MASK)
#define VMCS_FIELD_TYPE(field)  (((field) >> VMCS_FIELD_TYPE_SHIFT) & VMCS_FIELD_TYPE_MASK)
#define VMCS_FIELD_HIGH(field)  ((field) | VMCS_FIELD_ACCESS_HIGH)

/* ---- B.1.1 16-bit control fields ---------------------------------------------------------- */
#define VMCS_VIRTUAL_PROCESSOR_ID                 0x0000 /* VPID */
#define VMCS_POSTED_INTERRUPT_NOTIFICATION_VECTOR 0x0002
#define VMCS_EPTP_INDEX                           0x0004
#define VMCS_HLAT_PREFIX_SIZE                     0x0006
#define VMCS_LAST_PID_POINTER_INDEX               0x0008

/* ---- B.1.2 16-bit guest-state fields ------------------------------------------------------ */
#define VMCS_GUEST_ES_SELECTOR                    0x0800
#define VMCS_GUEST_CS_SELECTOR                    0x0802
#define VMCS_GUEST_SS_SELECTOR                    0x0804
#define VMCS_GUEST_DS_SELECTOR                    0x0806
#define VMCS_GUEST_FS_SELECTOR                    0x0808
#define VMCS_GUEST_GS_SELECTOR                    0x080A
#define VMCS_GUEST_LDTR_SELECTOR                  0x080C
#define VMCS_GUEST_TR_SELECTOR                    0x080E
#define VMCS_GUEST_INTERRUPT_STATUS               0x0810
#define VMCS_PML_INDEX                            0x0812
#define VMCS_GUEST_UINV                           0x0814

/* ---- B.1.3 16-bit host-state fields ------------------------------------------------------- */
#define VMCS_HOST_ES_SELECTOR                     0x0C00
#define VMCS_HOST_CS_SELECTOR                     0x0C02
#define VMCS_HOST_SS_SELECTOR                     0x0C04
#define VMCS_HOST_DS_SELECTOR                     0x0C06
#define VMCS_HOST_FS_SELECTOR                     0x0C08
#define VMCS_HOST_GS_SELECTOR                     0x0C0A
#define VMCS_HOST_TR_SELECTOR                     0x0C0C

/* ---- B.2.1 64-bit control fields ---------------------------------------------------------- */
#define VMCS_IO_BITMAP_A                          0x2000 /* address of I/O bitmap A */
#define VMCS_IO_BITMAP_B                          0x2002 /* address of I/O bitmap B */
#define VMCS_MSR_BITMAP                           0x2004 /* address of MSR bitmaps */
#define VMCS_VM_EXIT_MSR_STORE_ADDRESS            0x2006
#define VMCS_VM_EXIT_MSR_LOAD_ADDRESS             0x2008
#define VMCS_VM_ENTRY_MSR_LOAD_ADDRESS            0x200A
#define VMCS_EXECUTIVE_VMCS_POINTER               0x200C
#define VMCS_PML_ADDRESS                          0x200E
#define VMCS_TSC_OFFSET                           0x2010
#define VMCS_VIRTUAL_APIC_ADDRESS                 0x2012
#define VMCS_APIC_ACCESS_ADDRESS                  0x2014
#define VMCS_POSTED_INTERRUPT_DESCRIPTOR_ADDRESS  0x2016
#define VMCS_VM_FUNCTION_CONTROLS                 0x2018
#define VMCS_EPT_POINTER                          0x201A /* EPTP */
#define VMCS_EOI_EXIT_BITMAP_0                    0x201C
#define VMCS_EOI_EXIT_BITMAP_1                    0x201E
#define VMCS_EOI_EXIT_BITMAP_2                    0x2020
#define VMCS_EOI_EXIT_BITMAP_3                    0x2022
#define VMCS_EPTP_LIST_ADDRESS                    0x2024
#define VMCS_VMREAD_BITMAP_ADDRESS                0x2026
#define VMCS_VMWRITE_BITMAP_ADDRESS               0x2028
#define VMCS_VIRTUALIZATION_EXCEPTION_INFO_ADDRESS 0x202A
#define VMCS_XSS_EXITING_BITMAP                   0x202C
#define VMCS_ENCLS_EXITING_BITMAP                 0x202E
#define VMCS_SUB_PAGE_PERMISSION_TABLE_POINTER    0x2030
#define VMCS_TSC_MULTIPLIER                       0x2032
#define VMCS_TERTIARY_PROCESSOR_BASED_CONTROLS    0x2034
#define VMCS_ENCLV_EXITING_BITMAP                 0x2036
#define VMCS_LOW_PASID_DIRECTORY_ADDRESS          0x2038
#define VMCS_HIGH_PASID_DIRECTORY_ADDRESS         0x203A
#define VMCS_SHARED_EPT_POINTER                   0x203C
#define VMCS_PCONFIG_EXITING_BITMAP               0x203E
#define VMCS_HLAT_POINTER                         0x2040 /* HLATP */
#define VMCS_PID_POINTER_TABLE_ADDRESS            0x2042
#define VMCS_SECONDARY_VM_EXIT_CONTROLS           0x2044
#define VMCS_IA32_SPEC_CTRL_MASK                  0x204A
#define VMCS_IA32_SPEC_CTRL_SHADOW                0x204C

/* ---- B.2.2 64-bit read-only data field ---------------------------------------------------- */
#define VMCS_GUEST_PHYSICAL_ADDRESS               0x2400

/* ---- B.2.3 64-bit guest-state fields ------------------------------------------------------ */
#define VMCS_LINK_POINTER                         0x2800
#define VMCS_GUEST_IA32_DEBUGCTL                  0x2802
#define VMCS_GUEST_IA32_PAT                       0x2804
#define VMCS_GUEST_IA32_EFER                      0x2806
#define VMCS_GUEST_IA32_PERF_GLOBAL_CTRL          0x2808
#define VMCS_GUEST_PDPTE0                         0x280A
#define VMCS_GUEST_PDPTE1                         0x280C
#define VMCS_GUEST_PDPTE2                         0x280E
#define VMCS_GUEST_PDPTE3                         0x2810
#define VMCS_GUEST_IA32_BNDCFGS                   0x2812
#define VMCS_GUEST_IA32_RTIT_CTL                  0x2814
#define VMCS_GUEST_IA32_LBR_CTL                   0x2816
#define VMCS_GUEST_IA32_PKRS                      0x2818

/* ---- B.2.4 64-bit host-state fields ------------------------------------------------------- */
#define VMCS_HOST_IA32_PAT                        0x2C00
#define VMCS_HOST_IA32_EFER                       0x2C02
#define VMCS_HOST_IA32_PERF_GLOBAL_CTRL           0x2C04
#define VMCS_HOST_IA32_PKRS                       0x2C06

/* ---- B.3.1 32-bit control fields ---------------------------------------------------------- */
#define VMCS_PIN_BASED_CONTROLS                   0x4000 /* pin-based VM-execution controls */
#define VMCS_PRIMARY_PROCESSOR_BASED_CONTROLS     0x4002
#define VMCS_EXCEPTION_BITMAP                     0x4004
#define VMCS_PAGE_FAULT_ERROR_CODE_MASK           0x4006
#define VMCS_PAGE_FAULT_ERROR_CODE_MATCH          0x4008
#define VMCS_CR3_TARGET_COUNT                     0x400A
#define VMCS_PRIMARY_VM_EXIT_CONTROLS             0x400C
#define VMCS_VM_EXIT_MSR_STORE_COUNT              0x400E
#define VMCS_VM_EXIT_MSR_LOAD_COUNT               0x4010
#define VMCS_VM_ENTRY_CONTROLS                    0x4012
#define VMCS_VM_ENTRY_MSR_LOAD_COUNT              0x4014
#define VMCS_VM_ENTRY_INTERRUPTION_INFORMATION    0x4016
#define VMCS_VM_ENTRY_EXCEPTION_ERROR_CODE        0x4018
#define VMCS_VM_ENTRY_INSTRUCTION_LENGTH          0x401A
#define VMCS_TPR_THRESHOLD                        0x401C
#define VMCS_SECONDARY_PROCESSOR_BASED_CONTROLS   0x401E
#define VMCS_PLE_GAP                              0x4020
#define VMCS_PLE_WINDOW                           0x4022
#define VMCS_INSTRUCTION_TIMEOUT_CONTROL          0x4024

/* ---- B.3.2 32-bit read-only data fields --------------------------------------------------- */
#define VMCS_VM_INSTRUCTION_ERROR                 0x4400
#define VMCS_EXIT_REASON                          0x4402
#define VMCS_VM_EXIT_INTERRUPTION_INFORMATION     0x4404
#define VMCS_VM_EXIT_INTERRUPTION_ERROR_CODE      0x4406
#define VMCS_IDT_VECTORING_INFORMATION            0x4408
#define VMCS_IDT_VECTORING_ERROR_CODE             0x440A
#define VMCS_VM_EXIT_INSTRUCTION_LENGTH           0x440C
#define VMCS_VM_EXIT_INSTRUCTION_INFORMATION      0x440E

/* ---- B.3.3 32-bit guest-state fields ------------------------------------------------------ */
#define VMCS_GUEST_ES_LIMIT                       0x4800
#define VMCS_GUEST_CS_LIMIT                       0x4802
#define VMCS_GUEST_SS_LIMIT                       0x4804
#define VMCS_GUEST_DS_LIMIT                       0x4806
#define VMCS_GUEST_FS_LIMIT                       0x4808
#define VMCS_GUEST_GS_LIMIT                       0x480A
#define VMCS_GUEST_LDTR_LIMIT                     0x480C
#define VMCS_GUEST_TR_LIMIT                       0x480E
#define VMCS_GUEST_GDTR_LIMIT                     0x4810
#define VMCS_GUEST_IDTR_LIMIT                     0x4812
#define VMCS_GUEST_ES_ACCESS_RIGHTS               0x4814
#define VMCS_GUEST_CS_ACCESS_RIGHTS               0x4816
#define VMCS_GUEST_SS_ACCESS_RIGHTS               0x4818
#define VMCS_GUEST_DS_ACCESS_RIGHTS               0x481A
#define VMCS_GUEST_FS_ACCESS_RIGHTS               0x481C
#define VMCS_GUEST_GS_ACCESS_RIGHTS               0x481E
#define VMCS_GUEST_LDTR_ACCESS_RIGHTS             0x4820
#define VMCS_GUEST_TR_ACCESS_RIGHTS               0x4822
#define VMCS_GUEST_INTERRUPTIBILITY_STATE         0x4824
#define VMCS_GUEST_ACTIVITY_STATE                 0x4826
#define VMCS_GUEST_SMBASE                         0x4828
#define VMCS_GUEST_IA32_SYSENTER_CS               0x482A
#define VMCS_VMX_PREEMPTION_TIMER_VALUE           0x482E

/* ---- B.3.4 32-bit host-state field -------------------------------------------------------- */
#define VMCS_HOST_IA32_SYSENTER_CS                0x4C00

/* ---- B.4.1 natural-width control fields --------------------------------------------------- */
#define VMCS_CR0_GUEST_HOST_MASK                  0x6000
#define VMCS_CR4_GUEST_HOST_MASK                  0x6002
#define VMCS_CR0_READ_SHADOW                      0x6004
#define VMCS_CR4_READ_SHADOW                      0x6006
#define VMCS_CR3_TARGET_VALUE_0                   0x6008
#define VMCS_CR3_TARGET_VALUE_1                   0x600A
#define VMCS_CR3_TARGET_VALUE_2                   0x600C
#define VMCS_CR3_TARGET_VALUE_3                   0x600E

/* ---- B.4.2 natural-width read-only data fields -------------------------------------------- */
#define VMCS_EXIT_QUALIFICATION                   0x6400
#define VMCS_IO_RCX                               0x6402
#define VMCS_IO_RSI                               0x6404
#define VMCS_IO_RDI                               0x6406
#define VMCS_IO_RIP                               0x6408
#define VMCS_GUEST_LINEAR_ADDRESS                 0x640A

/* ---- B.4.3 natural-width guest-state fields ----------------------------------------------- */
#define VMCS_GUEST_CR0                            0x6800
#define VMCS_GUEST_CR3                            0x6802
#define VMCS_GUEST_CR4                            0x6804
#define VMCS_GUEST_ES_BASE                        0x6806
#define VMCS_GUEST_CS_BASE                        0x6808
#define VMCS_GUEST_SS_BASE                        0x680A
#define VMCS_GUEST_DS_BASE                        0x680C
#define VMCS_GUEST_FS_BASE                        0x680E
#define VMCS_GUEST_GS_BASE                        0x6810
#define VMCS_GUEST_LDTR_BASE                      0x6812
#define VMCS_GUEST_TR_BASE                        0x6814
#define VMCS_GUEST_GDTR_BASE                      0x6816
#define VMCS_GUEST_IDTR_BASE                      0x6818
#define VMCS_GUEST_DR7                            0x681A
#define VMCS_GUEST_RSP                            0x681C
#define VMCS_GUEST_RIP                            0x681E
#define VMCS_GUEST_RFLAGS                         0x6820
#define VMCS_GUEST_PENDING_DEBUG_EXCEPTIONS       0x6822
#define VMCS_GUEST_IA32_SYSENTER_ESP              0x6824
#define VMCS_GUEST_IA32_SYSENTER_EIP              0x6826
#define VMCS_GUEST_IA32_S_CET                     0x6828
#define VMCS_GUEST_SSP                            0x682A
#define VMCS_GUEST_IA32_INTERRUPT_SSP_TABLE_ADDR  0x682C

/* ---- B.4.4 natural-width host-state fields ------------------------------------------------ */
#define VMCS_HOST_CR0                             0x6C00
#define VMCS_HOST_CR3                             0x6C02
#define VMCS_HOST_CR4                             0x6C04
#define VMCS_HOST_FS_BASE                         0x6C06
#define VMCS_HOST_GS_BASE                         0x6C08
#define VMCS_HOST_TR_BASE                         0x6C0A
#define VMCS_HOST_GDTR_BASE                       0x6C0C
#define VMCS_HOST_IDTR_BASE                       0x6C0E
#define VMCS_HOST_IA32_SYSENTER_ESP               0x6C10
#define VMCS_HOST_IA32_SYSENTER_EIP               0x6C12
#define VMCS_HOST_RSP                             0x6C14
#define VMCS_HOST_RIP                             0x6C16
#define VMCS_HOST_IA32_S_CET                      0x6C18
#define VMCS_HOST_SSP                             0x6C1A
#define VMCS_HOST_IA32_INTERRUPT_SSP_TABLE_ADDR   0x6C1C

#endif
