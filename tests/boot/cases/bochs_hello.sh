# The default guest under Bochs: it boots from its Multiboot information, reads emulated MSRs
# (and gets #GP for the unemulated ones), sees the hypervisor's CPUID view, single-steps an
# emulated CPUID, gets #GP from RDPMC, makes hypercalls, uses the UART, and exits with status 0;
# the hypervisor then prints its statistics.
engine=bochs
guest=hello
guest_args="hello from the tests"
expect '^vmxhv: guest loaded: entry 0x10[0-9a-f]{4}, command line .hello from the tests.$'
expect '^vmxhv: launching the guest \(GRUB handed over at TSC [0-9]+\)$'
expect '^guest: multiboot magic 0x2badb002$'
expect '^guest: hello from a Multiboot guest$'
expect '^guest: cmdline "hello from the tests"$'
expect '^guest: mem_lower 639 KiB, mem_upper 64512 KiB$'
expect '^guest: boot loader "vmxhv"$'
expect '^guest: rdmsr 0x480 raised #GP as expected$'
expect '^guest: rdmsr 0x12345678 raised #GP as expected$'
expect '^guest: FEATURE_CONTROL is locked with VMX off$'
expect '^guest: cpuid 0x40000000: max leaf 0x4000000[0-9a-f] signature "vmxhv"$'
expect '^guest: cpuid under TF: #DB at the next instruction$'
expect '^guest: rdpmc 0 raised #GP as expected$'
expect '^guest: vmcall VERSION returned 0x00000001 \(0\.1\)$|^guest: vmcall VERSION returned 0x1 \(0\.1\)$'
expect '^guest: vmcall 0xdead returned 0xffffffff as expected$'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
expect '^vmxhv: stopping: all work done; powering off$'
reject 'guest: FAIL|panic|exception'
