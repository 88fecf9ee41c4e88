# No guest module on the GRUB entry: a clear message saying what to add.
engine=bochs
guest=
expect "^vmxhv: error: no guest module: add 'module2 /boot/guest.elf ARGS' to the GRUB menu entry$"
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'launching the guest|panic'
