# QEMU TCG with 6 GiB: memory above 4 GiB is found, direct-mapped and counted.
engine=qemu
megs=6144
expect '^vmxhv:   \[0x0000000100000000-0x[0-9a-f]{16}\] available$'
expect '^vmxhv: frames: [0-9]+ usable \((59[0-9][0-9]|60[0-9][0-9]|61[0-4][0-9]) MiB\)'
expect 'VMX not supported by this CPU'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'panic|exception'
expect '^vmxhv: frames: direct map above 4 GiB checked at [1-9][0-9]* frames, the last 0x1[0-9a-f]{8}$'
