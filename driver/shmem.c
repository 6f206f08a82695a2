// SPDX-License-Identifier: GPL-2.0
/*
 * Shared-memory links of the root cell (docs/shmem.md): a /dev/jh-shmemID
 * misc device per link of the running system config, from enable to
 * disable. The memory is the root's own config regions (its section
 * writable, the peers' read-only in its EPT too), mapped into user space
 * as it is. Doorbells arrive as an interrupt on a vector Linux allocates
 * from its x86 vector domain (exported API, no kernel patch); the
 * hypervisor learns vector and CPU by JH_HC_SHMEM_ROOT_IRQ, again whenever
 * Linux moved the interrupt (a CPU went offline for a cell).
 */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <asm/hw_irq.h>
#include <asm/irqdomain.h>
#include <jh/config-walk.h>

#include "jh-driver.h"

struct jh_shmem {
	struct miscdevice misc;
	char name[24];
	bool registered;
	int irq;			/* > 0 once allocated */
	u32 target;			/* cpu << 8 | vector told to the hypervisor */
	unsigned int index;
	struct jh_shmem_link link;
	u64 phys[JH_SHMEM_MAX_PEERS], size[JH_SHMEM_MAX_PEERS];
	atomic64_t doorbells;
	wait_queue_head_t wait;
};

/* Static: open files may outlive a disable, they then get -ENODEV */
static struct jh_shmem links[JH_SHMEM_MAX_LINKS];

static irqreturn_t jh_shmem_irq(int irq, void *data)
{
	struct jh_shmem *s = data;

	atomic64_inc(&s->doorbells);
	wake_up_interruptible(&s->wait);
	return IRQ_HANDLED;
}

/* (Re)tells the hypervisor where the interrupt is; returns the peers up mask */
static long jh_shmem_target(struct jh_shmem *s)
{
	struct irq_data *d = irq_get_irq_data(s->irq);
	struct irq_cfg *cfg = d ? irqd_cfg(d) : NULL;
	unsigned int cpu;

	if (!cfg)
		return -ENODEV;
	cpu = cpumask_first(irq_data_get_effective_affinity_mask(d));
	s->target = cpu << 8 | cfg->vector;
	return jh_hypercall(JH_HC_SHMEM_ROOT_IRQ, s->index, s->target);
}

static int jh_shmem_irq_setup(struct jh_shmem *s)
{
	struct irq_alloc_info info = { };
	long up;
	int err;

	s->irq = __irq_domain_alloc_irqs(x86_vector_domain, -1, 1, NUMA_NO_NODE,
					 &info, false, NULL);
	if (s->irq <= 0)
		return s->irq ? : -ENOSPC;
	irq_set_handler(s->irq, handle_edge_irq);
	/* the boot CPU: a cell never takes the CPU Linux creates cells on */
	irq_set_affinity(s->irq, cpumask_of(cpumask_first(cpu_online_mask)));
	err = request_irq(s->irq, jh_shmem_irq, IRQF_NOBALANCING, s->name, s);
	if (err)
		goto fail;
	up = jh_shmem_target(s);
	if (up >= 0)
		return 0;
	err = up;
	free_irq(s->irq, s);
fail:
	irq_dispose_mapping(s->irq);
	s->irq = 0;
	return err;
}

static struct jh_shmem *jh_shmem_of(struct file *f)
{
	return container_of(f->private_data, struct jh_shmem, misc);
}

static int jh_shmem_open(struct inode *inode, struct file *f)
{
	struct jh_shmem *s = jh_shmem_of(f);	/* misc_open set private_data */

	f->f_pos = atomic64_read(&s->doorbells);
	return 0;
}

static int jh_shmem_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct jh_shmem *s = jh_shmem_of(f);
	u64 off = vma->vm_pgoff << PAGE_SHIFT, len = vma->vm_end - vma->vm_start;
	u64 start = 0, at, n;
	unsigned int k;
	int err;

	for (k = 0; k < s->link.num_peers; start += s->size[k], k++) {
		if (k == s->link.peer || off >= start + s->size[k] || off + len <= start)
			continue;
		if (vma->vm_flags & VM_WRITE)
			return -EACCES;	/* another peer's section: read-only */
		vma->vm_flags &= ~VM_MAYWRITE;
	}
	for (start = 0, k = 0; k < s->link.num_peers && len; start += s->size[k], k++) {
		if (off >= start + s->size[k])
			continue;
		at = off - start;
		n = min(len, s->size[k] - at);
		err = remap_pfn_range(vma, vma->vm_end - len,
				      (s->phys[k] + at) >> PAGE_SHIFT, n,
				      vma->vm_page_prot);
		if (err)
			return err;
		off += n;
		len -= n;
	}
	return len ? -EINVAL : 0;
}

static ssize_t jh_shmem_read(struct file *f, char __user *buf, size_t size,
			     loff_t *pos)
{
	struct jh_shmem *s = jh_shmem_of(f);
	u64 now;
	int err;

	if (size < sizeof(now))
		return -EINVAL;
	if (!s->irq)
		return -ENODEV;
	if (f->f_flags & O_NONBLOCK && atomic64_read(&s->doorbells) == *pos)
		return -EAGAIN;
	err = wait_event_interruptible(s->wait, atomic64_read(&s->doorbells) != *pos ||
				       !s->irq);
	if (err)
		return err;
	now = atomic64_read(&s->doorbells);
	*pos = now;
	return copy_to_user(buf, &now, sizeof(now)) ? -EFAULT : sizeof(now);
}

static __poll_t jh_shmem_poll(struct file *f, poll_table *wait)
{
	struct jh_shmem *s = jh_shmem_of(f);

	poll_wait(f, &s->wait, wait);
	if (!s->irq)
		return EPOLLERR;
	return atomic64_read(&s->doorbells) != f->f_pos ? EPOLLIN | EPOLLRDNORM : 0;
}

static long jh_shmem_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct jh_shmem *s = jh_shmem_of(f);
	struct jh_shmem_info info = { };
	long ret = -ENODEV;
	unsigned int k;

	mutex_lock(&jh_drv.lock);
	if (!jh_drv.enabled || !s->irq)
		goto out;
	switch (cmd) {
	case JH_SHMEM_IOCTL_RING:
		ret = jh_hypercall(JH_HC_SHMEM_RING, s->index, 0);
		break;
	case JH_SHMEM_IOCTL_INFO:
		ret = jh_shmem_target(s);	/* the interrupt may have moved */
		if (ret < 0)
			break;
		info = (struct jh_shmem_info){
			.id = s->link.id, .peer = s->link.peer,
			.num_peers = s->link.num_peers, .index = s->index,
			.peers_up = ret, .irq_cpu = s->target >> 8,
			.irq_vector = s->target & 0xff,
			.doorbells = atomic64_read(&s->doorbells),
		};
		for (k = 0; k < s->link.num_peers; k++)
			info.section_size[k] = s->size[k];
		ret = copy_to_user((void __user *)arg, &info, sizeof(info)) ? -EFAULT : 0;
		break;
	default:
		ret = -ENOTTY;
	}
out:
	mutex_unlock(&jh_drv.lock);
	return ret;
}

static const struct file_operations jh_shmem_fops = {
	.owner = THIS_MODULE,
	.open = jh_shmem_open,
	.read = jh_shmem_read,
	.poll = jh_shmem_poll,
	.mmap = jh_shmem_mmap,
	.unlocked_ioctl = jh_shmem_ioctl,
	.llseek = noop_llseek,
};

static void jh_shmem_put(struct jh_shmem *s)
{
	if (s->registered)
		misc_deregister(&s->misc);
	s->registered = false;
	if (s->irq > 0) {
		free_irq(s->irq, s);
		irq_dispose_mapping(s->irq);
	}
	s->irq = 0;
	wake_up_interruptible(&s->wait);
}

/* After enable, jh_drv.lock held: a link that cannot be set up is left out, said in dmesg */
void jh_shmem_start(void)
{
	const struct jh_cell_desc *root = jh_sys_root_cell(jh_drv.sys_config);
	const struct jh_memory *mem = jh_cell_mem_regions(root);
	struct jh_shmem *s;
	unsigned int i, k;
	int err;

	for (i = 0; i < root->num_shmem_links && i < JH_SHMEM_MAX_LINKS; i++) {
		s = &links[i];
		memset(s, 0, sizeof(*s));
		init_waitqueue_head(&s->wait);
		s->index = i;
		s->link = jh_cell_shmem_links(root)[i];
		for (k = 0; k < s->link.num_peers; k++) {
			s->phys[k] = mem[s->link.mem_start + k].phys_start;
			s->size[k] = mem[s->link.mem_start + k].size;
		}
		snprintf(s->name, sizeof(s->name), "jh-shmem%u", s->link.id);
		s->misc = (struct miscdevice){ .minor = MISC_DYNAMIC_MINOR,
			.name = s->name, .fops = &jh_shmem_fops, .mode = 0600 };
		err = jh_shmem_irq_setup(s);
		if (!err) {
			err = misc_register(&s->misc);
			s->registered = !err;
		}
		if (err) {
			pr_warn("jh: shared-memory link %u: no /dev/%s (error %d)\n",
				s->link.id, s->name, err);
			jh_shmem_put(s);
			continue;
		}
		pr_info("jh: shared-memory link %u: /dev/%s, doorbells on CPU %u vector 0x%x\n",
			s->link.id, s->name, s->target >> 8, s->target & 0xff);
	}
}

/* Before disable, jh_drv.lock held */
void jh_shmem_stop(void)
{
	unsigned int i;

	for (i = 0; i < JH_SHMEM_MAX_LINKS; i++)
		if (links[i].name[0])	/* set up once: its wait queue too */
			jh_shmem_put(&links[i]);
}
