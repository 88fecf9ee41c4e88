# vmx/: sources of this folder (see the top Makefile).
#
# Pure logic (bit layouts, tables, decoding, control adjustment, EPT tables): compiled into the
# kernel and, for unit tests, for the host.
VMX_PURE_C := \
	vmx/caps.c \
	vmx/caps_log.c \
	vmx/controls.c \
	vmx/cr_fixed.c \
	vmx/ept.c \
	vmx/ept_pointer.c \
	vmx/exit_reason.c \
	vmx/feature_control.c \
	vmx/io_bitmap.c \
	vmx/msr_bitmap.c \
	vmx/region.c \
	vmx/requirements.c \
	vmx/vm_instruction_error.c \
	vmx/vmcs_field_names.c \
	vmx/vmcs_report.c

# Privileged: CPUID/RDMSR, VMX instructions, control registers. Kernel only; exercised in Bochs.
VMX_KERNEL_ONLY_C := \
	vmx/caps_read.c \
	vmx/vmcs.c \
	vmx/vmx_on.c

KERNEL_C   += $(VMX_PURE_C) $(VMX_KERNEL_ONLY_C)
KERNEL_ASM +=
HOST_C     += $(VMX_PURE_C)
# The VMCS set-up, the entry stub and the run loop (kernel-only).
KERNEL_C   += vmx/vmcs_setup.c vmx/vcpu_run.c
KERNEL_ASM += vmx/vmentry.asm
# VM-exit handling, MSR/CPUID emulation, guest paging, event injection, entry-failure triage and
# the exit report (pure: VMCS through vmx/vmcs.h, host CPU through the host_cpuid/host_cpu seams).
VMX_EXIT_PURE_C := \
	vmx/guest_timeout.c \
	vmx/exit_host_event.c \
	vmx/cpuid_view.c \
	vmx/entry_failure.c \
	vmx/event_injection.c \
	vmx/exit_cpuid.c \
	vmx/exit_cr.c \
	vmx/exit_dispatch.c \
	vmx/exit_io.c \
	vmx/exit_misc.c \
	vmx/exit_msr.c \
	vmx/exit_report.c \
	vmx/guest_paging.c \
	vmx/msr_emulation.c
KERNEL_C   += $(VMX_EXIT_PURE_C) vmx/host_cpu.c
HOST_C     += $(VMX_EXIT_PURE_C)
