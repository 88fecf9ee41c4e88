# A bad option value stops the kernel with a message naming it (poweroff, given too, still holds).
engine=qemu
cmdline="poweroff guest_mem=12Q"
expect '^vmxhv: error: command line: guest_mem=12Q: not a size'
expect '^vmxhv: error: stopping: bad command line; powering off$'
reject 'VMX not supported'
