# A guest that triple-faults is ended with a report; the hypervisor stays up and stops cleanly.
engine=bochs
guest=triple_fault
expect '^guest: loading an empty IDT and executing int3 to triple fault$'
expect '^vmxhv: error: .*triple fault'
expect '^vmxhv: error: .*RIP 0x[0-9a-f]+'
expect '^vmxhv: exits: [0-9]+ in all$'
expect '^vmxhv: error: stopping: the guest could not run; powering off$|^vmxhv: error: stopping: .*guest.*; powering off$'
reject 'panic|exception in the hypervisor'
