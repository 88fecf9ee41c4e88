# VMX instructions in the guest raise #UD in the guest, as on a CPU without VMX.
engine=bochs
guest=vmx_instruction
guest_args="cr4_vmxe=1"
expect '^guest: vmread raised #UD$'
expect '^guest: vmwrite raised #UD$'
expect '^guest: vmxon raised #UD$'
expect '^guest: setting CR4.VMXE raised #GP$'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
reject 'guest: FAIL|panic'
