# The host's hardware interrupts (the BIOS left the PIT ticking) never reach the guest, even
# while the guest runs with interrupts enabled.
engine=bochs
guest=interrupts
expect '^guest: interrupts enabled for [0-9]+ iterations$'
expect '^guest: no host interrupt reached the guest$'
expect '^vmxhv: guest exited with status 0$'
reject 'unexpected exception|panic'
