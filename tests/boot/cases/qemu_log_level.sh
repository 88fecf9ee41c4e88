# log=error keeps only errors: the memory map (info) is not printed, the VMX verdict (an error) is.
engine=qemu
cmdline="poweroff log=error"
expect 'VMX not supported by this CPU'
expect '^vmxhv: error: stopping: .*; powering off$'
reject '^vmxhv: memory map'
reject '^vmxhv: frames:'
