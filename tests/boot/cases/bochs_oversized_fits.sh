# The same image with guest_mem=128M loads, and its last byte is guest RAM.
engine=bochs
megs=512
cmdline="poweroff guest_mem=128M"
guest=oversized
expect '^guest: oversized guest running, 96 MiB of data reachable$'
expect '^vmxhv: guest exited with status 0$'
reject 'panic'
