/*
 * The boot sequence into VMX root operation (SDM Vol. 3, 24.7 and 31.5); see vmx_on.h. Each step
 * is a short function that logs its outcome; vmx_start reads top to bottom.
 */
#include "vmx/vmx_on.h"
#include "vmx/caps_log.h"
#include "vmx/cr_fixed.h"
#include "vmx/feature_control.h"
#include "vmx/requirements.h"
#include "vmx/vmx_ops.h"
#include "kernel/cpu.h"
#include "kernel/log.h"
#include "kernel/msr_index.h"

#include <string.h>

/* Log a failed VMX instruction with the SDM's reason, and what VMfailInvalid means for it. */
static void log_instruction_failure(const char *instruction, phys_addr_t operand,
				    enum vmx_status status, const char *invalid_hint)
{
	unsigned long long op = operand;

	if (status == VMX_FAIL_VALID) {
		unsigned error = vmx_instruction_error();
		log_error("vmx: %s 0x%llx failed: VMfailValid, VM-instruction error %u (%s)",
			  instruction, op, error, vm_instruction_error_text(error));
	} else {
		log_error("vmx: %s 0x%llx failed: VMfailInvalid (%s)", instruction, op, invalid_hint);
	}
}

/* Step 3: IA32_FEATURE_CONTROL must allow VMXON outside SMX and be locked. */
static enum vmx_start_result enable_feature_control(void)
{
	uint64_t current = rdmsr(MSR_IA32_FEATURE_CONTROL);
	uint64_t wanted;
	enum feature_control_plan plan = feature_control_plan(current, vmx_cpu_has_smx(), &wanted);

	feature_control_log(plan, current, wanted);
	if (plan == FEATURE_CONTROL_LOCKED_OFF)
		return VMX_START_DISABLED_BY_FIRMWARE;
	if (plan == FEATURE_CONTROL_WRITE) {
		wrmsr(MSR_IA32_FEATURE_CONTROL, wanted);
		uint64_t now = rdmsr(MSR_IA32_FEATURE_CONTROL);
		if (!feature_control_ready(now)) {
			log_error("vmx: IA32_FEATURE_CONTROL reads 0x%llx after writing 0x%llx: "
				  "VMXON stays disabled", (unsigned long long)now,
				  (unsigned long long)wanted);
			return VMX_START_DISABLED_BY_FIRMWARE;
		}
	}
	return VMX_START_OK;
}

/*
 * Step 4: force the CR0/CR4 bits VMX operation fixes (24.8), set CR4.VMXE, and check what the
 * registers now hold, not what we meant to write.
 */
static enum vmx_start_result set_control_registers(const struct vmx_caps *caps)
{
	uint64_t cr0 = read_cr0(), cr4 = read_cr4();
	uint64_t new_cr0 = cr_fixed_apply(cr0, caps->cr0_fixed0, caps->cr0_fixed1);
	uint64_t new_cr4 = cr_fixed_apply(cr4 | CR4_VMXE, caps->cr4_fixed0, caps->cr4_fixed1);

	log_info("vmx: CR0 0x%llx -> 0x%llx, CR4 0x%llx -> 0x%llx (fixed bits, CR4.VMXE)",
		 (unsigned long long)cr0, (unsigned long long)new_cr0, (unsigned long long)cr4,
		 (unsigned long long)new_cr4);
	if (new_cr0 != cr0)
		write_cr0(new_cr0);
	if (new_cr4 != cr4)
		write_cr4(new_cr4);

	bool ok = cr_fixed_check_and_log("CR0", read_cr0(), caps->cr0_fixed0, caps->cr0_fixed1);
	ok &= cr_fixed_check_and_log("CR4", read_cr4(), caps->cr4_fixed0, caps->cr4_fixed1);
	if (!(read_cr4() & CR4_VMXE)) {
		log_error("vmx: CR4.VMXE did not stick (IA32_VMX_CR4_FIXED1 0x%llx)",
			  (unsigned long long)caps->cr4_fixed1);
		ok = false;
	}
	return ok ? VMX_START_OK : VMX_START_CR_FIXED;
}

/* Step 5: the VMXON region and VMXON itself (31.3 VMXON). */
static enum vmx_start_result enter_vmx_root(struct vmx_cpu *cpu)
{
	if (vmx_region_create(&cpu->vmxon, &cpu->caps, VMX_REGION_VMXON) != VMX_REGION_OK)
		return VMX_START_NO_MEMORY;
	enum vmx_status status = vmx_vmxon(cpu->vmxon.phys);
	if (status != VMX_SUCCEED) {
		log_instruction_failure("VMXON", cpu->vmxon.phys, status,
					"region misaligned, beyond the physical-address width, or "
					"with a wrong revision id");
		return VMX_START_VMXON_FAILED;
	}
	cpu->vmx_on = true;
	log_info("vmx: VMXON region 0x%llx: VMXON succeeded", (unsigned long long)cpu->vmxon.phys);
	return VMX_START_OK;
}

/* Step 6: a VMCS, cleared (so VMLAUNCH will accept it) and made current (31.6). */
static enum vmx_start_result load_vmcs(struct vmx_cpu *cpu)
{
	if (vmx_region_create(&cpu->vmcs, &cpu->caps, VMX_REGION_VMCS) != VMX_REGION_OK)
		return VMX_START_NO_MEMORY;
	enum vmx_status status = vmx_vmclear(cpu->vmcs.phys);
	if (status != VMX_SUCCEED) {
		log_instruction_failure("VMCLEAR", cpu->vmcs.phys, status,
					"invalid address or the VMXON pointer");
		return VMX_START_VMCS_FAILED;
	}
	status = vmx_vmptrld(cpu->vmcs.phys);
	if (status != VMX_SUCCEED) {
		log_instruction_failure("VMPTRLD", cpu->vmcs.phys, status,
					"invalid address, the VMXON pointer, or a wrong revision id");
		return VMX_START_VMCS_FAILED;
	}
	cpu->vmcs_current = true;
	log_info("vmx: VMXON ok, VMCS 0x%llx loaded (revision id 0x%x)",
		 (unsigned long long)cpu->vmcs.phys, cpu->caps.revision_id);
	return VMX_START_OK;
}

/* Step 7: the verdict on guests, with VMX already on. */
static enum vmx_start_result check_requirements(const struct vmx_caps *caps)
{
	switch (vmx_check_requirements(caps)) {
	case VMX_REQUIREMENTS_MET:
		return VMX_START_OK;
	case VMX_MISSING_EPT:
		return VMX_START_NO_EPT;
	case VMX_MISSING_UNRESTRICTED_GUEST:
		return VMX_START_NO_UNRESTRICTED_GUEST;
	case VMX_MISSING_BITMAPS:
		return VMX_START_NO_BITMAPS;
	}
	return VMX_START_NO_EPT;
}

enum vmx_start_result vmx_start(struct vmx_cpu *cpu)
{
	enum vmx_start_result rc;

	memset(cpu, 0, sizeof(*cpu));
	if (!vmx_cpu_has_vmx()) {
		log_error("vmx: VMX not supported by this CPU (CPUID.01H:ECX.VMX[bit 5] = 0)");
		return VMX_START_NO_VMX;
	}
	vmx_caps_read(&cpu->caps);
	vmx_caps_log(&cpu->caps);

	rc = enable_feature_control();
	if (rc == VMX_START_OK)
		rc = set_control_registers(&cpu->caps);
	if (rc == VMX_START_OK)
		rc = enter_vmx_root(cpu);
	if (rc == VMX_START_OK)
		rc = load_vmcs(cpu);
	if (rc != VMX_START_OK) {
		if (rc != VMX_START_DISABLED_BY_FIRMWARE)
			vmx_stop(cpu);
		log_error("vmx: VMX start failed: %s", vmx_start_result_text(rc));
		return rc;
	}
	rc = check_requirements(&cpu->caps);
	if (rc == VMX_START_OK)
		log_info("vmx: VMX ready");
	return rc;
}

/* CR4.VMXE may be cleared only outside VMX operation (24.8), so only after VMXOFF succeeded. */
void vmx_stop(struct vmx_cpu *cpu)
{
	if (cpu->vmcs_current)
		vmx_vmclear(cpu->vmcs.phys);
	cpu->vmcs_current = false;
	if (cpu->vmx_on) {
		enum vmx_status status = vmx_vmxoff();
		if (status != VMX_SUCCEED) {
			log_instruction_failure("VMXOFF", 0, status, "not in VMX root operation");
			return;
		}
		cpu->vmx_on = false;
		log_info("vmx: VMXOFF: left VMX operation");
	}
	write_cr4(read_cr4() & ~CR4_VMXE);
	vmx_region_destroy(&cpu->vmcs);
	vmx_region_destroy(&cpu->vmxon);
}

const char *vmx_start_result_text(enum vmx_start_result result)
{
	switch (result) {
	case VMX_START_OK:
		return "ok";
	case VMX_START_NO_VMX:
		return "VMX not supported by this CPU";
	case VMX_START_DISABLED_BY_FIRMWARE:
		return "VMX disabled by the firmware (enable VT-x in the firmware setup)";
	case VMX_START_CR_FIXED:
		return "CR0/CR4 cannot meet the VMX fixed bits";
	case VMX_START_NO_MEMORY:
		return "no memory for a VMX region";
	case VMX_START_VMXON_FAILED:
		return "VMXON failed";
	case VMX_START_VMCS_FAILED:
		return "VMCLEAR/VMPTRLD failed";
	case VMX_START_NO_EPT:
		return "EPT is not supported by this CPU";
	case VMX_START_NO_UNRESTRICTED_GUEST:
		return "unrestricted guest is not supported by this CPU";
	case VMX_START_NO_BITMAPS:
		return "I/O or MSR bitmaps are not supported by this CPU";
	}
	return "unknown VMX start result";
}
