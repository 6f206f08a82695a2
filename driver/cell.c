// SPDX-License-Identifier: GPL-2.0
/*
 * Cells other than the root: create and destroy, the driver's list of
 * them (id, name, CPUs, the config as accepted) and reading configs back.
 * The hypervisor decides; the driver checks first with the same validator
 * so most refusals happen before Linux gives up a CPU or a device, and
 * every refusal leaves Linux as it was (its devices bound again).
 */
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <config-check.h>
#include <jh/config-walk.h>

#include "jh-driver.h"

static const char *const jh_state_names[] = {
	[JH_CELL_RUNNING]	 = "running",
	[JH_CELL_RUNNING_LOCKED] = "running-locked",
	[JH_CELL_SHUT_DOWN]	 = "shut-down",
	[JH_CELL_FAILED]	 = "failed",
	[JH_CELL_CREATED]	 = "created",
};

const char *jh_cell_state_name(long state)
{
	if (state >= 0 && state < ARRAY_SIZE(jh_state_names) &&
	    jh_state_names[state])
		return jh_state_names[state];
	return "unknown";
}

struct jh_cell *jh_cell_find(u32 id)
{
	struct jh_cell *cell;

	list_for_each_entry(cell, &jh_drv.cells, entry)
		if (cell->id == id)
			return cell;
	return NULL;
}

int jh_cell_get_state(u32 id)
{
	return jh_hypercall(JH_HC_CELL_GET_STATE, id, 0);
}

/*
 * Whether the root may write the cell's loadable regions now: the driver
 * made them loadable (SET_LOADABLE) and the hypervisor still has the cell
 * stopped since (created). After a failed start or load the cached flag
 * alone would be a guess: the hypervisor's state is asked every time.
 */
bool jh_cell_loadable(const struct jh_cell *cell)
{
	return cell->loadable && jh_cell_get_state(cell->id) == JH_CELL_CREATED;
}

/* A management hypercall; on failure the hypervisor's reason, or ours */
int jh_cell_hypercall(unsigned long code, unsigned long arg1,
		      unsigned long arg2, const char *what, char *reason)
{
	const struct jh_status *status = &jh_drv.boot->status;
	long ret = jh_hypercall(code, arg1, arg2);

	if (ret >= 0)
		return ret;
	if (ret == -ENOSYS)
		jh_reason(reason, "%s: the running hypervisor (jh.bin) does not "
			  "implement this (hypercall %lu): install the jh.bin built "
			  "with this driver", what, code);
	else if (READ_ONCE(status->reason[0]))	/* cleared at each request */
		jh_reason(reason, "%.*s", JH_REASON_SIZE, status->reason);
	else
		jh_reason(reason, "%s: the hypervisor refused (error %ld); see "
			  "'jh console'", what, ret);
	return ret;
}

struct jh_cell_check_ctx {
	char *reason;
	unsigned int errors;
};

static void jh_cell_finding(const struct jh_finding *f, void *opaque)
{
	struct jh_cell_check_ctx *ctx = opaque;

	if (f->severity == JH_SEV_ERROR && !ctx->errors++)
		jh_finding_format(ctx->reason, JH_IOCTL_REASON, f);
}

/* The shared validator: the new cell against the system and every cell */
static int jh_cell_check(const struct jh_cell *new, char *reason)
{
	struct jh_config_blob sys = {
		.file = "system config", .data = jh_drv.sys_config,
		.size = jh_drv.sys_config_size,
	};
	struct jh_config_blob blob = {
		.file = "cell config", .data = new->config, .size = new->config_size,
	};
	struct jh_cell_check_ctx ctx = { .reason = reason };
	struct jh_config_blob *existing;
	struct jh_cell *cell;
	unsigned int n = 0;

	list_for_each_entry(cell, &jh_drv.cells, entry)
		n++;
	existing = kcalloc(n ? n : 1, sizeof(*existing), GFP_KERNEL);
	if (!existing) {
		jh_reason(reason, "cell create: out of memory");
		return -ENOMEM;
	}
	n = 0;
	list_for_each_entry(cell, &jh_drv.cells, entry) {
		/* findings then say: cell 'rt' (running) */
		existing[n].file = "running";
		existing[n].data = cell->config;
		existing[n++].size = cell->config_size;
	}
	jh_check_new_cell(&sys, existing, n, &blob, jh_cell_finding, &ctx, NULL);
	kfree(existing);
	return ctx.errors ? -EINVAL : 0;
}

static int jh_cell_cpumask(struct jh_cell *cell, char *reason)
{
	u64 cpu;

	cpumask_clear(&cell->cpus);
	jh_for_each_cpu(cpu, cell->config) {
		if (cpu >= nr_cpu_ids || !cpu_possible(cpu)) {
			jh_reason(reason, "cell %s: CPU %llu does not exist here (CPUs "
				  "0..%u): fix the cell's cpu_set", cell->name, cpu,
				  nr_cpu_ids - 1);
			return -EINVAL;
		}
		cpumask_set_cpu(cpu, &cell->cpus);
	}
	if (cpumask_empty(&cell->cpus)) {
		jh_reason(reason, "cell %s has no CPU: set at least one in its cpu_set",
			  cell->name);
		return -EINVAL;
	}
	return 0;
}

static void jh_cell_free(struct jh_cell *cell)
{
	if (cell)
		kfree(cell->config);
	kfree(cell);
}

/* Copies and checks the config from user space; not yet listed */
static struct jh_cell *jh_cell_alloc(const struct jh_ioc_cell *req, char *reason)
{
	struct jh_cell *cell = kzalloc(sizeof(*cell), GFP_KERNEL);

	if (!cell)
		goto nomem;
	cell->config_size = req->config_size;
	/* kmalloc: physically contiguous, the hypervisor reads it by address */
	cell->config = kmalloc(req->config_size, GFP_KERNEL | __GFP_NOWARN);
	if (!cell->config)
		goto nomem;
	if (copy_from_user(cell->config, u64_to_user_ptr(req->config),
			   req->config_size)) {
		jh_reason(reason, "cell create: cannot read the config from user memory");
		jh_cell_free(cell);
		return ERR_PTR(-EFAULT);
	}
	return cell;
nomem:
	jh_reason(reason, "cell create: out of memory for a %u-byte config",
		  req->config_size);
	jh_cell_free(cell);
	return ERR_PTR(-ENOMEM);
}

/* With the lock: the hypervisor must run */
int jh_require_enabled(char *reason)
{
	if (jh_drv.enabled)
		return 0;
	jh_reason(reason, "the hypervisor is not enabled: run 'jh enable SYSCONFIG.cell' "
		  "first");
	return -EINVAL;
}

int jh_cell_create(struct jh_ioc_cell *req)
{
	struct jh_cell *cell;
	long id;
	int err;

	if (req->image || req->image_size || req->load_address || req->cell_id) {
		jh_reason(req->reason, "cell create: image, image_size, load_address and "
			  "cell_id must be 0");
		return -EINVAL;
	}
	if (req->config_size < sizeof(struct jh_cell_desc) ||
	    req->config_size > JH_CONFIG_MAX_SIZE) {
		jh_reason(req->reason, "cell create: config size %u is outside %zu..%u "
			  "bytes", req->config_size, sizeof(struct jh_cell_desc),
			  JH_CONFIG_MAX_SIZE);
		return -EINVAL;
	}
	cell = jh_cell_alloc(req, req->reason);
	if (IS_ERR(cell))
		return PTR_ERR(cell);

	mutex_lock(&jh_drv.lock);
	err = jh_require_enabled(req->reason);
	if (err)
		goto fail;
	err = jh_cell_check(cell, req->reason);
	if (err)
		goto fail;
	strscpy(cell->name, cell->config->name, sizeof(cell->name));
	err = jh_cell_cpumask(cell, req->reason);
	if (err)
		goto fail;
	err = jh_cell_pci_take(cell->config, req->reason);
	if (err)
		goto fail;
	err = jh_cpus_hand_over(&cell->cpus, req->reason);
	if (err)
		goto fail_pci;
	id = jh_cell_hypercall(JH_HC_CELL_CREATE, virt_to_phys(cell->config),
			       cell->config_size, "cell create", req->reason);
	if (id < 0) {
		/* the hypervisor undid its part: Linux gets its CPUs back */
		jh_cpus_take_back(&cell->cpus, req->reason);
		err = id;
		goto fail_pci;
	}
	cell->id = id;
	req->cell_id = id;
	list_add_tail(&cell->entry, &jh_drv.cells);
	pr_info("jh: created cell %s (id %u) on CPUs %*pbl\n", cell->name,
		cell->id, cpumask_pr_args(&cell->cpus));
	mutex_unlock(&jh_drv.lock);
	return 0;

fail_pci:
	jh_cell_pci_give_back(cell->config);
fail:
	mutex_unlock(&jh_drv.lock);
	jh_cell_free(cell);
	return err;
}

/*
 * The cell of a start/shutdown/destroy/load request, with the lock held;
 * with_image: load, the only one that may carry an image.
 */
struct jh_cell *jh_cell_of_request(struct jh_ioc_cell *req, bool with_image,
					  const char *verb)
{
	struct jh_cell *cell;
	int err;

	if (req->config || req->config_size ||
	    (!with_image && (req->image || req->image_size || req->load_address))) {
		jh_reason(req->reason, "cell %s: only cell_id%s may be set", verb,
			  with_image ? ", image, image_size and load_address" : "");
		return ERR_PTR(-EINVAL);
	}
	err = jh_require_enabled(req->reason);
	if (err)
		return ERR_PTR(err);
	if (req->cell_id == 0) {
		jh_reason(req->reason, "cell %s: cell 0 is the root cell (Linux); it "
			  "cannot be %s", verb, with_image ? "loaded" : "managed this way");
		return ERR_PTR(-EINVAL);
	}
	cell = jh_cell_find(req->cell_id);
	if (!cell) {
		jh_reason(req->reason, "cell %s: there is no cell with id %u: see "
			  "'jh cell list'", verb, req->cell_id);
		return ERR_PTR(-ENOENT);
	}
	return cell;
}

/* Runs one id-only hypercall on the request's cell */
int jh_cell_simple(struct jh_ioc_cell *req, unsigned long code, const char *verb,
		   struct jh_cell **found)
{
	struct jh_cell *cell = jh_cell_of_request(req, false, verb);
	char what[64];

	if (IS_ERR(cell))
		return PTR_ERR(cell);
	if (found)
		*found = cell;
	snprintf(what, sizeof(what), "cell %s %s", verb, cell->name);
	return jh_cell_hypercall(code, cell->id, 0, what, req->reason);
}

int jh_cell_destroy(struct jh_ioc_cell *req)
{
	struct jh_cell *cell = NULL;
	int err;

	mutex_lock(&jh_drv.lock);
	err = jh_cell_simple(req, JH_HC_CELL_DESTROY, "destroy", &cell);
	if (err < 0)
		goto out;
	list_del(&cell->entry);
	/* its CPUs wait for SIPI in the hypervisor: add_cpu() starts them */
	jh_reason(req->reason, "cell %s was destroyed", cell->name);
	err = jh_cpus_take_back(&cell->cpus, req->reason);
	jh_cell_pci_give_back(cell->config);
	if (!err)
		pr_info("jh: destroyed cell %s: CPUs %*pbl and its devices back in "
			"Linux\n", cell->name, cpumask_pr_args(&cell->cpus));
	jh_cell_free(cell);
out:
	mutex_unlock(&jh_drv.lock);
	return err < 0 ? err : 0;
}

int jh_config_get(struct jh_ioc_config *req)
{
	const void *config;
	struct jh_cell *cell;
	int err;

	if (req->flags) {
		jh_reason(req->reason, "config get: flags must be 0");
		return -EINVAL;
	}
	mutex_lock(&jh_drv.lock);
	err = jh_require_enabled(req->reason);
	if (err)
		goto out;
	if (req->cell_id == 0) {
		config = jh_drv.sys_config;
		req->length = jh_drv.sys_config_size;
	} else {
		cell = jh_cell_find(req->cell_id);
		if (!cell) {
			jh_reason(req->reason, "config get: there is no cell with id %u: "
				  "see 'jh cell list'", req->cell_id);
			err = -ENOENT;
			goto out;
		}
		config = cell->config;
		req->length = cell->config_size;
	}
	if (req->size < req->length) {
		jh_reason(req->reason, "config get: the config has %u bytes, the buffer "
			  "only %u", req->length, req->size);
		err = -ENOSPC;
		goto out;
	}
	if (copy_to_user(u64_to_user_ptr(req->buffer), config, req->length)) {
		jh_reason(req->reason, "config get: bad buffer address");
		err = -EFAULT;
	}
out:
	mutex_unlock(&jh_drv.lock);
	return err;
}
