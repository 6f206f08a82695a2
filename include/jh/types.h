/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fixed-width types for headers shared by the hypervisor (freestanding),
 * the driver (kernel) and the tools (user space).
 */
#ifndef _JH_TYPES_H
#define _JH_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

#define JH_PACKED	__attribute__((packed))

#endif /* _JH_TYPES_H */
