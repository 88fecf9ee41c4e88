/* A recording host_cpu for tests; see fake_host_cpu.h. */
#include "tests/unit/support/fake_host_cpu.h"

#include <stddef.h>

#define MAX_MSRS 32

static struct {
	uint32_t msr;
	uint64_t value;
} msrs[MAX_MSRS];
static size_t msr_count;
static unsigned msr_writes;
static uint64_t tsc;
static uint64_t xcr0 = 1;
static unsigned xsetbvs;

static unsigned interrupts_done;
static uint8_t last_interrupt_vector;

static unsigned invvpid_single, invvpid_all;
static uint16_t invvpid_single_vpid;

void fake_host_cpu_reset(void)
{
	interrupts_done = 0;
	last_interrupt_vector = 0;
	msr_count = 0;
	msr_writes = 0;
	tsc = 0;
	xcr0 = 1;
	xsetbvs = 0;
	invvpid_single = 0;
	invvpid_all = 0;
	invvpid_single_vpid = 0;
}

void fake_host_cpu_set_tsc(uint64_t value) { tsc = value; }
uint64_t host_rdtsc(void) { return tsc; }

void fake_host_msr_set(uint32_t msr, uint64_t value)
{
	for (size_t i = 0; i < msr_count; i++) {
		if (msrs[i].msr == msr) {
			msrs[i].value = value;
			return;
		}
	}
	if (msr_count < MAX_MSRS) {
		msrs[msr_count].msr = msr;
		msrs[msr_count].value = value;
		msr_count++;
	}
}

void host_msr_write(uint32_t msr, uint64_t value)
{
	msr_writes++;
	fake_host_msr_set(msr, value);
}

uint64_t host_msr_read(uint32_t msr)
{
	return fake_host_msr(msr);
}

uint64_t fake_host_msr(uint32_t msr)
{
	for (size_t i = 0; i < msr_count; i++)
		if (msrs[i].msr == msr)
			return msrs[i].value;
	return 0;
}

bool fake_host_msr_written(uint32_t msr)
{
	for (size_t i = 0; i < msr_count; i++)
		if (msrs[i].msr == msr)
			return true;
	return false;
}

unsigned fake_host_msr_write_count(void) { return msr_writes; }

void host_xsetbv(uint32_t xcr, uint64_t value)
{
	xsetbvs++;
	if (xcr == 0)
		xcr0 = value;
}

uint64_t fake_host_xcr0(void) { return xcr0; }
unsigned fake_host_xsetbv_count(void) { return xsetbvs; }

void host_invvpid_single_context(uint16_t vpid)
{
	invvpid_single++;
	invvpid_single_vpid = vpid;
}

void host_invvpid_all_context(void) { invvpid_all++; }

unsigned fake_host_invvpid_single_count(void) { return invvpid_single; }
uint16_t fake_host_invvpid_single_vpid(void) { return invvpid_single_vpid; }
unsigned fake_host_invvpid_all_count(void) { return invvpid_all; }

void host_interrupt_done(uint8_t vector)
{
	interrupts_done++;
	last_interrupt_vector = vector;
}

unsigned fake_host_interrupt_done_count(void) { return interrupts_done; }
uint8_t fake_host_interrupt_done_vector(void) { return last_interrupt_vector; }
