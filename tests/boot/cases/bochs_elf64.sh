# An ELF64 Multiboot guest (32-bit code in an ELF64 file) loads by its program headers.
engine=bochs
guest=hello64
expect '^guest: hello from an ELF64 Multiboot guest$'
expect '^vmxhv: guest exited with status 0$'
reject 'panic'
