# The guest switches itself to 64-bit mode and back, twice: first the CPU runs the MOVs to CR0
# (PG is the guest's); then CR0.CD changes beside PG, so they exit and vmxhv emulates them,
# keeping the VMCS's IA-32e mode in step and flushing the guest's VPID with INVVPID (an
# INVVPID that failed would log an error; one the CPU refused outright would panic).
engine=bochs
guest=long_mode
once '^guest: entering long mode \(CPU\): '
once '^guest: entering long mode \(emulated, CR0.CD beside PG\): '
expect '^guest: running in 64-bit mode$'
expect '^guest: back in 32-bit protected mode: in 64-bit mode EFER was 0x500, CS 0x18$'
expect '^guest: 64-bit mode stored 0x123456789abcdef$'
once '^guest: left long mode \(CPU\): EFER 0x0, CR0 0x'
once '^guest: left long mode \(emulated, CR0.CD beside PG\): EFER 0x0, CR0 0x'
expect '^vmxhv:   control-register access \(28\): [2-9]'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
reject 'guest: FAIL|panic|error:|INVVPID type'
