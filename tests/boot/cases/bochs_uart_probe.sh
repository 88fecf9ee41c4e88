# The emulated UART answers Linux's 8250 probe as a 16550A: scratch, IER, loopback, FIFO.
engine=bochs
guest=uart_probe
expect '^guest: loopback MCR 0x1a gave MSR status 0x90$'
expect '^guest: loopback echoed 0xa5 from THR to RBR$'
expect '^guest: uart probe found a 16550A$'
expect '^guest: divisor latch read back 0x000c$'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
reject 'guest: FAIL|panic'
