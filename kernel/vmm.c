/*
 * Running the guest, step by step: find the guest module, turn VMX on, give the guest its RAM
 * and load it there, build the VM's structures (EPT, I/O and MSR bitmaps, devices, VMCS), run
 * it, and report how it ended. Each step that fails says what and why, and the kernel stops
 * cleanly; nothing a guest does can stop the hypervisor from reporting.
 */
#include "kernel/vmm.h"
#include "devices/platform.h"
#include "drivers/i8259.h"
#include "drivers/pit8254.h"
#include "devices/uart_console_backend.h"
#include "kernel/cpu.h"
#include "kernel/log.h"
#include "loader/guest_loader.h"
#include "mm/guest_ram.h"
#include "vmx/ept.h"
#include "vmx/ept_pointer.h"
#include "vmx/exit_report.h"
#include "vmx/guest_timeout.h"
#include "vmx/io_bitmap.h"
#include "vmx/msr_emulation.h"
#include "vmx/msr_bitmap.h"
#include "vmx/vcpu_run.h"
#include "vmx/vmcs.h"
#include "vmx/vmcs_setup.h"
#include "vmx/vmx_on.h"

#define MIB       (1ull << 20)

extern uint64_t boot_tsc; /* boot/entry.asm: the TSC at the kernel's second instruction */
#define GUEST_VPID 1

/* Everything one VM owns. Static: the platform alone is several KiB. */
static struct vm {
	struct vmx_cpu cpu;
	struct guest_ram ram;
	struct ept ept;
	struct io_bitmap io_bitmap;
	struct msr_bitmap msr_bitmap;
	struct platform platform;
	struct vcpu vcpu;
	struct guest_boot_state boot;
} vm;

static const struct mb2_module *find_guest_module(const struct mb2_info *info)
{
	if (info->module_count == 0) {
		log_error("no guest module: add 'module2 /boot/guest.elf ARGS' to the GRUB menu entry");
		return NULL;
	}
	if (info->module_count > 1)
		log_warn("%zu modules given; the first is the guest, the others are ignored",
			 info->module_count);
	return &info->modules[0];
}

static int create_guest_ram(uint64_t size)
{
	if (guest_ram_create(&vm.ram, size) != 0) {
		log_error("cannot allocate %llu MiB of guest RAM in 2 MiB blocks; lower guest_mem=",
			  (unsigned long long)(size / MIB));
		return -1;
	}
	log_info("guest RAM: %llu MiB at guest-physical 0x0", (unsigned long long)(size / MIB));
	return 0;
}

static int load_guest(const struct mb2_module *module)
{
	char error[200];
	const void *image = phys_to_virt(module->start);

	if (guest_load(image, module->end - module->start, module->string, &vm.ram, &vm.boot,
		       error, sizeof(error)) != 0) {
		log_error("%s", error);
		return -1;
	}
	log_info("guest loaded: entry 0x%llx, command line '%s'", (unsigned long long)vm.boot.rip,
		 module->string);
	return 0;
}

/* Guest RAM, and nothing else, through EPT: read, write, execute, write-back. */
static int map_guest_ram(void)
{
	if (ept_create(&vm.ept, &vm.cpu.caps) != 0) {
		log_error("ept: out of memory for the EPT PML4");
		return -1;
	}
	for (uint64_t i = 0; i < vm.ram.chunk_count; i++) {
		int error = ept_map(&vm.ept, i * GUEST_RAM_CHUNK_SIZE, vm.ram.chunks[i],
				    GUEST_RAM_CHUNK_SIZE, EPT_READ | EPT_WRITE | EPT_EXECUTE,
				    EPT_MEMTYPE_WB);
		if (error) {
			log_error("ept: mapping guest RAM chunk %llu: %s", (unsigned long long)i,
				  ept_error_text(error));
			return -1;
		}
	}
	return 0;
}

/* Every port and every MSR exits: the guest reaches no real device or MSR directly. */
static int create_bitmaps(void)
{
	if (io_bitmap_create(&vm.io_bitmap, IO_BITMAP_INTERCEPT_ALL) != 0 ||
	    msr_bitmap_create(&vm.msr_bitmap, MSR_BITMAP_INTERCEPT_ALL) != 0) {
		log_error("out of memory for the I/O and MSR bitmaps");
		return -1;
	}
	return 0;
}

/*
 * guest_timeout=: the budget in VMX-preemption-timer ticks, from the TSC's rate measured
 * against the PIT. 0 when there is no limit; -1 (after saying why) when there cannot be one.
 */
static int64_t guest_timeout_budget(unsigned seconds)
{
	if (seconds == 0)
		return 0;
	if (!vmx_caps_has_preemption_timer(&vm.cpu.caps)) {
		log_error("guest_timeout needs the VMX-preemption timer, which this CPU lacks");
		return -1;
	}
	uint64_t tsc_hz = pit8254_measure_tsc_hz();
	if (tsc_hz == 0) {
		log_error("guest_timeout: the PIT never finished counting; cannot measure time");
		return -1;
	}
	log_info("guest time limit: %u s (TSC %llu kHz, measured against the PIT)", seconds,
		 (unsigned long long)(tsc_hz / 1000));
	return (int64_t)guest_timeout_ticks(tsc_hz, vmx_caps_preemption_timer_rate(&vm.cpu.caps),
					    seconds);
}

static int setup_vcpu(unsigned timeout_seconds)
{
	int64_t timeout_ticks = guest_timeout_budget(timeout_seconds);
	struct vmcs_config config = {
		.io_bitmap_a = vm.io_bitmap.a,
		.io_bitmap_b = vm.io_bitmap.b,
		.msr_bitmap = vm.msr_bitmap.frame,
		.vpid = GUEST_VPID,
		.preemption_timer = timeout_ticks > 0,
	};

	if (timeout_ticks < 0)
		return -1;
	if (ept_pointer_build(&vm.cpu.caps, vm.ept.pml4, false, &config.eptp) != EPT_POINTER_OK) {
		log_error("ept: this CPU cannot use our EPT tables (see the EPT capabilities above)");
		return -1;
	}
	vm.vcpu.caps = &vm.cpu.caps;
	vm.vcpu.ram = &vm.ram;
	vm.vcpu.io = &vm.platform.bus;
	if (vmcs_setup(&vm.vcpu, &config, &vm.boot) != 0) {
		log_error("could not set up the VMCS for the guest");
		return -1;
	}
	msr_emulation_init(&vm.vcpu);
	if (timeout_ticks > 0)
		guest_timeout_start(&vm.vcpu, (uint64_t)timeout_ticks, timeout_seconds);
	return 0;
}

static int prepare_guest(const struct mb2_module *module, const struct cmdline_options *options)
{
	if (create_guest_ram(options->guest_mem) != 0 || load_guest(module) != 0 ||
	    map_guest_ram() != 0 || create_bitmaps() != 0)
		return -1;
	if (platform_init(&vm.platform, &uart_console_backend) != 0)
		return -1;
	return setup_vcpu(options->guest_timeout);
}

/*
 * selftest=bad_guest_state / bad_control: make VM entry fail, to show its report.
 * selftest=host_timer: open the host's timer line (the BIOS left the PIT ticking), to show
 * that its interrupts exit and never reach the guest.
 */
static void prepare_selftest(enum cmdline_selftest test)
{
	switch (test) {
	case CMDLINE_SELFTEST_HOST_TIMER:
		log_info("selftest: unmasking the host's timer interrupt (IRQ 0) while the guest runs");
		i8259_unmask_master_irq(0);
		break;
	case CMDLINE_SELFTEST_BAD_GUEST_STATE:
		log_info("selftest: clearing guest RFLAGS bit 1, which must be 1 (SDM 27.3.1.4)");
		vmcs_write_natural(VMCS_GUEST_RFLAGS, 0);
		break;
	case CMDLINE_SELFTEST_BAD_CONTROL:
		log_info("selftest: asking for 255 CR3-target values (SDM 27.2.1.1 allows at most 4)");
		vmcs_write32(VMCS_CR3_TARGET_COUNT, 255);
		break;
	default:
		break;
	}
}

/* Launch the prepared guest, run it to its end, report. */
static enum stop_status run_guest(const struct cmdline_options *options)
{
	prepare_selftest(options->selftest);
	log_info("launching the guest (GRUB handed over at TSC %llu)", (unsigned long long)boot_tsc);
	vcpu_run(&vm.vcpu);
	exit_report_guest_end(&vm.vcpu);
	exit_report_statistics(&vm.vcpu);
	return vm.vcpu.end == VCPU_END_EXIT_STATUS ? STOP_SUCCESS : STOP_FAILURE;
}

enum stop_status vmm_run(const struct mb2_info *info, const struct cmdline_options *options)
{
	const struct mb2_module *module = find_guest_module(info);
	enum stop_status status = STOP_FAILURE;

	if (vmx_start(&vm.cpu) == VMX_START_OK && module &&
	    prepare_guest(module, options) == 0)
		status = run_guest(options);
	/* Whatever happened, leave VMX operation: in it, INIT (and so a reset) is blocked. */
	vmx_stop(&vm.cpu);
	return status;
}
