# Guest bytes pass through unchanged, and a hypervisor line after a guest's unfinished line
# still starts on a line of its own.
engine=bochs
guest=exit_status
guest_args="status=9 partial=1"
expect '^guest: this line has no newline$'
expect '^vmxhv: guest exited with status 9$'
reject 'newlinevmxhv'
