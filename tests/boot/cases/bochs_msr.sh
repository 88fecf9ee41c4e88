# Every emulated MSR reads and writes as on hardware; invalid writes and the VMX capability
# MSRs raise #GP in the guest; the statistics count them.
engine=bochs
guest=msr
expect '^guest: rdmsr 0x480-0x493 all raised #GP$'
expect '^guest: wrmsr PAT 0x[0-9a-f]+ \(.*\) raised #GP as expected$'
expect '^guest: wrmsr TSC 0x[0-9a-f]+: rdtsc then 0x[0-9a-f]+, rdmsr 0x[0-9a-f]+$'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
expect '^vmxhv: +MSR 0x277 \(IA32_PAT\): [0-9]+ reads?, [0-9]+ writes?, [1-9][0-9]* #GP$'
reject 'guest: FAIL|panic'
