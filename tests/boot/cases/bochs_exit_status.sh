# A byte written to the debug-exit port ends the guest with that status, exactly reported.
engine=bochs
guest=exit_status
guest_args="status=42"
expect '^guest: exiting with status 42$'
expect '^vmxhv: guest exited with status 42$'
expect '^vmxhv: stopping: all work done; powering off$'
reject 'panic|exception'
