// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/devices/jh: enabled, memory pool use, cells and per-CPU VM exit
 * statistics (read from the hypervisor with hypercalls while it runs).
 * Every file that issues a hypercall is root-only (0400): hypercalls take
 * the hypervisor's management lock, and no user may make the root cell's
 * CPUs exit at will. Only `enabled` (the driver's own flag) is for all.
 */
#include <linux/device.h>
#include <linux/sysfs.h>

#include "jh-driver.h"
#include <jh/config-walk.h>
#include <jh/exit-names.h>

static struct device *jh_root;

static ssize_t enabled_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%d\n", jh_drv.enabled);
}
static DEVICE_ATTR_RO(enabled);

static ssize_t jh_info_show(char *buf, unsigned long what)
{
	ssize_t len;

	mutex_lock(&jh_drv.lock);
	if (jh_drv.enabled)
		len = sysfs_emit(buf, "%ld\n",
				 jh_hypercall(JH_HC_HYPERVISOR_GET_INFO, what, 0));
	else
		len = sysfs_emit(buf, "0\n");
	mutex_unlock(&jh_drv.lock);
	return len;
}

static ssize_t mem_pool_size_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return jh_info_show(buf, JH_INFO_MEM_POOL_SIZE);
}
static DEVICE_ATTR_ADMIN_RO(mem_pool_size);

static ssize_t mem_pool_used_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	return jh_info_show(buf, JH_INFO_MEM_POOL_USED);
}
static DEVICE_ATTR_ADMIN_RO(mem_pool_used);

/* One line per cell, root first: id name state cpus */
static ssize_t cells_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct jh_cell *cell;
	ssize_t len = 0;

	mutex_lock(&jh_drv.lock);
	if (!jh_drv.enabled)
		goto out;
	len = sysfs_emit(buf, "0 %.*s running %*pbl\n", JH_CELL_NAME_LEN,
			 jh_sys_root_cell(jh_drv.sys_config)->name,
			 cpumask_pr_args(&jh_drv.cpus));
	list_for_each_entry(cell, &jh_drv.cells, entry)
		len += sysfs_emit_at(buf, len, "%u %s %s %*pbl\n", cell->id, cell->name,
				     jh_cell_state_name(jh_cell_get_state(cell->id)),
				     cpumask_pr_args(&cell->cpus));
out:
	mutex_unlock(&jh_drv.lock);
	return len;
}
static DEVICE_ATTR_ADMIN_RO(cells);

/* "cpuN REASON COUNT" for every reason that occurred */
static ssize_t exit_stats_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	unsigned int cpu, reason;
	ssize_t len = 0;
	long count;

	mutex_lock(&jh_drv.lock);
	if (!jh_drv.enabled)
		goto out;
	for_each_cpu(cpu, &jh_drv.cpus) {
		for (reason = 0; reason < JH_EXIT_REASONS; reason++) {
			count = jh_hypercall(JH_HC_CPU_GET_INFO, cpu,
					     JH_CPU_INFO_STAT_BASE + reason);
			if (count <= 0)
				continue;
			len += sysfs_emit_at(buf, len, "cpu%u %s %ld\n", cpu,
					     jh_exit_name(reason), count);
		}
	}
out:
	mutex_unlock(&jh_drv.lock);
	return len;
}
static DEVICE_ATTR_ADMIN_RO(exit_stats);

static struct attribute *jh_attrs[] = {
	&dev_attr_enabled.attr,
	&dev_attr_mem_pool_size.attr,
	&dev_attr_mem_pool_used.attr,
	&dev_attr_cells.attr,
	&dev_attr_exit_stats.attr,
	NULL,
};

static const struct attribute_group jh_attr_group = {
	.attrs = jh_attrs,
};

int jh_sysfs_init(void)
{
	int err;

	jh_root = root_device_register("jh");
	if (IS_ERR(jh_root))
		return PTR_ERR(jh_root);
	err = sysfs_create_group(&jh_root->kobj, &jh_attr_group);
	if (err)
		root_device_unregister(jh_root);
	return err;
}

void jh_sysfs_exit(void)
{
	sysfs_remove_group(&jh_root->kobj, &jh_attr_group);
	root_device_unregister(jh_root);
}
