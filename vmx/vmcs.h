/*
 * VMCS access: reading and writing fields of the current VMCS.
 *
 * vmcs_read/vmcs_write are the seam: in the kernel they are VMREAD and VMWRITE on the current
 * VMCS, inline, because the exit path is made of them; in host unit tests they are functions
 * over an in-memory table (tests/unit/support/fake_vmcs.c), so exit handlers can be tested
 * without a CPU. Code above this header never knows which.
 *
 * A failed access is reported in one place (vmcs_report_failure: instruction, field name,
 * VM-instruction error text, caller address); callers need not check each access. A failed
 * read returns 0. Setup code that wants one verdict chains the bool-returning forms:
 *
 *	bool ok = true;
 *	ok &= vmcs_write32(VMCS_PIN_BASED_CONTROLS, pin);
 *	ok &= vmcs_write64(VMCS_EPT_POINTER, eptp);
 *	if (!ok) return -1;
 *
 * The typed forms (vmcs_read16/32/64/natural, vmcs_write16/32/64/natural) check the width
 * encoded in the field (bits 14:13) at build time whenever the field is a constant, so reading
 * VMCS_GUEST_RIP with vmcs_read16 does not compile. A field known only at run time is passed
 * through unchecked.
 */
#ifndef VMX_VMCS_H
#define VMX_VMCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vmx/vmcs_fields.h"

#ifdef VMXHV_HOST_TEST

/* The field's value (zero-extended), or 0 after a reported failure. */
uint64_t vmcs_read(uint32_t field);
/* Write the field (bits beyond its width are ignored, as VMWRITE does); failures are reported. */
void vmcs_write(uint32_t field, uint64_t value);

/* The same, returning false (after the report) when the instruction failed. */
bool vmcs_read_checked(uint32_t field, uint64_t *value);
bool vmcs_write_checked(uint32_t field, uint64_t value);

#else /* the kernel: VMREAD and VMWRITE inline, the failure report out of line */

#include "vmx/vmx_ops.h"

/*
 * Report a failed VMREAD/VMWRITE (vmx/vmcs.c). Cold and out of line, so the accessors below
 * stay one instruction and a not-taken branch on the exit path.
 */
__attribute__((cold, noinline)) void vmcs_access_failed(const char *instruction, uint32_t field,
							 const void *caller);

/* caller: the return address of the function that made the access. */
static inline bool vmcs_read_checked(uint32_t field, uint64_t *value)
{
	if (__builtin_expect(vmx_vmread(field, value), 1))
		return true;
	vmcs_access_failed("VMREAD", field, __builtin_return_address(0));
	return false;
}

static inline bool vmcs_write_checked(uint32_t field, uint64_t value)
{
	if (__builtin_expect(vmx_vmwrite(field, value), 1))
		return true;
	vmcs_access_failed("VMWRITE", field, __builtin_return_address(0));
	return false;
}

static inline uint64_t vmcs_read(uint32_t field)
{
	uint64_t value;

	vmcs_read_checked(field, &value);
	return value;
}

static inline void vmcs_write(uint32_t field, uint64_t value)
{
	vmcs_write_checked(field, value);
}

#endif

/*
 * The one place a failed VMREAD/VMWRITE is reported: one log line naming the instruction, the
 * field (by its vmcs_fields.h name when known, else its encoding), the VM-instruction error
 * (0 = VMfailInvalid, no current VMCS) in the SDM's words, and the caller's address.
 * Implemented in vmx/vmcs_report.c; used by vmx/vmcs.c and the host fake.
 */
void vmcs_report_failure(const char *instruction, uint32_t field, unsigned vm_instruction_error,
			 const void *caller);

/* The vmcs_fields.h name of field ("VMCS_GUEST_RIP"), or NULL for an encoding not listed. */
const char *vmcs_field_name(uint32_t field);
/* Every field vmcs_fields.h lists, in its order (for a VMCS dump): count, and the i-th. */
size_t vmcs_field_count(void);
uint32_t vmcs_field_at(size_t i);

/*
 * Build-time width check: true when field is not a constant (nothing to check), else whether its
 * width bits equal width. __builtin_choose_expr keeps the whole expression an integer constant.
 */
#define VMCS_WIDTH_MATCHES(field, width)                                                    \
	__builtin_choose_expr(__builtin_constant_p(field), VMCS_FIELD_WIDTH(field) == (width), 1)

#define VMCS_CHECK_WIDTH(field, width, name)                                                \
	_Static_assert(VMCS_WIDTH_MATCHES(field, width),                                    \
		       "VMCS field " name " accessed with the wrong width")

#define vmcs_read16(field)                                                                   \
	({ VMCS_CHECK_WIDTH(field, VMCS_FIELD_WIDTH_16, #field); (uint16_t)vmcs_read(field); })
#define vmcs_read32(field)                                                                   \
	({ VMCS_CHECK_WIDTH(field, VMCS_FIELD_WIDTH_32, #field); (uint32_t)vmcs_read(field); })
#define vmcs_read64(field)                                                                   \
	({ VMCS_CHECK_WIDTH(field, VMCS_FIELD_WIDTH_64, #field); (uint64_t)vmcs_read(field); })
#define vmcs_read_natural(field)                                                             \
	({ VMCS_CHECK_WIDTH(field, VMCS_FIELD_WIDTH_NATURAL, #field); (uint64_t)vmcs_read(field); })

/* Each typed write evaluates to true when the VMWRITE succeeded (for "ok &=" chains). */
#define vmcs_write16(field, value)                                                           \
	({ VMCS_CHECK_WIDTH(field, VMCS_FIELD_WIDTH_16, #field);                             \
	   vmcs_write_checked(field, (uint16_t)(value)); })
#define vmcs_write32(field, value)                                                           \
	({ VMCS_CHECK_WIDTH(field, VMCS_FIELD_WIDTH_32, #field);                             \
	   vmcs_write_checked(field, (uint32_t)(value)); })
#define vmcs_write64(field, value)                                                           \
	({ VMCS_CHECK_WIDTH(field, VMCS_FIELD_WIDTH_64, #field);                             \
	   vmcs_write_checked(field, (uint64_t)(value)); })
#define vmcs_write_natural(field, value)                                                     \
	({ VMCS_CHECK_WIDTH(field, VMCS_FIELD_WIDTH_NATURAL, #field);                        \
	   vmcs_write_checked(field, (uint64_t)(value)); })

#endif
