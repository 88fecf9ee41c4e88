# A VMLAUNCH that fails on a control field (selftest=bad_control) is decoded: VMfailValid with
# VM-instruction error 7 in the SDM's words.
engine=bochs
cmdline="poweroff selftest=bad_control"
expect '^vmxhv: selftest: asking for 255 CR3-target values'
expect '^vmxhv: error: vm entry failed: .*VM-instruction error 7'
expect 'invalid control field'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'guest: |panic'
