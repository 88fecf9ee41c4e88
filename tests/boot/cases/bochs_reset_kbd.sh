# A reset through the keyboard controller ends the guest, never the host.
engine=bochs
guest=reset_kbd
expect '^guest: resetting through the keyboard controller \(port 0x64, command 0xfe\)$'
expect 'guest requested a reset via port 0x64 \(0xFE\)'
expect '^vmxhv: .*stopping: .*; powering off$'
once "Booting .vmxhv'"
reject 'panic'
