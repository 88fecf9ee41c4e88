# A kernel stack overflow hits the unmapped guard page below the boot stack; the page fault
# cannot be delivered on that stack, so the CPU raises a double fault, which has a stack of
# its own (IST1): it is reported and the kernel stops, instead of overwriting the page tables.
engine=qemu
cmdline="poweroff selftest=stack_overflow"
expect '^vmxhv: selftest: recursing until the boot stack overflows$'
expect '^vmxhv: error: exception #DF double fault \(vector 8\), error code 0x0, at RIP 0x[0-9a-f]+, CR2 0x[0-9a-f]+$'
expect '^vmxhv: error: stopping: CPU exception in the hypervisor; powering off$'
reject 'VMX not supported'
