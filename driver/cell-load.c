// SPDX-License-Identifier: GPL-2.0
/*
 * jh cell load: copies an image (or a string) into a LOADABLE region of a
 * stopped cell. The hypervisor first stops the cell and maps its loadable
 * regions back into the root (SET_LOADABLE, once until the next start);
 * the driver then writes through a temporary mapping of the target range.
 */
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "jh-driver.h"

#define JH_LOAD_CHUNK	(2UL << 20)	/* mapped at a time */

static void jh_load_refusal(const struct jh_cell *cell, u64 addr, u64 size,
			    char *reason)
{
	const struct jh_memory *m = jh_cell_mem_regions(cell->config);
	unsigned int i, n = 0;

	jh_reason(reason, "cell load: %llu bytes at guest 0x%llx-0x%llx are not inside "
		  "one loadable region of cell %s (loadable:", size, addr,
		  addr + size - 1, cell->name);
	for (i = 0; i < cell->config->num_memory_regions; i++, m++) {
		if (!(m->flags & JH_MEM_LOADABLE))
			continue;
		jh_reason_append(reason, "%s 0x%llx-0x%llx", n++ ? "," : "",
				 m->virt_start, m->virt_start + m->size - 1);
	}
	jh_reason_append(reason, "%s): choose another address with -a",
			 n ? "" : " none");
}

static int jh_copy_to_cell(u64 phys, const void __user *src, u64 size,
			   char *reason)
{
	u64 done, len;
	void *dst;

	for (done = 0; done < size; done += len) {
		len = min_t(u64, size - done, JH_LOAD_CHUNK);
		dst = memremap(phys + done, len, MEMREMAP_WB);
		if (!dst) {
			jh_reason(reason, "cell load: cannot map cell memory 0x%llx+0x%llx",
				  phys + done, len);
			return -ENOMEM;
		}
		if (copy_from_user(dst, src + done, len)) {
			memunmap(dst);
			jh_reason(reason, "cell load: cannot read the image from user "
				  "memory");
			return -EFAULT;
		}
		memunmap(dst);
	}
	return 0;
}

int jh_cell_load(struct jh_ioc_cell *req)
{
	const struct jh_memory *region;
	struct jh_cell *cell;
	char what[64];
	int err;

	if (!req->image_size || req->image_size > JH_IMAGE_MAX_SIZE) {
		jh_reason(req->reason, "cell load: image size %llu is outside 1..%u bytes",
			  req->image_size, JH_IMAGE_MAX_SIZE);
		return -EINVAL;
	}
	if (req->load_address + req->image_size < req->load_address) {
		jh_reason(req->reason, "cell load: address 0x%llx + size %llu wraps "
			  "around", req->load_address, req->image_size);
		return -EINVAL;
	}
	mutex_lock(&jh_drv.lock);
	cell = jh_cell_of_request(req, true, "load");
	if (IS_ERR(cell)) {
		err = PTR_ERR(cell);
		goto out;
	}
	region = jh_cell_loadable_region(cell->config, req->load_address, req->image_size);
	if (!region) {
		jh_load_refusal(cell, req->load_address, req->image_size, req->reason);
		err = -ERANGE;
		goto out;
	}
	if (!jh_cell_loadable(cell)) {
		snprintf(what, sizeof(what), "cell load %s", cell->name);
		err = jh_cell_hypercall(JH_HC_CELL_SET_LOADABLE, cell->id, 0, what,
					req->reason);
		cell->loadable = err >= 0;
		if (err < 0)
			goto out;
	}
	err = jh_copy_to_cell(region->phys_start + (req->load_address - region->virt_start),
			      u64_to_user_ptr(req->image), req->image_size, req->reason);
out:
	mutex_unlock(&jh_drv.lock);
	return err < 0 ? err : 0;
}
