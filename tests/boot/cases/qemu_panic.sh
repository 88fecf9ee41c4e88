# panic() prints its message, the registers at the call and a backtrace, then stops cleanly.
engine=qemu
cmdline="poweroff selftest=panic"
expect '^vmxhv: error: panic: selftest: panic on request$'
expect '^vmxhv: error:   called from 0x[0-9a-f]+, RSP 0x[0-9a-f]+, RBP 0x[0-9a-f]+, RFLAGS 0x[0-9a-f]+$'
expect '^vmxhv: error:   CR0 0x[0-9a-f]+ CR2 0x[0-9a-f]+ CR3 0x[0-9a-f]+ CR4 0x[0-9a-f]+$'
expect '^vmxhv: error:   #0 return address 0x[0-9a-f]+$'
expect '^vmxhv: error: stopping: kernel panic; powering off$'
reject 'VMX not supported'
