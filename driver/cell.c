// SPDX-License-Identifier: GPL-2.0
/*
 * Cell ioctls. Not implemented yet (issue 6): each refuses with a reason
 * instead of pretending.
 */
#include "jh-driver.h"

int jh_cell_ioctl(unsigned int cmd, struct jh_ioc_cell *req)
{
	jh_reason(req->reason, "cells are not implemented yet in this jh version "
		  "(only the root cell runs)");
	return -ENOSYS;
}
