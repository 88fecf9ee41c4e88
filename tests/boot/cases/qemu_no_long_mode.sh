# A 32-bit CPU: the boot code says the CPU has no long mode, on the serial port, and halts.
engine=qemu
cpu=qemu32
until='stopping:'
timeout=30
expect '^vmxhv: error: this CPU has no long mode \(x86-64\)'
expect '^vmxhv: stopping: fatal error before the kernel started; halted$'
reject 'vmxhv [0-9.]+: a micro-hypervisor'
