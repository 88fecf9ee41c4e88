# Unclaimed ports read all ones at every width, drop writes, and are logged once each; string
# I/O (REP OUTSB, REP INSB) moves guest memory through the device models.
engine=bochs
guest=ports
expect '^guest: inb 0x80 returned 0xff then 0xff$'
expect '^guest: inw 0x80 returned 0xffff$'
expect '^guest: inl 0x80 returned 0xffffffff$'
expect '^guest: wrote 8, 16 and 32 bits to port 0xe0 and kept running$'
expect 'rep outsb reached the uart'
expect '^guest: rep insb from port 0x80 filled 16 bytes with 0xff$'
once '^vmxhv: unclaimed port 0x80 \(read\), returning all ones$'
expect '^vmxhv: unclaimed port 0xe0 \(write\), ignoring$'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
reject 'guest: FAIL|panic'
