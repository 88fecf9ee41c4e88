# A guest image bigger than its RAM (96 MiB of data, 64 MiB of guest_mem) is refused with a
# message naming the segment and the RAM size; the hypervisor stops cleanly.
engine=bochs
guest=oversized
expect '^vmxhv: error: guest module: ELF segment [0-9]+ .*lies outside guest RAM \(64 MiB\)$'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'launching the guest|panic'
