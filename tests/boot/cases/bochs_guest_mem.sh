# guest_mem= sets the guest's RAM: the Multiboot information and the memory map say so.
engine=bochs
megs=512
cmdline="poweroff guest_mem=130M"
guest=hello
expect '^vmxhv: guest RAM: 130 MiB at guest-physical 0x0$'
expect '^guest: mem_lower 639 KiB, mem_upper 132096 KiB$'
expect '^guest: mmap 0x0*100000-0x0*81fffff type 1$'
expect '^vmxhv: guest exited with status 0$'
reject 'guest: FAIL|panic'
