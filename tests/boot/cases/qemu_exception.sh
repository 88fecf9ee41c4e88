# A CPU exception in the kernel (selftest=page_fault reads through NULL: page 0 is unmapped) is
# reported with its vector, error code, RIP, CR2 and the registers, and the kernel stops cleanly.
engine=qemu
cmdline="poweroff selftest=page_fault"
expect '^vmxhv: selftest: reading through a NULL pointer$'
expect '^vmxhv: error: exception #PF page fault \(vector 14\), error code 0x0, at RIP 0x[0-9a-f]+, CR2 0x0$'
expect '^vmxhv: error:   RAX 0x[0-9a-f]{16} RBX 0x[0-9a-f]{16} RCX 0x[0-9a-f]{16} RDX 0x[0-9a-f]{16}$'
expect '^vmxhv: error:   R12 0x[0-9a-f]{16} R13'
expect '^vmxhv: error: stopping: CPU exception in the hypervisor; powering off$'
reject 'VMX not supported'
