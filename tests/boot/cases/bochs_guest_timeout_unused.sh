# A time limit the guest stays within changes nothing: the guest finishes and exits as usual.
engine=bochs
cmdline="poweroff guest_timeout=60"
guest=hello
expect '^vmxhv: guest time limit: 60 s \(TSC [0-9]+ kHz, measured against the PIT\)$'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
reject 'used up its time|panic'
