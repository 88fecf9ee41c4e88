# log=error hides information lines, but never the lines that say how the guest and the run
# ended.
engine=bochs
cmdline="poweroff log=error"
guest=hello
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
expect '^vmxhv: stopping: all work done; powering off$'
reject '^vmxhv: memory map|^vmxhv: vmx: |^vmxhv: exits:'
