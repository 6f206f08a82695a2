// SPDX-License-Identifier: GPL-2.0
/*
 * Handing a cell's PCI devices from Linux to the cell and back. Before
 * create each device is unbound from its Linux driver, and its
 * driver_override names no driver, so that nothing (a hotplug event, a
 * write to a driver's bind file) binds it while the cell has it; the
 * hypervisor then takes it (bus mastering off, reset) and Linux reads it
 * as absent. After destroy, or a create that failed, the override is
 * cleared and Linux probes the device again, binding its driver.
 *
 * Called with jh_drv.lock held, after the config passed the validator.
 */
#include <linux/pci.h>

#include <jh/config-walk.h>

#include "jh-driver.h"

#define JH_NO_DRIVER	"jh-cell"	/* the name of no driver */

static struct pci_dev *jh_pci_get(const struct jh_pci_device *d)
{
	return pci_get_domain_bus_and_slot(d->segment, JH_PCI_BUS(d->bdf),
					   d->bdf & 0xff);
}

/* Linux gets devices [0, n) of the cell back, probed again */
static void jh_cell_pci_return(const struct jh_cell_desc *cfg, u32 n)
{
	const struct jh_pci_device *d = jh_cell_pci_devices(cfg);
	struct pci_dev *pdev;
	u32 i;

	for (i = 0; i < n; i++) {
		pdev = d[i].type == JH_PCI_TYPE_IVSHMEM ? NULL : jh_pci_get(&d[i]);
		if (!pdev)
			continue;
		driver_set_override(&pdev->dev, &pdev->driver_override, "", 0);
		if (device_attach(&pdev->dev) < 0)
			pr_warn("jh: %s: no Linux driver could be bound again\n",
				pci_name(pdev));
		pci_dev_put(pdev);
	}
}

void jh_cell_pci_give_back(const struct jh_cell_desc *cfg)
{
	jh_cell_pci_return(cfg, cfg->num_pci_devices);
}

int jh_cell_pci_take(const struct jh_cell_desc *cfg, char *reason)
{
	const struct jh_pci_device *d = jh_cell_pci_devices(cfg);
	struct pci_dev *pdev;
	int err = 0;
	u32 i;

	for (i = 0; i < cfg->num_pci_devices && !err; i++) {
		if (d[i].type == JH_PCI_TYPE_IVSHMEM)
			continue;
		pdev = jh_pci_get(&d[i]);
		if (!pdev) {
			jh_reason(reason, "cell %s: pci_devices[%u] %04x:%02x:%02x.%u is no "
				  "PCI device Linux knows: check the BDF (lspci -D)",
				  cfg->name, i, d[i].segment, JH_PCI_BUS(d[i].bdf),
				  JH_PCI_DEV(d[i].bdf), JH_PCI_FN(d[i].bdf));
			err = -ENODEV;
			break;
		}
		if (pdev->subordinate) {
			jh_reason(reason, "cell %s: pci_devices[%u] %s is a bridge: the "
				  "devices behind it would go with it; give the cell the "
				  "devices themselves", cfg->name, i, pci_name(pdev));
			err = -EINVAL;
		} else {
			err = driver_set_override(&pdev->dev, &pdev->driver_override,
						  JH_NO_DRIVER, strlen(JH_NO_DRIVER));
			if (err)
				jh_reason(reason, "cell %s: cannot keep Linux drivers off "
					  "%s (error %d)", cfg->name, pci_name(pdev), err);
			else
				device_release_driver(&pdev->dev);
		}
		pci_dev_put(pdev);
	}
	if (err)
		jh_cell_pci_return(cfg, i);
	return err;
}
