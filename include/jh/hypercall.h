/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * jh hypercall ABI (x86-64, VT-x) and the cell communication region.
 *
 * A hypercall is VMCALL with the code in RAX and up to two arguments in RDI
 * and RSI; the result comes back in RAX: >= 0 on success, a negative errno
 * otherwise. Management hypercalls are for the root cell only. When one
 * fails, the hypervisor also writes a NUL-terminated reason (which check,
 * which value) into the root cell's status page registered at enable time
 * (struct jh_status), so the driver can hand it to the user. The cell
 * hypercalls run one at a time; all but GET_STATE clear the status first:
 * after a failure, last_error is the errno returned and reason says why. Other cells may only call SHMEM_RING, and
 * DEBUG_CONSOLE_PUTC with JH_CELL_VIRTUAL_CONSOLE (-EPERM otherwise).
 *
 * Shared memory (docs/shmem.md): SHMEM_RING(i) sends the doorbell of the
 * caller's link i (its config's shmem_links[i]) to each peer that is up;
 * SHMEM_ROOT_IRQ(i, cpu << 8 | vector) sets where the root's doorbell of
 * its link i arrives (a root CPU, vector 32..255) and returns the mask of
 * the link's peers that are up (bit = peer number), as a cell reads it in
 * its comm region's shmem_peers_up[i].
 *
 * Cell life (docs/hypervisor.md): CREATE parks the cell's CPUs (Linux must
 * have offlined them as VMX guests) and takes its memory and ports from
 * the root; SET_LOADABLE stops it (asking it first if it runs) and maps
 * its LOADABLE regions back into the root; START takes them again and
 * resets its CPUs to cpu_reset_address; SHUTDOWN asks it through the comm
 * region (-EPERM: refused, -ETIMEDOUT: no answer); DESTROY gives its CPUs
 * back to the root, parked until Linux's INIT/SIPI starts them (or out of
 * VMX, boot cpu_result 0, where the APIC needs an INIT), and everything
 * else. DISABLE (one call per CPU, under the same lock) fails
 * with -EBUSY while cells exist or a root CPU is parked offline; once a
 * CPU has left, CREATE fails.
 */
#ifndef _JH_HYPERCALL_H
#define _JH_HYPERCALL_H

#include "types.h"
#include "config.h"

#define JH_HC_DISABLE			0
#define JH_HC_CELL_CREATE		1	/* config guest-phys address, size */
#define JH_HC_CELL_START		2	/* cell id */
#define JH_HC_CELL_SET_LOADABLE		3	/* cell id */
#define JH_HC_CELL_DESTROY		4	/* cell id */
#define JH_HC_HYPERVISOR_GET_INFO	5	/* JH_INFO_* */
#define JH_HC_CELL_GET_STATE		6	/* cell id */
#define JH_HC_CPU_GET_INFO		7	/* cpu, JH_CPU_INFO_* */
#define JH_HC_DEBUG_CONSOLE_PUTC	8	/* character */
#define JH_HC_CELL_SHUTDOWN		9	/* cell id: ask it via comm region */
#define JH_HC_CELL_GET_STATS		10	/* cell id, guest-phys jh_cell_stats */
#define JH_HC_SHMEM_RING		11	/* link index: doorbell to its peers */
#define JH_HC_SHMEM_ROOT_IRQ		12	/* root link index, cpu << 8 | vector */
#define JH_HC_NUM			13

/* CPUID under jh: leaf 0x40000000 returns this in EBX ("jh") */
#define JH_CPUID_LEAF			0x40000000
#define JH_CPUID_SIGNATURE		0x0000686a

#define JH_INFO_MEM_POOL_SIZE		0
#define JH_INFO_MEM_POOL_USED		1
#define JH_INFO_NUM_CELLS		2

#define JH_CPU_INFO_STATE		0
#define JH_CPU_INFO_STAT_BASE		1000	/* + exit reason: VM exits per reason */

#define JH_CPU_RUNNING			0
#define JH_CPU_FAILED			2

/* Exit statistics: counters indexed by VMX basic exit reason */
#define JH_EXIT_REASONS			80

struct jh_cell_stats {
	uint64_t total;
	uint64_t per_reason[JH_EXIT_REASONS];
	uint64_t tsc;			/* when the sample was taken */
} JH_PACKED;

/* Root cell status page, registered at enable */
#define JH_REASON_SIZE			512

struct jh_status {
	int32_t last_error;
	uint32_t reserved;
	char reason[JH_REASON_SIZE];
} JH_PACKED;

/* Cell states, in the comm region and from JH_HC_CELL_GET_STATE */
#define JH_CELL_RUNNING			0
#define JH_CELL_RUNNING_LOCKED		1	/* refuses shutdown requests */
#define JH_CELL_SHUT_DOWN		2
#define JH_CELL_FAILED			3
#define JH_CELL_CREATED			4	/* created or loadable, not started */

/* Messages from the hypervisor to a cell, and its replies */
#define JH_MSG_NONE			0
#define JH_MSG_SHUTDOWN_REQUEST		1

#define JH_MSG_REPLY_NONE		0
#define JH_MSG_REQUEST_DENIED		1
#define JH_MSG_REQUEST_APPROVED		2

#define JH_COMM_SIGNATURE		"JHCOMM01"
#define JH_COMM_REVISION		1

/* Mapped into a cell at its JH_MEM_COMM_REGION region */
struct jh_comm_region {
	char signature[JH_SIGNATURE_SIZE];
	uint16_t revision;
	uint16_t reserved;
	volatile uint32_t cell_state;		/* written by the cell */
	volatile uint32_t msg_to_cell;		/* written by the hypervisor */
	volatile uint32_t reply_from_cell;	/* written by the cell */
	uint32_t flags;				/* the cell config's flags */
	/* platform information for the inmate */
	uint32_t num_cpus;
	uint32_t tsc_khz;
	uint32_t apic_khz;
	uint16_t pm_timer_port;
	uint16_t reserved2;
	struct jh_console console;
	/* bit p: peer p of the cell's link i is up (running); by the hypervisor */
	volatile uint32_t shmem_peers_up[JH_SHMEM_MAX_LINKS];
} JH_PACKED;

#endif /* _JH_HYPERCALL_H */
