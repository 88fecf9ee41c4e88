/*
 * What is printed when the guest has ended: why it ended (with the guest's CPU state when it
 * ended by a fault or a halt), and the exit statistics (Jailhouse-style counters by kind).
 *
 * exit_report_guest_end, by vcpu->end:
 *   VCPU_END_EXIT_STATUS   vmxhv: guest exited with status N
 *   VCPU_END_RESET         vmxhv: guest ended: <end_reason>
 *   VCPU_END_HALTED        vmxhv: guest ended: <end_reason>, then the CPU state below
 *   VCPU_END_GUEST_FAULT   vmxhv: error: guest ended: <end_reason>, then the CPU state below
 *   VCPU_END_ENTRY_FAILED  vmxhv: error: guest ended: <end_reason> (entry_failure_report
 *                          printed the details already)
 * The CPU state (read from the VMCS, which must still be current), one log line each:
 *   "  exit reason 2 (triple fault), qualification 0x0"
 *   "  exit interruption info 0x80000b0d, error code 0x0"      (only when valid)
 *   "  IDT-vectoring info 0x80000b0e, error code 0x2"          (only when valid)
 *   "  CS:RIP 0008:0000000000101234 SS:RSP 0010:0000000000200000 RFLAGS 00000002"
 *   "  CR0 0000000080000011 CR2 0000000000000000 CR3 0000000000001000"
 *   "  CR4 0000000000000020 EFER 0000000000000500"
 *   "  RAX ... RBX ... RCX ...", "  RDX ... RSI ... RDI ...", "  RBP ... R8  ... R9  ...",
 *   "  R10 ... R11 ... R12 ...", "  R13 ... R14 ... R15 ..."   (16 hex digits each)
 * CR0 and CR4 are as the guest sees them (read shadows for host-owned bits).
 *
 * exit_report_statistics, info level:
 *   "exits: 1234 in all"
 *   "  CPUID (10): 12"                         one per exit reason seen, by number
 *   "I/O port 0x3f8: 40 reads, 300 writes"     one per port seen, by port
 *   "I/O ports beyond the table: 3 reads, 1 write"          (only if any)
 *   "MSR 0x277 (IA32_PAT): 2 reads, 1 write, 0 #GP"         one per MSR seen, by number
 *   "MSR 0x12345678: 1 read, 0 writes, 1 #GP"               (no name known)
 *   "MSRs beyond the table: 5 accesses"                     (only if any)
 */
#ifndef VMX_EXIT_REPORT_H
#define VMX_EXIT_REPORT_H

#include "vmx/vcpu.h"

void exit_report_guest_end(const struct vcpu *vcpu);
void exit_report_statistics(const struct vcpu *vcpu);

#endif
