# Bytes typed on the machine's COM1 reach the guest through its emulated UART's receiver.
engine=bochs
guest=echo
type='hello vmxhv\r'
type_after='guest: echo: type a line'
expect '^guest: echo: type a line$'
expect '^guest: echo: read "hello vmxhv" \(11 bytes\)$'
expect '^vmxhv: guest exited with status 0$'
reject 'panic'
