/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The per-hart virtual context: the firmware's view of an M-mode hart.
 * Emulation only changes this struct; the hardware layer applies it.
 */
#ifndef RAMPART_VCPU_H
#define RAMPART_VCPU_H

#include "../../include/rampart/types.h"

#define VPMP_COUNT 8	/* PMP entries the firmware sees (physical 2..9) */
#define VHPM_FIRST 3	/* mhpmcounter3.. */
#define VHPM_COUNT 16	/* ..mhpmcounter18, as QEMU virt implements
			 * (hw/hw_csr.c reaches these in the hart) */

/*
 * Hardware the CSR model reaches through: the payload's S-mode CSRs, mip and
 * the counters stay live in the hart (the firmware world cannot reach them
 * by itself: it runs in U-mode with translation off). Tests substitute a fake.
 */
struct vcpu_ops {
	/* Read/write a live CSR (S-mode CSRs, mip, counters).
	 * Return 0, or -RAMPART_EINVAL if the hart does not have it. */
	int (*csr_read)(u16 csr, u64 *val);
	int (*csr_write)(u16 csr, u64 val);
	/* Set, then clear, exactly these mip bits in the hart (csrs/csrc).
	 * Never a read-modify-write: the SEIP bit reads as the software bit
	 * OR the external line, so writing back what was read would latch
	 * the line into the software bit (Priv. spec 3.1.9). */
	void (*mip_update)(u64 set, u64 clear);
};

/* Virtual M-mode CSRs: what the firmware believes the hart holds. */
struct vcsr {
	u64 mstatus;	/* the M-mode fields (VMSTATUS_FIELDS) and FS */
	u64 misa;
	u64 medeleg;
	u64 mideleg;
	u64 mie;	/* all bits; the S bits are the payload's sie */
	u64 mtvec;
	u64 mscratch;
	u64 mepc;
	u64 mcause;
	u64 mtval;
	u64 mcounteren;
	u64 mcountinhibit;
	u64 menvcfg;
	u64 satp;	/* the payload's satp: off in the hart while firmware runs */
	u64 pmpcfg;	/* VPMP_COUNT one-byte configs, pmpcfg0 layout */
	u64 pmpaddr[VPMP_COUNT];
	u64 mhpmevent[VHPM_COUNT];
	/* read-only identity, copied from the hart at boot */
	u64 mhartid;
	u64 mvendorid;
	u64 marchid;
	u64 mimpid;
};

struct vcpu {
	u64 x[32];		/* x0 stays 0: write through vcpu_set_reg() */
	u64 pc;
	u64 mode;		/* virtual privilege: PRV_M = firmware world */
	u64 stack_top;		/* monitor stack of this hart (entry.S) */
	u64 hartid;
	const struct vcpu_ops *ops;
	struct vcsr csr;
	/* exceptions delivered to virtual M-mode since its last mret: a
	 * firmware that only faults makes no progress (trap.c) */
	u64 unreturned;
	/* the hart's privileged spec, 1.@priv_minor: which rules xret follows */
	u8 priv_minor;
	/* the firmware's FP registers are in the hart, its FS is the hart's
	 * (hw/fpu.c); else they are saved and its FS is in csr.mstatus */
	bool fp_live;
	/* the firmware wrote its virtual PMP since the hart's was planned */
	bool pmp_dirty;
};

/* ABI names of the argument registers (SBI calls: a7 extension, a6 function) */
#define REG_A0 10
#define REG_A1 11
#define REG_A2 12
#define REG_A3 13
#define REG_A6 16
#define REG_A7 17

#define ECALL_LEN 4	/* ecall has no compressed form */

static inline u64 vcpu_reg(const struct vcpu *v, unsigned int n)
{
	return n ? v->x[n & 31] : 0;
}

/* The one setter of guest registers: writes to x0 are dropped here. */
static inline void vcpu_set_reg(struct vcpu *v, unsigned int n, u64 val)
{
	if (n & 31)
		v->x[n & 31] = val;
}

/* The one place the pc moves past an instruction the monitor completed
 * (@len: 2 or 4, from the decoder or ECALL_LEN). */
static inline void vcpu_skip(struct vcpu *v, unsigned int len)
{
	v->pc += len;
}

/* Complete an SBI call the monitor answered: a0 = @err, a1 = @value. */
static inline void vcpu_sbi_return(struct vcpu *v, u64 err, u64 value)
{
	vcpu_set_reg(v, REG_A0, err);
	vcpu_set_reg(v, REG_A1, value);
	vcpu_skip(v, ECALL_LEN);
}

/* Reset the virtual hart as QEMU's reset leaves a real one (mode M). */
void vcpu_reset(struct vcpu *v, u64 hartid, u64 misa,
		const struct vcpu_ops *ops);

/* The hart has F or D: the firmware sees it, with FP registers of its own. */
static inline bool vcpu_has_fpu(const struct vcpu *v)
{
	return (v->csr.misa & (BIT('F' - 'A') | BIT('D' - 'A'))) != 0;
}

/* The hart has S-mode (a zero misa tells nothing: believed, as hw/probe.c
 * does). Without it (QEMU sifive_u's E51) it has no S-mode CSR and no
 * sret: both are illegal instructions, in M too. */
static inline bool vcpu_has_s_mode(const struct vcpu *v)
{
	return !v->csr.misa || (v->csr.misa & BIT('S' - 'A'));
}

#endif
