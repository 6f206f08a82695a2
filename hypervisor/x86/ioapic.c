// SPDX-License-Identifier: GPL-2.0
/*
 * The IOAPICs: each register page is left out of every cell's EPT and
 * emulated here, so that a cell (the root too) programs only the pins its
 * config gives it (irqchips[].pin_bitmap) and never aims an unmasked pin
 * outside its CPUs. Each cell has its own IOREGSEL; IOWIN reads of a pin
 * it does not own give a masked entry, of registers that do not exist all
 * ones. Writes reach the ID register (root only) and the entries of the
 * writer's pins; an EOI ends only the writer's pins with that vector. A
 * cell's pins leave the root masked at create and come back masked at
 * destroy. A refused write is reported (root) or fails the cell.
 * Each pin's entry is a shadow its owner reads back; with interrupt
 * remapping the IOAPIC holds the remappable entry of the remapping entry
 * the hypervisor wrote from it (vector, trigger, polarity and mask kept).
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
#define REDIR_LEVEL		(1U << 15)
#define REDIR_REMOTE_IRR	(1U << 14)
#define REDIR_KEPT		0x1a0ffU	/* remapped: mask, trigger, polarity, vector */
#define REDIR_STATUS		0x05000U	/* read-only: remote IRR, delivery status */
#define REDIR_HI_REMAPPABLE	(1U << 16)	/* bit 48: interrupt remapping */
#define NO_OWNER		0xff

struct ioapic {
	u64 phys;
	volatile u32 *regs;
	u32 pins;		/* min(config, version register) */
	u8 owner[IOAPIC_MAX_PINS];	/* cell id, NO_OWNER: in no irqchips */
	u8 regsel[MAX_CELLS];	/* what each cell selected last */
	u32 shadow[IOAPIC_MAX_PINS][2];	/* each entry as its owner wrote it */
	char pins_message[32];	/* why a write past the last pin is refused */
	spinlock_t lock;
};

static struct ioapic ioapics[IOAPIC_MAX];
static unsigned int refusals_reported;
static bool remapping;

/* Register index of the real IOAPIC (IOREGSEL is the caller's to restore) */
static u32 reg_read(struct ioapic *io, u32 index)
{
	io->regs[IOAPIC_REGSEL / 4] = index;
	return io->regs[IOAPIC_WIN / 4];
}

static void reg_write(struct ioapic *io, u32 index, u32 val)
{
	io->regs[IOAPIC_REGSEL / 4] = index;
	io->regs[IOAPIC_WIN / 4] = val;
}

/* pin's shadow into the IOAPIC: remapped (present unless masked) or as is */
static const char *pin_write(struct ioapic *io, u32 pin)
{
	u32 lo = io->shadow[pin][0], hi = io->shadow[pin][1];
	/* the source id: the IOAPIC's config entry (DMAR device scope) */
	int index = !remapping ? -ENODEV : iommu_irq_map(jh_sys_ioapics(sys_config)[io - ioapics].bdf,
		    pin, hi >> 24, lo, !(lo & REDIR_MASKED) && io->owner[pin] != NO_OWNER);

	if (index < 0 && index != -ENODEV)
		return "no interrupt remapping entry free: enlarge platform.ir_table_size";
	reg_write(io, IOAPIC_REDIR + 2 * pin,
		  index < 0 ? lo : (lo & REDIR_KEPT) | (index >> 15 & 1) << 11);
	reg_write(io, IOAPIC_REDIR + 2 * pin + 1,
		  index < 0 ? hi : (index & 0x7fff) << 17 | REDIR_HI_REMAPPABLE);
	return NULL;
}

static bool pin_of(const struct jh_irqchip *chip, u32 pin)
{
	return chip->pin_bitmap[pin / 64] & (1ULL << (pin % 64));
}

/* Why cell may not write val into one half of pin's entry, or NULL */
static const char *redir_refusal(struct ioapic *io, const struct cell *cell,
				 u32 pin, bool high, u32 val)
{
	u32 lo, hi;

	if (io->owner[pin] != cell->id)
		return "the pin is not in the cell's irqchips";
	lo = high ? io->shadow[pin][0] : val;
	hi = high ? val : io->shadow[pin][1];
	/* masked: goes nowhere; remappable: the hypervisor writes the entries */
	if (lo & REDIR_MASKED)
		return NULL;
	if (hi & REDIR_HI_REMAPPABLE)
		return "remappable format: the hypervisor writes the remapping entries";
	if (!apic_cell_owns_destination(cell, lo, hi >> 24))
		return cell == &root_cell ? "its destination is a CPU of another cell" :
		       "it is not a fixed or lowest-priority interrupt to the cell's CPUs";
	return NULL;
}

/* An EOI: only the cell's level pins with that vector, by a trigger toggle */
static void pins_eoi(struct ioapic *io, unsigned int id, u32 vector)
{
	u32 pin, lo;

	for (pin = 0; pin < io->pins; pin++) {
		if (io->owner[pin] != id)
			continue;
		lo = reg_read(io, IOAPIC_REDIR + 2 * pin);
		if ((lo & 0xff) != (vector & 0xff) || !(lo & REDIR_REMOTE_IRR))
			continue;
		reg_write(io, IOAPIC_REDIR + 2 * pin, (lo | REDIR_MASKED) & ~REDIR_LEVEL);
		reg_write(io, IOAPIC_REDIR + 2 * pin, lo);
	}
}

/* A refused write: the root's is reported and lost, a cell fails */
static void refused(struct per_cpu *c, struct ioapic *io, bool offset, u32 where,
		    u32 val, const char *why)
{
	char what[48];

	if (!offset && where >= IOAPIC_REDIR && where < IOAPIC_REDIR + 2 * io->pins)
		jh_snprintf(what, sizeof(what), "pin %u (register 0x%x)",
			    (where - IOAPIC_REDIR) / 2, where);
	else
		jh_snprintf(what, sizeof(what), "%s 0x%x", offset ? "offset" :
			    "register", where);
	if (c->cell != &root_cell)
		cell_fail(c, "write 0x%x to IOAPIC 0x%lx %s refused: %s", val,
			  io->phys, what, why);
	if (report_allowed(&refusals_reported))
		printk("jh: root cell write 0x%x to IOAPIC 0x%lx %s refused: %s\n",
		       val, io->phys, what, why);
}

/* Why cell may not write val to IOWIN register reg, or NULL */
static const char *win_refusal(struct ioapic *io, const struct cell *cell,
			       u32 reg, u32 val)
{
	if (reg == IOAPIC_ID && cell == &root_cell)
		return NULL;
	if (reg < IOAPIC_REDIR)
		return "not a redirection entry";
	if (reg >= IOAPIC_REDIR + 2 * io->pins)
		return io->pins_message;
	return redir_refusal(io, cell, (reg - IOAPIC_REDIR) / 2, reg & 1, val);
}

static bool ioapic_access(struct per_cpu *c, void *opaque, u64 offset,
			  unsigned int size, bool write, u64 *value)
{
	struct ioapic *io = opaque;
	unsigned int id = c->cell->id;
	const char *why = NULL;
	u32 reg = io->regsel[id], where = offset;

	if (size != 4 || (offset & 3))
		return false;
	spin_lock(&io->lock);
	if (!write && offset == IOAPIC_REGSEL) {
		*value = reg;
	} else if (!write && offset == IOAPIC_WIN &&
		   ((reg > IOAPIC_ARB && reg < IOAPIC_REDIR) ||
		    reg >= IOAPIC_REDIR + 2 * io->pins)) {
		*value = ~0U;	/* no such register: not sent on (Bochs aborts) */
	} else if (!write && offset == IOAPIC_WIN && reg >= IOAPIC_REDIR) {
		/* the entry as written, live status bits; another's pin: masked */
		*value = io->owner[(reg - IOAPIC_REDIR) / 2] != id ? (reg & 1 ? 0 : REDIR_MASKED) :
			 reg & 1 ? io->shadow[(reg - IOAPIC_REDIR) / 2][1] :
			 (io->shadow[(reg - IOAPIC_REDIR) / 2][0] & ~REDIR_STATUS) |
			 (reg_read(io, reg) & REDIR_STATUS);
	} else if (!write) {
		*value = offset == IOAPIC_WIN ? reg_read(io, reg) : io->regs[offset / 4];
	} else if (offset == IOAPIC_REGSEL) {
		io->regsel[id] = *value & 0xff;
	} else if (offset == IOAPIC_WIN) {
		where = reg;
		why = win_refusal(io, c->cell, reg, *value);
		if (!why && reg >= IOAPIC_REDIR) {
			io->shadow[(reg - IOAPIC_REDIR) / 2][reg & 1] = *value;
			why = pin_write(io, (reg - IOAPIC_REDIR) / 2);
		} else if (!why) {
			reg_write(io, reg, *value);
		}
	} else if (offset == IOAPIC_EOI) {
		pins_eoi(io, id, *value);
	} else {
		why = "not a register a cell may write";
	}
	spin_unlock(&io->lock);
	if (why)
		refused(c, io, offset != IOAPIC_WIN, where, *value, why);
	return true;
}

/*
 * A cell's pins change hands (from the root at create, back at destroy):
 * masked and edge-triggered, which also clears a pending Remote IRR.
 * Each IOAPIC page the cell's irqchips name is trapped in the cell. At
 * create (the cell in cells[]: its CPUs no longer the root's), no root pin
 * may stay unmasked on them: that would interrupt the cell.
 */
int ioapic_cell_pins(struct cell *cell, bool take)
{
	const struct jh_irqchip *chip, *chips = jh_cell_irqchips(cell->config);
	struct ioapic *io;
	u32 i, pin;
	int err = 0;

	for (io = ioapics; io < ioapics + sys_config->platform.num_ioapics && !err; io++) {
		for (i = 0, chip = NULL; i < cell->config->num_irqchips; i++)
			chip = chips[i].address == io->phys ? &chips[i] : chip;
		spin_lock(&io->lock);
		/* the validator made sure the root had them (no other cell) */
		for (pin = 0; pin < io->pins; pin++) {
			if (chip && pin_of(chip, pin) &&
			    io->owner[pin] == (take ? root_cell.id : cell->id)) {
				io->shadow[pin][0] = REDIR_MASKED;
				io->shadow[pin][1] = 0;
				pin_write(io, pin);	/* its remapping entry: not present */
				io->owner[pin] = take ? cell->id : root_cell.id;
			} else if (take && !err && io->owner[pin] == root_cell.id &&
				   redir_refusal(io, &root_cell, pin, false, io->shadow[pin][0])) {
				err = set_status(-EBUSY, "IOAPIC 0x%lx pin %u of the root cell is "
						 "unmasked and aimed at a CPU of cell %s: Linux "
						 "must move it first", io->phys, pin,
						 cell->config->name);
			}
		}
		io->regsel[cell->id] = 0;
		spin_unlock(&io->lock);
		if (!err && take && chip &&
		    (err = mmio_register(cell, io->phys, PAGE_SIZE, ioapic_access, io) ? :
			   gpa_unmap(cell->gpa_root, io->phys, PAGE_SIZE)))
			set_status(err, "cell %s: cannot trap IOAPIC 0x%lx (error %d)",
				   cell->config->name, io->phys, err);
	}
	return err;
}

int ioapic_trap_root(struct cell *root)
{
	const struct jh_ioapic *cfg = jh_sys_ioapics(sys_config);
	const struct jh_irqchip *chip = jh_cell_irqchips(root->config);
	struct ioapic *io;
	u32 i, n, pin, real;
	int err;

	if (sys_config->platform.num_ioapics > IOAPIC_MAX)
		return set_status(-EINVAL, "the system config has %u IOAPICs, jh handles %u",
				  sys_config->platform.num_ioapics, IOAPIC_MAX);
	for (i = 0; i < sys_config->platform.num_ioapics; i++) {
		io = &ioapics[i];
		io->phys = cfg[i].address;
		io->regs = (volatile u32 *)mmio_map_uncached(io->phys, PAGE_SIZE);
		if (!io->regs)
			return set_status(-EINVAL, "IOAPIC %u at 0x%lx is outside the hypervisor's "
					  "direct map", cfg[i].id, io->phys);
		io->regsel[0] = io->regs[IOAPIC_REGSEL / 4] & 0xff;
		/* bits 23:16: the last redirection entry; the config may be wrong */
		real = ((reg_read(io, IOAPIC_VERSION) >> 16) & 0xff) + 1;
		io->pins = cfg[i].pins < real ? cfg[i].pins : real;
		io->pins = io->pins < IOAPIC_MAX_PINS ? io->pins : IOAPIC_MAX_PINS;
		if (cfg[i].pins > real)
			printk("jh: IOAPIC 0x%lx: the system config gives it %u pins, its "
			       "version register %u: using %u\n", io->phys, cfg[i].pins,
			       real, io->pins);
		jh_snprintf(io->pins_message, sizeof(io->pins_message),
			    "the IOAPIC has %u pins", io->pins);
		memset(io->owner, NO_OWNER, sizeof(io->owner));
		for (pin = 0; pin < io->pins; pin++) {
			for (n = 0; n < root->config->num_irqchips; n++)
				if (chip[n].address == io->phys && pin_of(&chip[n], pin))
					io->owner[pin] = root->id;
			/* nobody's pin is masked: nobody could move it off a cell's CPU */
			io->shadow[pin][0] = reg_read(io, IOAPIC_REDIR + 2 * pin) |
					     (io->owner[pin] == NO_OWNER ? REDIR_MASKED : 0);
			io->shadow[pin][1] = reg_read(io, IOAPIC_REDIR + 2 * pin + 1);
			pin_write(io, pin);
		}
		err = mmio_register(root, io->phys, PAGE_SIZE, ioapic_access, io) ? :
		      gpa_unmap(root->gpa_root, io->phys, PAGE_SIZE);
		if (err)
			return set_status(err, "cannot trap IOAPIC %u at 0x%lx of the root cell "
					  "(error %d)", cfg[i].id, io->phys, err);
	}
	return 0;
}

int ioapic_irq_remapping(bool on)
{
	struct ioapic *io;
	const char *why = NULL;
	u32 pin;

	remapping = on;
	for (io = ioapics; io < ioapics + sys_config->platform.num_ioapics; io++) {
		spin_lock(&io->lock);
		for (pin = 0; pin < io->pins && !why; pin++)
			why = pin_write(io, pin);
		spin_unlock(&io->lock);
	}
	return why ? -ERANGE : 0;	/* the reason is set */
}
