# The guest switches itself to 64-bit mode and back: the CR0/CR4/EFER exits keep the VMCS's
# IA-32e mode in step with the guest.
engine=bochs
guest=long_mode
expect '^guest: running in 64-bit mode$'
expect '^guest: back in 32-bit protected mode: in 64-bit mode EFER was 0x500, CS 0x18$'
expect '^guest: 64-bit mode stored 0x123456789abcdef$'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
reject 'guest: FAIL|panic'
