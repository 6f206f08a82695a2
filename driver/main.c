// SPDX-License-Identifier: GPL-2.0
/*
 * jh driver: the /dev/jh misc device and its ioctls. Only root may use it
 * (mode 0600 and CAP_SYS_ADMIN on every call); every argument is copied
 * and checked here before anything acts on it.
 */
#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "jh-driver.h"

struct jh_driver jh_drv = {
	.lock = __MUTEX_INITIALIZER(jh_drv.lock),
	.cells = LIST_HEAD_INIT(jh_drv.cells),
};

void jh_reason(char *reason, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, JH_IOCTL_REASON, fmt, ap);
	va_end(ap);
}

void jh_reason_append(char *reason, const char *fmt, ...)
{
	size_t len = strnlen(reason, JH_IOCTL_REASON - 1);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason + len, JH_IOCTL_REASON - len, fmt, ap);
	va_end(ap);
}

/* Size checked by the ioctl number; copies the request in */
static void *jh_copy_request(void __user *arg, size_t size)
{
	void *req = memdup_user(arg, size);

	if (IS_ERR(req))
		return req;
	/* never echo stale user bytes back as a reason */
	memset((char *)req + size - JH_IOCTL_REASON, 0, JH_IOCTL_REASON);
	return req;
}

static long jh_ioctl_enable(struct jh_ioc_enable *req)
{
	if (req->flags) {
		jh_reason(req->reason, "enable: unknown flags 0x%x (must be 0)",
			  req->flags);
		return -EINVAL;
	}
	if (req->config_size < sizeof(struct jh_system) ||
	    req->config_size > JH_CONFIG_MAX_SIZE) {
		jh_reason(req->reason,
			  "enable: config size %u is outside %zu..%u bytes",
			  req->config_size, sizeof(struct jh_system),
			  JH_CONFIG_MAX_SIZE);
		return -EINVAL;
	}
	return jh_enable(u64_to_user_ptr(req->config), req->config_size,
			 req->reason);
}

static long jh_ioctl_disable(struct jh_ioc_disable *req)
{
	if (req->flags || req->reserved) {
		jh_reason(req->reason, "disable: flags and reserved must be 0");
		return -EINVAL;
	}
	return jh_disable(req->reason);
}

static long jh_dispatch(unsigned int cmd, void *req)
{
	switch (cmd) {
	case JH_IOCTL_ENABLE:
		return jh_ioctl_enable(req);
	case JH_IOCTL_DISABLE:
		return jh_ioctl_disable(req);
	case JH_IOCTL_INFO:
		return jh_info(req);
	case JH_IOCTL_CONSOLE:
		return jh_console_read(req, ((struct jh_ioc_console *)req)->reason);
	case JH_IOCTL_CELL_CREATE:
		return jh_cell_create(req);
	case JH_IOCTL_CELL_LOAD:
		return jh_cell_load(req);
	case JH_IOCTL_CELL_START:
		return jh_cell_start(req);
	case JH_IOCTL_CELL_SHUTDOWN:
		return jh_cell_shutdown(req);
	case JH_IOCTL_CELL_DESTROY:
		return jh_cell_destroy(req);
	case JH_IOCTL_CELL_STATS:
		return jh_cell_stats(req);
	case JH_IOCTL_CONFIG_GET:
		return jh_config_get(req);
	default:
		return -ENOTTY;
	}
}

static long jh_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	size_t size = _IOC_SIZE(cmd);
	void *req;
	long ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (cmd) {
	case JH_IOCTL_ENABLE:
	case JH_IOCTL_DISABLE:
	case JH_IOCTL_CELL_CREATE:
	case JH_IOCTL_CELL_LOAD:
	case JH_IOCTL_CELL_START:
	case JH_IOCTL_CELL_DESTROY:
	case JH_IOCTL_CELL_SHUTDOWN:
	case JH_IOCTL_CELL_STATS:
	case JH_IOCTL_CONFIG_GET:
	case JH_IOCTL_INFO:
	case JH_IOCTL_CONSOLE:
		break;
	default:
		return -ENOTTY;
	}
	req = jh_copy_request(uarg, size);
	if (IS_ERR(req))
		return PTR_ERR(req);
	ret = jh_dispatch(cmd, req);
	if (copy_to_user(uarg, req, size))
		ret = -EFAULT;
	kfree(req);
	return ret;
}

static const struct file_operations jh_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = jh_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice jh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "jh",
	.fops = &jh_fops,
	.mode = 0600,
};

static int __init jh_init(void)
{
	int err;

	err = misc_register(&jh_misc);
	if (err)
		return err;
	jh_drv.dev = jh_misc.this_device;
	err = jh_sysfs_init();
	if (err) {
		misc_deregister(&jh_misc);
		return err;
	}
	return 0;
}

static void __exit jh_exit(void)
{
	jh_sysfs_exit();
	misc_deregister(&jh_misc);
	kfree(jh_drv.console_copy);
}

module_init(jh_init);
module_exit(jh_exit);

MODULE_DESCRIPTION("jh partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_FIRMWARE("jh.bin");
