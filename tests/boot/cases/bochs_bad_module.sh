# A module that is no Multiboot kernel (here: the README) is refused with the reason.
engine=bochs
guest=
guest_file=README.md
expect '^vmxhv: error: guest module: no Multiboot header in the first 8192 bytes'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'launching the guest|panic'
