# HLT with interrupts off can never wake up: the guest is ended with a message saying so.
engine=bochs
guest=hlt
expect '^guest: halting with interrupts off$'
expect '^vmxhv: .*halted with interrupts disabled'
expect '^vmxhv: .*stopping: .*; powering off$'
reject 'panic'
