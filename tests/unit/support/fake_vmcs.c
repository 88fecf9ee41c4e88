/* An in-memory VMCS for host tests; see fake_vmcs.h. */
#include "tests/unit/support/fake_vmcs.h"
#include "kernel/log.h"

#include <string.h>

/* Encodings use bits 14:0 (SDM 25.11.2); the table covers all of them. */
#define FIELD_SPACE      0x8000u
#define VMXERR_UNSUPPORTED_COMPONENT 12 /* SDM 31.4 */
#define VMXERR_READ_ONLY_COMPONENT   13
#define ENCODING_RESERVED_BIT (1u << 12)

static uint64_t value[FIELD_SPACE];
static unsigned writes[FIELD_SPACE];
static unsigned armed_error[FIELD_SPACE];
static bool current_vmcs = true;
static unsigned failures;

/* A fresh, empty, current VMCS. */
void fake_vmcs_reset(void)
{
	memset(value, 0, sizeof(value));
	memset(writes, 0, sizeof(writes));
	memset(armed_error, 0, sizeof(armed_error));
	current_vmcs = true;
	failures = 0;
}

/* The value's bits that a field of this width keeps. */
static uint64_t width_mask(uint32_t field)
{
	switch (VMCS_FIELD_WIDTH(field)) {
	case VMCS_FIELD_WIDTH_16:
		return 0xFFFFull;
	case VMCS_FIELD_WIDTH_32:
		return 0xFFFFFFFFull;
	default:
		return ~0ull;
	}
}

/* A well-formed encoding: within 14:0, bit 12 clear, "high" access only for 64-bit fields. */
static bool encoding_valid(uint32_t field)
{
	if (field >= FIELD_SPACE || (field & ENCODING_RESERVED_BIT))
		return false;
	if ((field & VMCS_FIELD_ACCESS_HIGH) && VMCS_FIELD_WIDTH(field) != VMCS_FIELD_WIDTH_64)
		return false;
	return true;
}

/* The error an access to field would end with: 0 (none), or an SDM error number. */
static unsigned access_error(uint32_t field, bool is_write)
{
	if (!encoding_valid(field))
		return VMXERR_UNSUPPORTED_COMPONENT;
	if (armed_error[field])
		return armed_error[field];
	if (is_write && VMCS_FIELD_TYPE(field) == VMCS_FIELD_TYPE_EXIT_INFO)
		return VMXERR_READ_ONLY_COMPONENT;
	return 0;
}

/* The fake's failure report: the same shape as vmx/vmcs_report.c, without its name table. */
static bool check_access(const char *instruction, uint32_t field, bool is_write, const void *caller)
{
	unsigned error = current_vmcs ? access_error(field, is_write) : 0;

	if (current_vmcs && error == 0)
		return true;
	failures++;
	log_error("vmx: %s field 0x%04x failed: %s (VM-instruction error %u), caller 0x%llx",
		  instruction, field, current_vmcs ? "fake VMfailValid" : "VMfailInvalid (no current VMCS)",
		  error, (unsigned long long)(uintptr_t)caller);
	return false;
}

/* Reads and writes of the "high" encoding of a 64-bit field see its upper 32 bits. */
static uint64_t load(uint32_t field)
{
	if (field & VMCS_FIELD_ACCESS_HIGH)
		return value[field & ~VMCS_FIELD_ACCESS_HIGH] >> 32;
	return value[field];
}

static void store(uint32_t field, uint64_t v)
{
	if (field & VMCS_FIELD_ACCESS_HIGH) {
		uint32_t full = field & ~VMCS_FIELD_ACCESS_HIGH;
		value[full] = (value[full] & 0xFFFFFFFFull) | ((v & 0xFFFFFFFFull) << 32);
		return;
	}
	value[field] = v & width_mask(field);
}

/* VMREAD: 0 and a report on failure, like vmx/vmcs.c. */
static bool read_at(uint32_t field, uint64_t *v, const void *caller)
{
	if (!check_access("VMREAD", field, false, caller)) {
		*v = 0;
		return false;
	}
	*v = load(field);
	return true;
}

/* VMWRITE: stored (and counted) only when the access is allowed. */
static bool write_at(uint32_t field, uint64_t v, const void *caller)
{
	if (!check_access("VMWRITE", field, true, caller))
		return false;
	store(field, v);
	writes[field]++;
	return true;
}

uint64_t vmcs_read(uint32_t field)
{
	uint64_t v;
	read_at(field, &v, __builtin_return_address(0));
	return v;
}

void vmcs_write(uint32_t field, uint64_t v) { write_at(field, v, __builtin_return_address(0)); }

bool vmcs_read_checked(uint32_t field, uint64_t *v)
{
	return read_at(field, v, __builtin_return_address(0));
}

bool vmcs_write_checked(uint32_t field, uint64_t v)
{
	return write_at(field, v, __builtin_return_address(0));
}

uint64_t fake_vmcs_get(uint32_t field) { return encoding_valid(field) ? load(field) : 0; }

void fake_vmcs_set(uint32_t field, uint64_t v)
{
	if (encoding_valid(field))
		store(field, v);
}

bool fake_vmcs_written(uint32_t field) { return field < FIELD_SPACE && writes[field] > 0; }
unsigned fake_vmcs_write_count(uint32_t field) { return field < FIELD_SPACE ? writes[field] : 0; }

void fake_vmcs_fail_field(uint32_t field, unsigned vm_instruction_error)
{
	if (field < FIELD_SPACE)
		armed_error[field] = vm_instruction_error;
}

void fake_vmcs_set_current(bool present) { current_vmcs = present; }
unsigned fake_vmcs_failure_count(void) { return failures; }
