# A reset through the Reset Control Register ends the guest, never the host.
engine=bochs
guest=reset_cf9
expect '^guest: resetting through port 0xcf9 \(value 0x06\)$'
expect 'guest requested a reset via port 0xCF9'
expect '^vmxhv: .*stopping: .*; powering off$'
once "Booting .vmxhv'"
reject 'panic'
