/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Everything the monitor keeps per hart, in one place: the virtual context
 * (first: the trap entry addresses it), the world and lock state, the IPI
 * doorbell, the fast-path cache, its world switches by cause, and a slot
 * the active policy owns.
 */
#ifndef RAMPART_HART_H
#define RAMPART_HART_H

#include "../../include/rampart/limits.h"
#include "../../include/rampart/types.h"
#include "fastpath.h"
#include "pmp.h"
#include "switches.h"
#include "vcpu.h"

#define MAX_HARTS RAMPART_MAX_HARTS
/*
 * Each hart's monitor stack, sized from measurement (scripts/stack-usage.sh,
 * docs/architecture.md "Harts and their stacks"): the deepest direct chain
 * is 3,088 bytes (signing evidence), one indirect call adds at most 2,848,
 * a trap taken in the monitor 1,120: 7,056 if all nested. The QEMU cases
 * used at most 3,032.
 */
#define HART_STACK_SIZE 0x2000
#define HART_POLICY_SLOT 512	/* bytes; policy.h: policy_slot(); protect
				 * needs 424 */
/* Each hart's state on its own cache lines, and a power of two in size:
 * harts[i] is a shift, on every path that reaches another hart. 64 harts
 * with their stacks take 768 KiB of the monitor's free 856 KiB. */
#define HART_SIZE 4096

struct boot_config;

/* One set of FP registers (hw/fpu.c), at the width the hart has. */
struct fp_regs {
	u64 f[32];
	u64 fcsr;
};

/*
 * What this hart has, probed on it before it first enters the firmware
 * (hw/probe.c): the harts of one machine differ (QEMU sifive_u's hart 0,
 * an E51, has neither S-mode nor F/D; harts 1..n, U54s, have both), and
 * each hart's firmware sees its own hart's, as on the bare hart.
 */
struct hart_facts {
	bool s_mode;		/* misa.S: S-mode CSRs, runs the payload */
	bool has_sstc;		/* stimecmp */
	bool has_time;		/* the time CSR reads in M-mode (not on QEMU
				 * sifive_u: its firmware emulates it) */
	u8 fp_bytes;		/* FP register width: 8 (D), 4 (F only),
				 * 0 (none): hw/fpu.c */
	u8 hpm_count;		/* mhpmcounter3.. the hart has (<= 16) */
};

struct hart {
	struct vcpu v;
	struct hart_facts facts;	/* written once, by the hart itself */
	const struct boot_config *cfg;	/* the boot's, read-only */
	/* the firmware world's PMP (hw/world.c) */
	bool pmp_mprv;			/* the applied layout denies data */
	u32 fw_pmp_key;			/* what fw_pmp was planned for, 0: none */
	struct pmp_layout fw_pmp;	/* planned once, written every entry */
	u64 pay_pmp_cfg[2];		/* the payload world's: fw_pmp's addresses */
	bool pmp_addrs_live;		/* the hart holds fw_pmp's addresses */
	/* the lock barrier (lock.c) */
	volatile u32 in_firmware;	/* the hart may be running firmware */
	volatile u32 lock_applied;	/* its firmware PMP is the locked one */
	/* software interrupts (hw/ipi.c) */
	volatile u32 vmsip;		/* the firmware's virtual MSIP */
	volatile u32 kicks;		/* reasons the doorbell rang (KICK_*) */
	volatile u32 running;		/* in the payload, not stopped */
	volatile u64 fence_asked;	/* fence requests made to this hart */
	volatile u64 fence_done;	/* the last request it has flushed for */
	/* SBI fast paths (fastpath.h) */
	struct fastpath_cache fast;
	struct fastpath_pending fast_pending;
	/* world switches into the firmware by cause (switches.h) */
	struct switch_table switches;
	/* a monitor probe expecting a trap (hw/probe.c) */
	volatile bool probe_armed;
	volatile u64 probe_cause;
	/* the FPU (hw/fpu.c): the FP registers of the world whose registers
	 * are not in the hart (the firmware's, until it uses FP), and the
	 * payload's FS/VS while the firmware runs (the hart's are off) */
	struct fp_regs fp_other;
	u64 payload_fsvs;
	/* the policy's own per-hart state */
	u64 policy_slot[HART_POLICY_SLOT / 8];
} __attribute__((aligned(HART_SIZE)));

/* a struct vcpu * from the trap entry is its struct hart * (hart_of) */
_Static_assert(offsetof(struct hart, v) == 0, "hart starts with its vcpu");
_Static_assert(sizeof(struct hart) == HART_SIZE, "grow HART_SIZE by 2x");

/* One per hart of the device tree, ids 0..n-1: hart_area_init(). */
extern struct hart *harts;

/*
 * Boot hart, before any other hart runs: place @n harts' state (zeroed),
 * then their stacks, in the free memory [@start, @end). Returns the base
 * of the stacks (hart i's stack top is base + (i + 1) * HART_STACK_SIZE),
 * or 0 if they do not fit (nothing placed).
 */
u64 hart_area_init(u64 start, u64 end, unsigned int n);

static inline struct hart *hart_of(struct vcpu *v)
{
	return (struct hart *)v;
}

static inline const struct hart *hart_of_const(const struct vcpu *v)
{
	return (const struct hart *)v;
}

/* Hart @id, or NULL if it is not one the platform has. */
struct hart *hart_get(u64 id);

#endif
