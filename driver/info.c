// SPDX-License-Identifier: GPL-2.0
/* jh info and jh console: what the hypervisor reports about itself */
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "jh-driver.h"

int jh_info(struct jh_ioc_info *info)
{
	unsigned int cpu;

	memset(info, 0, offsetof(struct jh_ioc_info, reason));
	mutex_lock(&jh_drv.lock);
	info->enabled = jh_drv.enabled;
	if (jh_drv.enabled) {
		info->num_cpus = cpumask_weight(&jh_drv.cpus);
		for_each_cpu(cpu, &jh_drv.cpus)
			info->cpu_mask |= 1ULL << cpu;
		info->mem_pool_size = jh_hypercall(JH_HC_HYPERVISOR_GET_INFO,
						   JH_INFO_MEM_POOL_SIZE, 0);
		info->mem_pool_used = jh_hypercall(JH_HC_HYPERVISOR_GET_INFO,
						   JH_INFO_MEM_POOL_USED, 0);
		info->num_cells = jh_hypercall(JH_HC_HYPERVISOR_GET_INFO,
					       JH_INFO_NUM_CELLS, 0);
		info->hv_image_size = jh_drv.image_size;
		info->hv_phys_base = jh_drv.hv_phys;
		info->hv_mem_size = jh_drv.hv_size;
	}
	mutex_unlock(&jh_drv.lock);
	return 0;
}

/* Copies ring bytes [offset, offset + len) out, oldest still kept first */
int jh_console_read(struct jh_ioc_console *req, char *reason)
{
	struct jh_console_ring *ring;
	u64 start, written;
	u32 len, i;
	char *buf;
	int err = 0;

	if (req->size > JH_CONSOLE_RING) {
		jh_reason(reason, "console: buffer size %u is above %u", req->size,
			  JH_CONSOLE_RING);
		return -EINVAL;
	}
	buf = kmalloc(JH_CONSOLE_RING, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&jh_drv.lock);
	if (jh_drv.enabled && !(jh_drv.sys_flags & JH_SYS_VIRTUAL_DEBUG_CONSOLE)) {
		mutex_unlock(&jh_drv.lock);
		kfree(buf);
		jh_reason(reason, "the system config does not let the root cell read the "
			  "hypervisor console: set JH_SYS_VIRTUAL_DEBUG_CONSOLE in its flags");
		return -EPERM;
	}
	ring = jh_drv.enabled ? &jh_drv.boot->console : jh_drv.console_copy;
	if (!ring) {
		mutex_unlock(&jh_drv.lock);
		kfree(buf);
		jh_reason(reason, "the hypervisor has not run since the driver was loaded");
		return -ENODATA;
	}
	written = READ_ONCE(ring->written);
	start = max(req->offset, written > JH_CONSOLE_RING ?
				 written - JH_CONSOLE_RING : 0);
	start = min(start, written);
	len = min_t(u64, written - start, req->size);
	for (i = 0; i < len; i++)
		buf[i] = ring->buf[(start + i) % JH_CONSOLE_RING];
	mutex_unlock(&jh_drv.lock);

	if (copy_to_user(u64_to_user_ptr(req->buffer), buf, len)) {
		jh_reason(reason, "console: bad buffer address");
		err = -EFAULT;
	}
	req->length = err ? 0 : len;
	req->offset = start + req->length;
	req->written = written;
	kfree(buf);
	return err;
}
