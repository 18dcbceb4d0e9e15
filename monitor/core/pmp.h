/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PMP arithmetic and the physical layout of each world. Pure: the hardware
 * layer (hw_pmp.c) is the only place that writes pmpcfg/pmpaddr.
 *
 *  entry   firmware world (U-mode)          payload world (S/U-mode)
 *  0       monitor region: no access        monitor region: no access
 *  1       OFF, address 0 (TOR floor)       same
 *  2..9    OFF (addresses kept)             firmware's 8 virtual entries
 *  10      CLINT: no access (emulated)      OFF
 *  11..15  the policy's entries             OFF
 *
 * Entry 0 has the highest priority, so nothing the firmware programs in its
 * virtual entries can open the monitor's region (Priv. spec 3.7.1). Below
 * M-mode an address no entry matches is denied, so the policy's entries
 * are an allow list: docs/pmp.md draws both policies' layouts.
 */
#ifndef RAMPART_PMP_H
#define RAMPART_PMP_H

#include "../../include/rampart/types.h"

struct vcpu;

#define PMP_COUNT 16		/* entries the monitor uses: a hart needs them */
#define PMP_GRANULE_MAX 0x1000	/* the smallest region it denies: 4 KiB */
#define PMP_MONITOR 0
#define PMP_TOR_FLOOR 1
#define PMP_VIRT_FIRST 2
#define PMP_FW_CLINT 10
#define PMP_FW_POLICY_FIRST 11
#define PMP_FW_POLICY_COUNT 5

struct pmp_entry {
	u64 addr;	/* pmpaddr value: address >> 2, NAPOT-encoded */
	u8 cfg;
};

struct pmp_layout {
	struct pmp_entry e[PMP_COUNT];
	u64 cfg[2];	/* pmpcfg0 and pmpcfg2 of e[], as the plan left them */
};

/* pmpaddr for a NAPOT region; @size a power of two >= 8, @base aligned. */
u64 pmp_napot_addr(u64 base, u64 size);

/* Is [base, base + size) a valid NAPOT region? */
bool pmp_is_napot(u64 base, u64 size);

/* The entries both worlds share: the monitor's region, the TOR floor. */
void pmp_plan_common(struct pmp_layout *out, u64 monitor_base,
		     u64 monitor_size);

/*
 * Firmware world: @clint (base and size) denied so its accesses trap, then
 * the @policy entries; the firmware's own virtual entries are all off.
 * @data_denied: the policy entries lose R and W, so every load and store
 * traps (MPRV emulation); instruction fetch stays as the policy says.
 */
void pmp_plan_firmware(struct pmp_layout *out, const struct vcpu *v,
		       const struct pmp_entry policy[PMP_FW_POLICY_COUNT],
		       u64 clint_base, u64 clint_size, bool data_denied);

/* Payload world: the firmware's virtual entries as it programmed them;
 * the entries above them off, their addresses left as in @out (an entry
 * off matches nothing, and none after it is TOR), so a switch between
 * the two worlds changes only the config words. Both plans come after
 * pmp_plan_common() and end by setting cfg[]. */
void pmp_plan_payload(struct pmp_layout *out, const struct vcpu *v);

/* pmpaddr covering the whole address space (NAPOT). */
#define PMPADDR_ALL (~0ULL >> 10)

/* pmpcfg0 (entries 0-7) or pmpcfg2 (entries 8-15) of @l: @reg is 0 or 2. */
u64 pmp_layout_cfg(const struct pmp_layout *l, unsigned int reg);

#endif
