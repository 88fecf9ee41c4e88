# An ELF64 Multiboot guest with the a.out kludge (header flag 16) loads by the header's
# address fields.
engine=bochs
guest=hello64_kludge
expect '^guest: hello from an ELF64 Multiboot guest \(a.out kludge\)$'
expect '^vmxhv: guest exited with status 0$'
reject 'panic'
expect '^vmxhv: guest loaded: entry 0x100020, command line'
