# QEMU TCG (no VMX): the kernel boots, reads GRUB's memory map, counts its frames, and reports
# that this CPU has no VMX, then powers off.
engine=qemu
megs=256
cmdline="poweroff frobnicate"
expect '^vmxhv: vmxhv [0-9]+\.[0-9]+: a micro-hypervisor for Intel VT-x$'
expect '^vmxhv: boot loader: GRUB 2\.[0-9]+'
expect '^vmxhv: memory map: [0-9]+ regions$'
expect '^vmxhv:   \[0x0000000000100000-0x000000000[0-9a-f]{7}\] available$'
expect '^vmxhv: frames: [0-9]+ usable \((2[0-4][0-9]|25[0-5]) MiB\)'
expect 'VMX not supported by this CPU'
expect '^vmxhv: error: stopping: .*; powering off$'
expect "^vmxhv: warning: unknown command-line option 'frobnicate'$"
reject 'panic|exception'
