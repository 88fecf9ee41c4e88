# A write one byte past the end of guest RAM (64 MiB) is caught just the same.
engine=bochs
guest=ept_violation
guest_args="addr=0x4000000 access=write"
expect '^guest: writing 0x5aa5f00d at 0x04000000, outside guest RAM$'
expect '^vmxhv: error: .*guest-physical 0x4000000.*write'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'guest: FAIL|panic'
