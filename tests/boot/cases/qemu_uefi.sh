# The hybrid ISO boots under UEFI (QEMU with OVMF): GRUB's EFI build hands over a memory map
# the kernel parses and counts, with no VGA text screen; then the "no VMX" verdict.
engine=qemu
firmware=uefi
megs=512
expect '^vmxhv: boot loader: GRUB 2\.[0-9].* \(UEFI\)$'
expect '^vmxhv: memory map: [0-9]+ regions$'
expect '^vmxhv: frames: [0-9]+ usable \((4[5-9][0-9]|50[0-9]) MiB\)'
expect 'VMX not supported by this CPU'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'panic|exception'
