/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The cell side of the comm region protocol (include/jh/hypercall.h):
 * the cell reports its state and answers the hypervisor's messages.
 * All calls are no-ops on bare metal.
 */
#ifndef _INMATE_COMM_H
#define _INMATE_COMM_H

#include <jh/types.h>

/* Marks the cell running (done by the library before main) */
void comm_init(void);
/* While locked, shutdown requests are denied (state RUNNING_LOCKED) */
void comm_set_locked(bool locked);
/* Answers a pending message; true if a shutdown request was approved,
 * after which the application should wrap up and return from main. */
bool comm_poll(void);
/* Final state, set by the library after main returns */
void comm_report_shut_down(void);
/* After a fatal exception */
void comm_report_failed(void);

#endif /* _INMATE_COMM_H */
