/*
 * I/O instruction exits (the I/O bitmaps intercept every port). The exit qualification
 * (SDM Vol. 3, 28.2.1, Table "Exit Qualification for I/O Instructions") gives size, direction,
 * string and REP, and the port; the bus (devices/io_bus.h) carries the access out.
 *
 * IN and OUT: one io_request. IN writes AL or AX and keeps the rest of RAX; IN to EAX
 * zero-extends into RAX, as every 32-bit register write does in 64-bit mode.
 *
 * INS and OUTS: the memory side is the guest's, by linear address: ES:[RDI] for INS,
 * seg:[RSI] for OUTS (DS unless overridden). The address size and OUTS's segment come from the
 * VM-exit instruction-information field when IA32_VMX_BASIC[54] says it is filled in; else the
 * address size is CS's (64-bit code: 64, CS.D: 32, else 16) and OUTS uses DS, which misses
 * address-size and segment prefixes. A REP form runs for RCX elements (masked to the address
 * size) in one exit, but at most IO_STRING_MAX_ELEMENTS: then RSI/RDI and RCX say how far it
 * got and RIP stays on the instruction, so the guest executes it again for the rest, as a CPU
 * may when it takes an interrupt mid-REP. Elements move between guest RAM and the bus a page at
 * a time (DF = 0) or one by one (DF = 1). A page that is not mapped raises #PF in the guest
 * with the progress kept, as the CPU would; memory outside guest RAM ends the guest. Segment
 * limits and canonical addresses are not checked.
 */
#include "vmx/exit_handlers.h"

#include "devices/io_bus.h"
#include "kernel/msr_index.h"
#include "vmx/caps.h"
#include "vmx/event_injection.h"
#include "vmx/guest_paging.h"
#include "vmx/vmcs.h"

/* Exit qualification for I/O instructions. */
#define IO_QUAL_SIZE_MASK   0x7u       /* bits 2:0: access size - 1 (0, 1 or 3) */
#define IO_QUAL_IN          (1u << 3)  /* direction: 1 = IN */
#define IO_QUAL_STRING      (1u << 4)
#define IO_QUAL_REP         (1u << 5)
#define IO_QUAL_IMMEDIATE   (1u << 6)  /* operand encoding: port in the instruction, not DX */
#define IO_QUAL_PORT_SHIFT  16         /* bits 31:16 */

/* VM-exit instruction information for INS and OUTS (SDM Vol. 3, Table 28-8). */
#define IO_INFO_ADDRESS_SIZE_SHIFT 7   /* bits 9:7: 0 16-bit, 1 32-bit, 2 64-bit */
#define IO_INFO_SEGMENT_SHIFT      15  /* bits 17:15: ES CS SS DS FS GS (OUTS only) */
#define IO_INFO_FIELD_MASK         0x7u

#define ADDRESS_SIZE_16 0
#define ADDRESS_SIZE_32 1
#define ADDRESS_SIZE_64 2

#define SEGMENT_ES 0
#define SEGMENT_DS 3
#define SEGMENT_FS 4
#define SEGMENT_GS 5

#define PAGE_SIZE 4096u

/* The most elements one exit moves for a REP INS/OUTS before letting the guest run again. */
#define IO_STRING_MAX_ELEMENTS 4096u

static const uint32_t segment_base_field[6] = {
	VMCS_GUEST_ES_BASE, VMCS_GUEST_CS_BASE, VMCS_GUEST_SS_BASE,
	VMCS_GUEST_DS_BASE, VMCS_GUEST_FS_BASE, VMCS_GUEST_GS_BASE,
};

/* A device asked for the guest to end during this exit: say so in vcpu->end. */
static enum exit_action device_ended_guest(struct vcpu *vcpu)
{
	const struct guest_end *end = &vcpu->io->end;
	const char *reason = end->reason ? end->reason : "a device ended the guest";

	if (end->cause == GUEST_END_EXIT_STATUS) {
		vcpu->exit_status = end->status;
		return exit_end_guest(vcpu, VCPU_END_EXIT_STATUS, "%s (status %d)", reason,
				      end->status);
	}
	return exit_end_guest(vcpu, VCPU_END_RESET, "%s; vmxhv ends the guest instead", reason);
}

/* The bits of RAX an IN of each size (1, 2, 4) keeps: see above. */
static const uint64_t in_keeps[5] = {
	[1] = ~0xFFull,
	[2] = ~0xFFFFull,
	[4] = 0,
};

/* IN or OUT: one request on the bus. */
static enum exit_action port_io(struct vcpu *vcpu, uint16_t port, uint8_t size, bool in)
{
	/* OUT sends AL, AX or EAX: the bus keeps only size bytes of value. */
	struct io_request req = { .port = port, .size = size, .write = !in,
				  .value = (uint32_t)vcpu->regs.rax };

	io_bus_dispatch(vcpu->io, &req);
	if (in)
		vcpu->regs.rax = (vcpu->regs.rax & in_keeps[size]) | req.value;
	if (vcpu->io->end.requested)
		return device_ended_guest(vcpu);
	skip_instruction(vcpu);
	return EXIT_RESUME;
}

/* One INS or OUTS, decoded. */
struct string_io {
	struct guest_paging paging;
	uint16_t port;
	uint8_t size;
	bool in;          /* INS: the bus fills guest memory */
	bool down;        /* RFLAGS.DF: addresses decrease */
	bool mode64;      /* 64-bit code: no wrap at 4 GiB */
	unsigned address_size;
	uint64_t address_mask;
	uint64_t base;    /* segment base */
};

/* Store value into a register as a string instruction of this address size updates it. */
static uint64_t update_register(uint64_t old, uint64_t value, unsigned address_size)
{
	switch (address_size) {
	case ADDRESS_SIZE_16:
		return (old & ~0xFFFFull) | (value & 0xFFFF);
	case ADDRESS_SIZE_32:
		return value & 0xFFFFFFFFull; /* a 32-bit register write zero-extends */
	default:
		return value;
	}
}

static uint64_t linear_of(const struct string_io *op, uint64_t offset)
{
	uint64_t linear = op->base + (offset & op->address_mask);
	return op->mode64 ? linear : linear & 0xFFFFFFFFull;
}

/* How many elements, from offset in the direction of travel, lie in one page without wrap. */
static uint64_t run_length(const struct string_io *op, uint64_t offset, uint64_t left)
{
	uint64_t linear = linear_of(op, offset);
	uint64_t in_page = linear & (PAGE_SIZE - 1);
	uint64_t room;

	offset &= op->address_mask;
	if (!op->down) {
		room = (PAGE_SIZE - in_page) / op->size;
		if (op->address_size != ADDRESS_SIZE_64) {
			uint64_t before_wrap = (op->address_mask - offset + 1) / op->size;
			room = room < before_wrap ? room : before_wrap;
		}
	} else {
		room = in_page + op->size <= PAGE_SIZE ? in_page / op->size + 1 : 0;
		if (op->address_size != ADDRESS_SIZE_64) {
			uint64_t before_wrap = offset / op->size + 1;
			room = room < before_wrap ? room : before_wrap;
		}
	}
	return room < left ? room : left;
}

/* Why a transfer stopped early. */
enum transfer_stop { TRANSFER_DONE, TRANSFER_FAULTED, TRANSFER_ENDED };

/*
 * The host pointer for guest linear address linear, for an access by op; on failure the
 * fault has been injected or the guest ended (*stop says which) and NULL is returned.
 */
static uint8_t *guest_pointer(struct vcpu *vcpu, const struct string_io *op, uint64_t linear,
			      enum transfer_stop *stop)
{
	uint64_t gpa, contiguous;
	uint32_t pf_error = 0;
	int status = guest_paging_translate(&op->paging, linear, op->in, &gpa, &pf_error);

	if (status == GUEST_PAGING_PAGE_FAULT) {
		vcpu->regs.cr2 = linear;
		inject_exception(vcpu, EXCEPTION_PF, true, pf_error);
		*stop = TRANSFER_FAULTED;
		return NULL;
	}
	const char *insn = op->in ? "INS" : "OUTS";
	if (status != GUEST_PAGING_OK) {
		exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			       "%s at port 0x%x: linear 0x%lx does not translate: %s (RIP 0x%lx)",
			       insn, op->port, linear, guest_paging_status_text(status),
			       vmcs_read_natural(VMCS_GUEST_RIP));
		*stop = TRANSFER_ENDED;
		return NULL;
	}
	uint8_t *p = guest_ram_ptr(vcpu->ram, gpa, &contiguous);
	if (p == NULL) {
		exit_end_guest(vcpu, VCPU_END_GUEST_FAULT,
			       "%s at port 0x%x %s guest-physical 0x%lx outside its RAM "
			       "(linear 0x%lx, RIP 0x%lx)",
			       insn, op->port, op->in ? "wrote" : "read", gpa, linear,
			       vmcs_read_natural(VMCS_GUEST_RIP));
		*stop = TRANSFER_ENDED;
		return NULL;
	}
	return p;
}

/* One element that crosses a page boundary: byte by byte through a bounce buffer. */
static uint32_t transfer_split(struct vcpu *vcpu, const struct string_io *op, uint64_t linear,
			       enum transfer_stop *stop)
{
	uint8_t *bytes[4];
	uint8_t element[4];

	for (uint8_t i = 0; i < op->size; i++) {
		uint64_t at = op->mode64 ? linear + i : (linear + i) & 0xFFFFFFFFull;
		bytes[i] = guest_pointer(vcpu, op, at, stop);
		if (bytes[i] == NULL)
			return 0;
		element[i] = *bytes[i];
	}
	if (io_bus_dispatch_string(vcpu->io, op->port, op->size, !op->in, element, 1) == 0)
		return 0;
	if (op->in)
		for (uint8_t i = 0; i < op->size; i++)
			*bytes[i] = element[i];
	return 1;
}

/* count elements (count >= 1) that lie in one page, starting at linear. */
static uint32_t transfer_run(struct vcpu *vcpu, const struct string_io *op, uint64_t linear,
			     uint32_t count, enum transfer_stop *stop)
{
	uint8_t *p = guest_pointer(vcpu, op, linear, stop);

	if (p == NULL)
		return 0;
	if (!op->down)
		return io_bus_dispatch_string(vcpu->io, op->port, op->size, !op->in, p, count);
	uint32_t done = 0;
	while (done < count &&
	       io_bus_dispatch_string(vcpu->io, op->port, op->size, !op->in, p - done * op->size, 1))
		done++;
	return done;
}

/* INS or OUTS. Out of line: it is rare, and its frame would weigh on IN and OUT. */
__attribute__((noinline)) static enum exit_action string_io(struct vcpu *vcpu,
							    uint64_t qualification,
							    uint16_t port, uint8_t size, bool in)
{
	struct string_io op = { .port = port, .size = size, .in = in };
	uint32_t cs = vmcs_read32(VMCS_GUEST_CS_ACCESS_RIGHTS);
	unsigned segment = in ? SEGMENT_ES : SEGMENT_DS;

	/* As guest_in_64bit_mode, with CS already read: CS.L counts only in IA-32e mode. */
	op.mode64 = (cs & SEGMENT_AR_L) && (vmcs_read64(VMCS_GUEST_IA32_EFER) & EFER_LMA);
	if (vcpu->caps != NULL && vcpu->caps->ins_outs_info) {
		uint32_t info = vmcs_read32(VMCS_VM_EXIT_INSTRUCTION_INFORMATION);
		op.address_size = (info >> IO_INFO_ADDRESS_SIZE_SHIFT) & IO_INFO_FIELD_MASK;
		if (!in && ((info >> IO_INFO_SEGMENT_SHIFT) & IO_INFO_FIELD_MASK) <= SEGMENT_GS)
			segment = (info >> IO_INFO_SEGMENT_SHIFT) & IO_INFO_FIELD_MASK;
	} else {
		op.address_size = op.mode64 ? ADDRESS_SIZE_64
					    : (cs & SEGMENT_AR_DB) ? ADDRESS_SIZE_32 : ADDRESS_SIZE_16;
	}
	op.address_mask = op.address_size == ADDRESS_SIZE_16   ? 0xFFFFull
			  : op.address_size == ADDRESS_SIZE_32 ? 0xFFFFFFFFull
							       : ~0ull;
	/* In 64-bit mode only FS and GS have a base (SDM Vol. 1, 3.4.2.1). */
	if (!op.mode64 || segment == SEGMENT_FS || segment == SEGMENT_GS)
		op.base = vmcs_read_natural(segment_base_field[segment]);

	bool rep = qualification & IO_QUAL_REP;
	uint64_t count = rep ? vcpu->regs.rcx & op.address_mask : 1;
	if (count == 0) {
		skip_instruction(vcpu);
		return EXIT_RESUME;
	}
	op.down = (vmcs_read_natural(VMCS_GUEST_RFLAGS) & RFLAGS_DF) != 0;
	guest_paging_load(vcpu, &op.paging);

	uint64_t *index = in ? &vcpu->regs.rdi : &vcpu->regs.rsi;
	uint64_t offset = *index;
	uint64_t batch = count < IO_STRING_MAX_ELEMENTS ? count : IO_STRING_MAX_ELEMENTS;
	uint64_t done = 0;
	enum transfer_stop stop = TRANSFER_DONE;

	while (done < batch && stop == TRANSFER_DONE && !vcpu->io->end.requested) {
		uint64_t linear = linear_of(&op, offset);
		uint64_t run = run_length(&op, offset, batch - done);
		uint32_t moved = run == 0 ? transfer_split(vcpu, &op, linear, &stop)
					  : transfer_run(vcpu, &op, linear, (uint32_t)run, &stop);
		done += moved;
		offset = op.down ? offset - moved * size : offset + moved * size;
		if (run != 0 && moved < run)
			break;
	}

	if (done > 0) { /* as on the CPU, registers change only when an element moved */
		*index = update_register(*index, offset, op.address_size);
		if (rep)
			vcpu->regs.rcx = update_register(vcpu->regs.rcx, count - done, op.address_size);
	}

	if (stop == TRANSFER_ENDED)
		return EXIT_END;
	if (vcpu->io->end.requested)
		return device_ended_guest(vcpu);
	if (stop == TRANSFER_FAULTED || done < count)
		return EXIT_RESUME; /* RIP stays: #PF delivered, or the REP continues */
	skip_instruction(vcpu);
	return EXIT_RESUME;
}

enum exit_action exit_handle_io(struct vcpu *vcpu, uint32_t exit_reason)
{
	(void)exit_reason;
	uint64_t qualification = vmcs_read_natural(VMCS_EXIT_QUALIFICATION);
	uint8_t size = (uint8_t)((qualification & IO_QUAL_SIZE_MASK) + 1);
	uint16_t port = (uint16_t)(qualification >> IO_QUAL_PORT_SHIFT);
	bool in = qualification & IO_QUAL_IN;

	if (qualification & IO_QUAL_STRING)
		return string_io(vcpu, qualification, port, size, in);
	return port_io(vcpu, port, size, in);
}
