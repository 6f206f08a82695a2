// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Cell side of the comm region. The hypervisor writes msg_to_cell to ask
 * something; the cell answers in reply_from_cell for as long as the message
 * is pending (rewriting the same answer is harmless) and leaves
 * msg_to_cell alone, since that field is the hypervisor's to write.
 */
#include <inmate/comm.h>
#include <inmate/inmate.h>
#include <inmate/layout.h>
#include <inmate/x86.h>

#define CPUID1_ECX_HYPERVISOR	(1U << 31)

static bool locked;

struct jh_comm_region *comm_region(void)
{
	struct jh_comm_region *comm = (void *)COMM_REGION_ADDR;
	const char *sig = JH_COMM_SIGNATURE;
	unsigned int i;

	if (boot_kind != BOOT_CELL)
		return NULL;
	for (i = 0; i < JH_SIGNATURE_SIZE; i++)
		if (comm->signature[i] != sig[i])
			return NULL;
	return comm;
}

bool inmate_under_jh(void)
{
	if (!(cpuid(1, 0).ecx & CPUID1_ECX_HYPERVISOR))
		return false;
	return cpuid(JH_CPUID_LEAF, 0).ebx == JH_CPUID_SIGNATURE;
}

void comm_init(void)
{
	struct jh_comm_region *comm = comm_region();

	if (comm)
		comm->cell_state = JH_CELL_RUNNING;
}

void comm_set_locked(bool lock)
{
	struct jh_comm_region *comm = comm_region();

	locked = lock;
	if (comm)
		comm->cell_state = lock ? JH_CELL_RUNNING_LOCKED : JH_CELL_RUNNING;
}

bool comm_poll(void)
{
	struct jh_comm_region *comm = comm_region();
	uint32_t answer;

	if (!comm || comm->msg_to_cell == JH_MSG_NONE)
		return false;
	/* denied while locked, and for messages this library does not know */
	if (comm->msg_to_cell == JH_MSG_SHUTDOWN_REQUEST && !locked)
		answer = JH_MSG_REQUEST_APPROVED;
	else
		answer = JH_MSG_REQUEST_DENIED;
	if (comm->reply_from_cell != answer)
		comm->reply_from_cell = answer;
	return answer == JH_MSG_REQUEST_APPROVED;
}

void comm_report_shut_down(void)
{
	struct jh_comm_region *comm = comm_region();

	if (comm)
		comm->cell_state = JH_CELL_SHUT_DOWN;
}

void comm_report_failed(void)
{
	struct jh_comm_region *comm = comm_region();

	if (comm)
		comm->cell_state = JH_CELL_FAILED;
}
