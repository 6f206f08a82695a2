/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The errno values the inmate library returns (negated), with the same
 * numbers as Linux; host builds of the pure parts use libc's. */
#ifndef _INMATE_ERRNO_H
#define _INMATE_ERRNO_H

#if __STDC_HOSTED__
#include <errno.h>
#else
#define ENOENT		2
#define EINVAL		22
#define ERANGE		34
#define ENODEV		19
#define ENOTSUP		95
#endif

#endif /* _INMATE_ERRNO_H */
