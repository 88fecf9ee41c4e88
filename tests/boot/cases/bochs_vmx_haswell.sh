# Bochs corei7_haswell_4770 (full VT-x): the kernel boots, reads the memory map and counts its
# frames; the capabilities are read and printed in words, the fixed CR bits hold, VMXON and
# VMPTRLD succeed.
engine=bochs
cpu=corei7_haswell_4770
expect '^vmxhv: vmxhv [0-9]+\.[0-9]+: a micro-hypervisor for Intel VT-x$'
expect '^vmxhv: memory map: [0-9]+ regions$'
expect '^vmxhv:   \[0x0000000000100000-0x000000000[0-9a-f]{7}\] available$'
expect '^vmxhv: frames: [0-9]+ usable \((2[0-4][0-9]|25[0-5]) MiB\)'
expect '^vmxhv: vmx: IA32_VMX_BASIC 0x00d810000000002b: revision id 0x2b, region size 4096, memory type WB, 32-bit addresses no, INS/OUTS info yes, TRUE controls yes$'
expect '^vmxhv: vmx: IA32_VMX_EPT_VPID_CAP 0x00000f0106334141: 4-level walk yes, WB yes, UC yes, 2M pages yes, 1G pages yes, A/D yes'
expect '^vmxhv: vmx: features: EPT yes, VPID yes, unrestricted guest yes, EPT pages 4K 2M 1G, EPT A/D yes, preemption timer yes$'
expect '^vmxhv: vmx: IA32_FEATURE_CONTROL 0x5: locked, VMXON outside SMX enabled$'
expect '^vmxhv: vmx: CR0 0x[0-9a-f]{16} \(FIXED0 0x80000021, FIXED1 0xffffffff\): ok$'
expect '^vmxhv: vmx: CR4 0x[0-9a-f]*2[0-9a-f]{3} \(FIXED0 0x2000, FIXED1 0x1727ff\): ok$'
expect '^vmxhv: vmx: VMXON region 0x[0-9a-f]+: VMXON succeeded$'
expect '^vmxhv: vmx: VMXON ok, VMCS 0x[0-9a-f]+ loaded \(revision id 0x2b\)$'
reject 'panic|exception'
