# A VM entry that fails on the guest state (selftest=bad_guest_state clears RFLAGS bit 1) is
# decoded: exit reason 33 with the guest-state fields, and the hypervisor stops cleanly.
engine=bochs
cmdline="poweroff selftest=bad_guest_state"
expect '^vmxhv: selftest: clearing guest RFLAGS bit 1'
expect '^vmxhv: error: vm entry failed: .*33'
expect '^vmxhv: error: vm entry failed: .*RFLAGS 0x0'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'guest: |panic'
