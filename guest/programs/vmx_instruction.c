/*
 * vmx_instruction: executes VMX instructions. The hypervisor hides VMX and must answer each
 * with #UD in the guest (VMCALL excepted: it is the hypercall). Our own #UD handler catches
 * them; the guest reports each. Exits 0 when every attempt faulted as expected, else 1.
 * A bare CPU without VMX operation behaves the same, so the result is the same under QEMU.
 *
 * With cr4_vmxe=1 on the command line it also tries to set CR4.VMXE, which must raise #GP on a
 * CPU whose CPUID says "no VMX" (SDM Vol. 3, 2.5: reserved CR4 bits), so a guest cannot see
 * VMX by that door either. Opt-in because QEMU 7.2 TCG does not raise #GP there: it loops on
 * the MOV to CR4 forever.
 */
#include "lib/check.h"
#include "lib/cmdline.h"
#include "lib/entry.h"
#include "lib/fault.h"
#include "lib/printf.h"
#include "lib/x86.h"

#define VMCS_GUEST_RIP 0x681Eu /* any field will do; this one is easy to recognise */
#define CR4_VMXE       (1u << 13)

/* Our VMXON region, if a hypervisor ever let VMXON through: 4 KiB aligned, revision left 0. */
static uint8_t vmxon_region[4096] __attribute__((aligned(4096)));

static void expect_ud(const char *insn, int vector)
{
	if (vector == VEC_UD)
		printf("guest: %s raised #UD\n", insn);
	else if (vector == FAULT_NONE)
		fail("%s completed, expected #UD", insn);
	else
		fail("%s raised %s, expected #UD", insn, exception_name((uint32_t)vector));
}

/* Setting CR4.VMXE must raise #GP while CPUID reports no VMX. */
static void try_set_cr4_vmxe(void)
{
	uint32_t cr4 = read_cr4();
	int v = try_write_cr4(cr4 | CR4_VMXE);
	if (v == VEC_GP) {
		printf("guest: setting CR4.VMXE raised #GP\n");
	} else if (v == FAULT_NONE) {
		fail("setting CR4.VMXE succeeded (CR4 now 0x%08x), expected #GP", read_cr4());
		try_write_cr4(cr4);
	} else {
		fail("setting CR4.VMXE raised %s, expected #GP", exception_name((uint32_t)v));
	}
}

int guest_main(uint32_t magic, const struct multiboot_info *info)
{
	(void)magic;
	uint32_t value = 0, want_cr4_test = 0;

	expect_ud("vmread", try_vmread(VMCS_GUEST_RIP, &value));
	expect_ud("vmwrite", try_vmwrite(VMCS_GUEST_RIP, 0));
	expect_ud("vmxon", try_vmxon((uint32_t)vmxon_region));
	if (cmdline_u32(cmdline_of(info), "cr4_vmxe", &want_cr4_test) && want_cr4_test)
		try_set_cr4_vmxe();
	return check_status();
}
