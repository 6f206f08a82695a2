/* SPDX-License-Identifier: GPL-2.0 */
/* The VT-d backend's registers and units, shared by its DMA and IR parts */
#ifndef _HV_VTD_H
#define _HV_VTD_H

#include "hv.h"

/* registers (offsets) and the GCMD/GSTS bits jh uses */
enum { VTD_CAP = 0x08, VTD_ECAP = 0x10, VTD_GCMD = 0x18, VTD_GSTS = 0x1c,
       VTD_RTADDR = 0x20, VTD_FSTS = 0x34, VTD_FECTL = 0x38, VTD_IQT = 0x88,
       VTD_IQA = 0x90, VTD_IRTA = 0xb8 };
enum { GCMD_TE = 1U << 31, GCMD_SRTP = 1U << 30, GCMD_QIE = 1U << 26,
       GCMD_IRE = 1U << 25, GCMD_SIRTP = 1U << 24, GCMD_CFI = 1U << 23 };

struct vtd_unit {
	volatile u8 *regs;
	u64 base, cap, ecap;
	u64 *iq;			/* invalidation queue, 256 descriptors */
	unsigned int iq_tail;
	u64 saved[4];			/* RTADDR, IQA, IRTA, FECTL as the firmware left them */
};

#define vtd_reg32(u, reg)	(*(volatile u32 *)((u)->regs + (reg)))
#define vtd_reg64(u, reg)	(*(volatile u64 *)((u)->regs + (reg)))

/* Turns GCMD bits on or off, waits for GSTS to follow (one, on); -EIO if not */
int vtd_command(struct vtd_unit *u, u32 bit, bool on);
/* Context, IOTLB and IR entry caches of every unit flushed, waited for */
int vtd_flush(void);

/* Interrupt remapping (vtd-ir.c): the table, and turning it on in unit u */
extern u64 *vtd_ir_table;
int vtd_ir_init(void);
int vtd_ir_enable(struct vtd_unit *u);

#endif /* _HV_VTD_H */
