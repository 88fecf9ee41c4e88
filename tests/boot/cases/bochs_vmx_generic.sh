# Bochs bx_generic (VT-x without EPT or unrestricted guest): VMXON and VMPTRLD still work, and
# the verdict names the missing feature instead of failing obscurely.
engine=bochs
cpu=bx_generic
expect '^vmxhv: vmx: IA32_VMX_EPT_VPID_CAP not present \(no EPT, no VPID\)$'
expect '^vmxhv: vmx: features: EPT no, VPID no, unrestricted guest no'
expect '^vmxhv: vmx: VMXON ok, VMCS 0x[0-9a-f]+ loaded \(revision id 0x[0-9a-f]+\)$'
expect '^vmxhv: error: vmx: EPT is not supported by this CPU'
expect '^vmxhv: error: stopping: .*; powering off$'
reject 'launching the guest|panic|exception'
