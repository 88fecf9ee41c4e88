# Bochs corei7_ivy_bridge_3770k: EPT without 1 GiB pages and without A/D; the capability block
# says so and the guest still runs (EPT uses 2 MiB leaves, the EPT pointer leaves A/D off).
engine=bochs
cpu=corei7_ivy_bridge_3770k
expect '^vmxhv: vmx: IA32_VMX_EPT_VPID_CAP 0x[0-9a-f]{16}: 4-level walk yes, WB yes, UC yes, 2M pages yes, 1G pages no, A/D no'
expect '^vmxhv: vmx: features: EPT yes, VPID yes, unrestricted guest yes, EPT pages 4K 2M, EPT A/D no'
expect '^guest: all checks passed$'
expect '^vmxhv: guest exited with status 0$'
reject 'panic|exception'
