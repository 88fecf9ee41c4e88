# A guest that hangs (spins with interrupts off, never exiting) is ended by guest_timeout= on
# the VMX-preemption timer, with a report of where it was; the hypervisor stops cleanly.
engine=bochs
cmdline="poweroff guest_timeout=2"
guest=spin
expect '^vmxhv: guest time limit: 2 s \(TSC [0-9]+ kHz, measured against the PIT\)$'
expect '^guest: spinning forever with interrupts off$'
expect '^vmxhv: error: guest ended: the guest used up its time: guest_timeout=2 seconds of guest time$'
expect '^vmxhv:   exit reason 52 \(VMX-preemption timer expired\)'
expect '^vmxhv:   CS:RIP 0008:00000000001[0-9a-f]{5} '
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'panic'
