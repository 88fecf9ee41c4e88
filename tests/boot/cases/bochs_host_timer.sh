# With the host's timer line open (selftest=host_timer), its interrupts make VM exits that are
# acknowledged and ended at the PIC, while the guest runs with interrupts enabled and sees none.
engine=bochs
cmdline="poweroff selftest=host_timer"
guest=interrupts
expect '^vmxhv: selftest: unmasking the host.s timer interrupt \(IRQ 0\) while the guest runs$'
once '^vmxhv: warning: host interrupt \(vector 0x20\) arrived while the guest ran: ended at its controller, not given to the guest$'
expect '^vmxhv:   external interrupt \(1\): [1-9][0-9]*$'
expect '^guest: no host interrupt reached the guest$'
expect '^vmxhv: guest exited with status 0$'
reject 'unexpected exception|panic'
