// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's xAPIC page (Linux keeps the xAPIC where there is no
 * interrupt remapping, as in Bochs). The root's EPT maps it read-only, so
 * that every ICR write passes the IPI filter (Linux must not reach the
 * CPUs it handed to other cells) while reads, such as the delivery status
 * Linux polls before each IPI, reach the CPU's own APIC without an exit.
 * Every other write passes through, except that APIC ID writes are
 * ignored; LDR and DFR writes are recorded for the filter's logical
 * destinations. A CPU whose APIC is not in xAPIC mode (x2APIC, disabled)
 * has no APIC page, as on hardware: writes are dropped.
 */
#include "apic.h"
#include "mmio.h"

static bool xapic_root_access(struct per_cpu *c, void *opaque, u64 offset,
			      unsigned int size, bool write, u64 *value)
{
	u32 reg = offset;

	/* the APIC registers are 32-bit, 16-byte aligned */
	if (size != 4 || (offset & 3))
		return false;
	if (apic_mode() != APIC_MODE_XAPIC) {
		if (!write)
			*value = ~0U;
		return true;
	}
	if (!write) {
		*value = apic_mmio_read(reg);
		return true;
	}
	if (reg == APIC_REG_ICR_LO)
		return apic_xapic_icr_write(c, *value, apic_mmio_read(APIC_REG_ICR_HI));
	/* the filter routes by the IDs recorded at entry: they stay */
	if (reg == APIC_REG_ID)
		return true;
	apic_mmio_write(reg, *value);
	if (reg == APIC_REG_LDR || reg == APIC_REG_DFR)
		apic_set_logical(c, apic_mmio_read(APIC_REG_LDR),
				 apic_mmio_read(APIC_REG_DFR));
	return true;
}

int xapic_trap_root(struct cell *root)
{
	u64 page = rdmsr(MSR_APIC_BASE) & APIC_BASE_ADDR;
	int err;

	err = mmio_register(root, page, PAGE_SIZE, xapic_root_access, NULL) ? :
	      gpa_unmap(root->gpa_root, page, PAGE_SIZE) ? :
	      gpa_map(root->gpa_root, page, page, PAGE_SIZE, JH_MEM_READ | JH_MEM_IO);
	if (err)
		set_status(err, "cannot trap the xAPIC page 0x%lx of the root cell "
			   "(error %d)", page, err);
	return err;
}
