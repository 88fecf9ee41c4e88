# A guest reading far outside its RAM meets EPT: it is ended with the address and access
# reported, and the hypervisor stays up.
engine=bochs
guest=ept_violation
expect '^guest: reading 0xc0000000, outside guest RAM$'
expect '^vmxhv: error: .*guest-physical 0xc0000000'
expect '^vmxhv: exits: [0-9]+ in all$'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'guest: FAIL|panic|exception in the hypervisor'
