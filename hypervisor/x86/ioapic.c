// SPDX-License-Identifier: GPL-2.0
/*
 * The root cell's IOAPICs: each register page is left out of the root's
 * EPT and emulated here, so that the root programs only the pins its
 * config gives it (irqchips[].pin_bitmap) and never aims an unmasked pin
 * at another cell's CPU. Reads pass through but for registers that do not
 * exist (all ones); IOREGSEL selects (and is remembered); IOWIN writes
 * reach the ID register and the redirection entries of pins that exist
 * (the version register's count caps the config's); an EOI passes unless
 * a pin the root does not own has its vector. Any other write (reserved
 * registers, pins past the last, the pin assertion register some chipsets
 * have at 0x20) is refused.
 */
#include <jh/config-walk.h>
#include <format.h>

#include "apic.h"
#include "mmio.h"

#define IOAPIC_MAX		8
#define IOAPIC_REGSEL		0x00
#define IOAPIC_WIN		0x10
#define IOAPIC_EOI		0x40
#define IOAPIC_ID		0x00		/* IOWIN registers */
#define IOAPIC_VERSION		0x01
#define IOAPIC_ARB		0x02
#define IOAPIC_REDIR		0x10		/* index of pin 0's low word */
#define IOAPIC_MAX_PINS		120		/* indexes up to 0xff */
#define REDIR_MASKED		(1U << 16)
#define REDIR_HI_REMAPPABLE	(1U << 16)	/* bit 48: interrupt remapping */

struct ioapic {
	u64 phys;
	volatile u32 *regs;
	u64 root_pins[JH_IRQCHIP_PINS / 64];	/* the root's pin_bitmap */
	u32 pins;		/* min(config, version register) */
	u32 regsel;		/* what the root selected last */
	char pins_message[32];	/* why a write past the last pin is refused */
	spinlock_t lock;
};

static struct ioapic ioapics[IOAPIC_MAX];
static unsigned int refusals_reported;

static u32 reg_read(struct ioapic *io, u32 index)
{
	io->regs[IOAPIC_REGSEL / 4] = index;
	return io->regs[IOAPIC_WIN / 4];
}

static bool root_pin(struct ioapic *io, u32 pin)
{
	return io->root_pins[pin / 64] & (1ULL << (pin % 64));
}

/* Why the root may not write val into one half of pin's entry, or NULL */
static const char *redir_refusal(struct ioapic *io, u32 pin, bool high, u32 val)
{
	u32 lo, hi;

	if (!root_pin(io, pin))
		return "the pin is not in the root cell's irqchips";
	lo = high ? reg_read(io, IOAPIC_REDIR + 2 * pin) : val;
	hi = high ? val : reg_read(io, IOAPIC_REDIR + 2 * pin + 1);
	io->regs[IOAPIC_REGSEL / 4] = io->regsel;
	/* masked: goes nowhere; remappable: the IOMMU's table decides */
	if (lo & REDIR_MASKED)
		return NULL;
	if (hi & REDIR_HI_REMAPPABLE)
		return iommu_irq_remapping() ? NULL :
		       "remappable format, but interrupt remapping is off";
	if (!apic_root_owns_destination(lo, hi >> 24))
		return "its destination is a CPU of another cell";
	return NULL;
}

/* Why the root may not EOI vector (it would end another owner's level IRQ) */
static const char *eoi_refusal(struct ioapic *io, u32 vector)
{
	const char *why = NULL;
	u32 pin;

	for (pin = 0; pin < io->pins && !why; pin++)
		if (!root_pin(io, pin) &&
		    (reg_read(io, IOAPIC_REDIR + 2 * pin) & 0xff) == (vector & 0xff))
			why = "a pin the root does not own has that vector";
	io->regs[IOAPIC_REGSEL / 4] = io->regsel;
	return why;
}

/* where: the IOWIN register (offset false) or the MMIO offset written */
static void report_refusal(struct ioapic *io, bool offset, u32 where, u32 val,
			   const char *why)
{
	if (!report_allowed(&refusals_reported))
		return;
	if (!offset && where >= IOAPIC_REDIR && where < IOAPIC_REDIR + 2 * io->pins)
		printk("jh: root cell write 0x%x to IOAPIC 0x%lx pin %u (register 0x%x) "
		       "refused: %s\n", val, io->phys, (where - IOAPIC_REDIR) / 2,
		       where, why);
	else
		printk("jh: root cell write 0x%x to IOAPIC 0x%lx %s 0x%x refused: %s\n",
		       val, io->phys, offset ? "offset" : "register", where, why);
}

/* Why the root may not write val to IOWIN now, or NULL */
static const char *win_refusal(struct ioapic *io, u32 val)
{
	u32 reg = io->regsel;

	if (reg == IOAPIC_ID)
		return NULL;
	if (reg < IOAPIC_REDIR)
		return "not a redirection entry";
	if (reg >= IOAPIC_REDIR + 2 * io->pins)
		return io->pins_message;
	return redir_refusal(io, (reg - IOAPIC_REDIR) / 2, reg & 1, val);
}

static bool ioapic_access(struct per_cpu *c, void *opaque, u64 offset,
			  unsigned int size, bool write, u64 *value)
{
	struct ioapic *io = opaque;
	const char *why = NULL;
	u32 where = offset;

	if (size != 4 || (offset & 3))
		return false;
	spin_lock(&io->lock);
	if (!write && offset == IOAPIC_WIN &&
	    ((io->regsel > IOAPIC_ARB && io->regsel < IOAPIC_REDIR) ||
	     io->regsel >= IOAPIC_REDIR + 2 * io->pins)) {
		*value = ~0U;	/* no such register: not sent on (Bochs aborts) */
	} else if (!write) {
		*value = io->regs[offset / 4];
	} else if (offset == IOAPIC_REGSEL) {
		io->regsel = *value & 0xff;
		io->regs[IOAPIC_REGSEL / 4] = io->regsel;
	} else if (offset == IOAPIC_WIN) {
		where = io->regsel;
		why = win_refusal(io, *value);
		if (!why)
			io->regs[IOAPIC_WIN / 4] = *value;
	} else if (offset == IOAPIC_EOI) {
		why = eoi_refusal(io, *value);
		if (!why)
			io->regs[IOAPIC_EOI / 4] = *value;
	} else {
		why = "not a register the root may write";
	}
	spin_unlock(&io->lock);
	if (why)
		report_refusal(io, offset != IOAPIC_WIN, where, *value, why);
	return true;
}

/* The root's pins of the IOAPIC at address (none if no irqchip names it) */
static void root_pin_bitmap(const struct cell *root, u64 address, u64 *pins)
{
	const struct jh_irqchip *chip = jh_cell_irqchips(root->config);
	u32 i;

	memset(pins, 0, JH_IRQCHIP_PINS / 8);
	for (i = 0; i < root->config->num_irqchips; i++)
		if (chip[i].address == address)
			memcpy(pins, chip[i].pin_bitmap, JH_IRQCHIP_PINS / 8);
}

int ioapic_trap_root(struct cell *root)
{
	const struct jh_ioapic *cfg = jh_sys_ioapics(sys_config);
	struct ioapic *io;
	u32 i, real;
	int err;

	if (sys_config->platform.num_ioapics > IOAPIC_MAX) {
		set_status(-EINVAL, "the system config has %u IOAPICs, jh handles %u",
			   sys_config->platform.num_ioapics, IOAPIC_MAX);
		return -EINVAL;
	}
	for (i = 0; i < sys_config->platform.num_ioapics; i++) {
		io = &ioapics[i];
		io->phys = cfg[i].address;
		io->regs = (volatile u32 *)mmio_map_uncached(io->phys);
		if (!io->regs) {
			set_status(-EINVAL, "IOAPIC %u at 0x%lx is outside the hypervisor's "
				   "direct map", cfg[i].id, io->phys);
			return -EINVAL;
		}
		io->regsel = io->regs[IOAPIC_REGSEL / 4] & 0xff;
		/* bits 23:16: the last redirection entry; the config may be wrong */
		real = ((reg_read(io, IOAPIC_VERSION) >> 16) & 0xff) + 1;
		io->regs[IOAPIC_REGSEL / 4] = io->regsel;
		io->pins = cfg[i].pins < real ? cfg[i].pins : real;
		if (io->pins > IOAPIC_MAX_PINS)
			io->pins = IOAPIC_MAX_PINS;
		if (cfg[i].pins > real)
			printk("jh: IOAPIC 0x%lx: the system config gives it %u pins, its "
			       "version register %u: using %u\n", io->phys, cfg[i].pins,
			       real, io->pins);
		jh_snprintf(io->pins_message, sizeof(io->pins_message),
			    "the IOAPIC has %u pins", io->pins);
		root_pin_bitmap(root, io->phys, io->root_pins);
		err = mmio_register(root, io->phys, PAGE_SIZE, ioapic_access, io);
		if (!err)
			err = gpa_unmap(root->gpa_root, io->phys, PAGE_SIZE);
		if (err) {
			set_status(err, "cannot trap IOAPIC %u at 0x%lx of the root cell "
				   "(error %d)", cfg[i].id, io->phys, err);
			return err;
		}
	}
	return 0;
}
