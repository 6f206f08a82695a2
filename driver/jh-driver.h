/* SPDX-License-Identifier: GPL-2.0 */
/* jh driver internals shared by its files */
#ifndef _JH_DRIVER_H
#define _JH_DRIVER_H

#include <linux/cpumask.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <jh/config.h>
#include <jh/hv-boot.h>
#include <jh/ioctl.h>

/* A cell other than the root, as the driver knows it (cell.c) */
struct jh_cell {
	struct list_head entry;		/* in jh_drv.cells */
	u32 id;				/* the hypervisor's, 1.. */
	char name[JH_CELL_NAME_LEN];
	cpumask_t cpus;
	struct jh_cell_desc *config;	/* as accepted at create */
	u32 config_size;
	bool loadable;			/* SET_LOADABLE done since the last start;
					 * trusted only with the hypervisor's state
					 * (jh_cell_loadable()) */
};

/* One instance: the hypervisor is a machine-wide singleton */
struct jh_driver {
	struct mutex lock;		/* every field below */
	struct device *dev;		/* /dev/jh, for request_firmware */
	bool enabled;
	struct resource *mem_res;	/* the claimed hypervisor memory */
	void *hv;			/* its memremap()ed Linux mapping */
	u64 hv_phys, hv_size;
	struct jh_hv_boot *boot;	/* inside hv */
	size_t image_size;
	cpumask_t cpus;			/* the root's CPUs (all under the hypervisor) */
	u32 sys_flags;			/* JH_SYS_* of the running system config */
	struct jh_system *sys_config;	/* the running system config */
	u32 sys_config_size;
	struct list_head cells;		/* struct jh_cell, by id */
	/*
	 * Read by the hotplug callbacks without the lock (bit operations):
	 * cell_cpus are handed to cells, Linux may not bring them online;
	 * left_cpus were given back by a cell outside VMX (hotplug.c).
	 */
	cpumask_t cell_cpus;
	cpumask_t left_cpus;
	/* the console ring as it was when the hypervisor last stopped */
	struct jh_console_ring *console_copy;
};

extern struct jh_driver jh_drv;

/* reason: a JH_IOCTL_REASON buffer the user will see */
__printf(2, 3) void jh_reason(char *reason, const char *fmt, ...);
/* adds to the end of a reason already written (cut at the buffer's end) */
__printf(2, 3) void jh_reason_append(char *reason, const char *fmt, ...);

int jh_enable(const void __user *config, u32 size, char *reason);
int jh_disable(char *reason);
int jh_info(struct jh_ioc_info *info);
int jh_console_read(struct jh_ioc_console *req, char *reason);
/* cell ioctls (cell.c, cell-load.c, cell-run.c) */
int jh_cell_create(struct jh_ioc_cell *req);
int jh_cell_destroy(struct jh_ioc_cell *req);
int jh_cell_load(struct jh_ioc_cell *req);
int jh_cell_start(struct jh_ioc_cell *req);
int jh_cell_shutdown(struct jh_ioc_cell *req);
int jh_cell_stats(struct jh_ioc_cell_stats *req);
int jh_config_get(struct jh_ioc_config *req);
/* with jh_drv.lock held */
int jh_require_enabled(char *reason);
struct jh_cell *jh_cell_find(u32 id);
struct jh_cell *jh_cell_of_request(struct jh_ioc_cell *req, bool with_image,
				   const char *verb);
int jh_cell_simple(struct jh_ioc_cell *req, unsigned long code, const char *verb,
		   struct jh_cell **found);
int jh_cell_get_state(u32 id);
bool jh_cell_loadable(const struct jh_cell *cell);
const char *jh_cell_state_name(long state);
int jh_cell_hypercall(unsigned long code, unsigned long arg1,
		      unsigned long arg2, const char *what, char *reason);

/* handing CPUs to a cell and back (cell-cpus.c), jh_drv.lock held */
int jh_cpus_hand_over(const struct cpumask *cpus, char *reason);
int jh_cpus_take_back(const struct cpumask *cpus, char *reason);

/* A cell's PCI devices unbound from Linux before create, back after (cell-pci.c) */
int jh_cell_pci_take(const struct jh_cell_desc *cfg, char *reason);
void jh_cell_pci_give_back(const struct jh_cell_desc *cfg);

/* hypervisor memory: checks, claim, image load (hv-memory.c) */
int jh_hv_memory_claim(const struct jh_system *sys, char *reason);
void jh_hv_memory_release(void);
int jh_hv_image_load(char *reason);

/* the hypervisor's initial page tables (hv-tables.c) */
int jh_hv_tables_build(const struct jh_system *sys, char *reason);

/* per-CPU Linux state for the hypervisor's VMCS (cpu-state.c) */
void jh_capture_cpu_state(struct jh_linux_cpu *st);
int jh_vmx_check(char *reason);

/* this CPU into / out of the hypervisor; IRQs off (enable.c) */

/* CPUs going offline leave the hypervisor, coming online enter it (hotplug.c) */
void jh_enter_cpu(void *unused);
void jh_cpu_released(unsigned int cpu);
int jh_hotplug_register(char *reason);
void jh_hotplug_unregister(void);

/* sysfs under /sys/devices/jh (sysfs.c) */
int jh_sysfs_init(void);
void jh_sysfs_exit(void);

/* trampoline.S */
long jh_tramp_enter(u64 cpu, u64 hv_cr3, u64 hv_entry);
extern const char jh_tramp_entry_return[], jh_tramp_resume[], jh_tramp_end[];

static inline long jh_hypercall(unsigned long code, unsigned long arg1,
				unsigned long arg2)
{
	long ret;

	asm volatile("vmcall"
		     : "=a"(ret)
		     : "a"(code), "D"(arg1), "S"(arg2)
		     : "memory");
	return ret;
}

#endif /* _JH_DRIVER_H */
