// SPDX-License-Identifier: GPL-2.0
/*
 * What the VMX capability MSRs allow: the "allowed 1-settings" are the
 * high 32 bits of each control MSR (Intel SDM vol. 3, appendix A).
 */
#include "cpu.h"

const char *const vmx_cap_names[VMXC_NUM] = {
	[VMXC_EPT] = "ept", [VMXC_EPT_2M] = "ept_2m", [VMXC_EPT_1G] = "ept_1g",
	[VMXC_VPID] = "vpid", [VMXC_UNRESTRICTED] = "unrestricted_guest",
	[VMXC_PREEMPTION_TIMER] = "preemption_timer",
	[VMXC_POSTED_INTR] = "posted_interrupts",
	[VMXC_APIC_REG_VIRT] = "apic_register_virt",
	[VMXC_VIRT_INTR_DELIVERY] = "virtual_interrupt_delivery",
	[VMXC_X2APIC_VIRT] = "x2apic_virt",
};

/* Which MSR and bit says each capability */
static const struct {
	enum vmx_msr msr;
	uint8_t bit;
} vmx_cap_bits[VMXC_NUM] = {
	[VMXC_EPT] = { VMX_PROCBASED2, 32 + 1 },
	[VMXC_EPT_2M] = { VMX_EPT_VPID, 16 },
	[VMXC_EPT_1G] = { VMX_EPT_VPID, 17 },
	[VMXC_VPID] = { VMX_PROCBASED2, 32 + 5 },
	[VMXC_UNRESTRICTED] = { VMX_PROCBASED2, 32 + 7 },
	[VMXC_PREEMPTION_TIMER] = { VMX_PINBASED, 32 + 6 },
	[VMXC_POSTED_INTR] = { VMX_PINBASED, 32 + 7 },
	[VMXC_APIC_REG_VIRT] = { VMX_PROCBASED2, 32 + 8 },
	[VMXC_VIRT_INTR_DELIVERY] = { VMX_PROCBASED2, 32 + 9 },
	[VMXC_X2APIC_VIRT] = { VMX_PROCBASED2, 32 + 4 },
};

#define PROCBASED_SECONDARY	(1ull << (32 + 31))

int vmx_cap(const struct machine *m, enum vmx_cap cap)
{
	enum vmx_msr msr = vmx_cap_bits[cap].msr;

	if (m->cpu.vmx == 0)
		return 0;
	if (!m->vmx.msr_valid[msr])
		return -1;
	/* secondary controls exist only if the primary ones allow them */
	if (msr == VMX_PROCBASED2 && m->vmx.msr_valid[VMX_PROCBASED] &&
	    !(m->vmx.msr[VMX_PROCBASED] & PROCBASED_SECONDARY))
		return 0;
	if (msr == VMX_EPT_VPID && vmx_cap(m, VMXC_EPT) == 0)
		return 0;
	return (m->vmx.msr[msr] >> vmx_cap_bits[cap].bit) & 1;
}

int feature_control_locked(const struct machine *m)
{
	if (!m->vmx.msr_valid[VMX_FEATURE_CONTROL])
		return -1;
	return m->vmx.msr[VMX_FEATURE_CONTROL] & 1;
}

int feature_control_vmx_outside_smx(const struct machine *m)
{
	if (!m->vmx.msr_valid[VMX_FEATURE_CONTROL])
		return -1;
	return (m->vmx.msr[VMX_FEATURE_CONTROL] >> 2) & 1;
}
