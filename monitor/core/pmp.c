// SPDX-License-Identifier: BSD-2-Clause
#include "pmp.h"
#include "riscv.h"
#include "vcpu.h"
#include "vcsr.h"

bool pmp_is_napot(u64 base, u64 size)
{
	return size >= 8 && !(size & (size - 1)) && !(base & (size - 1));
}

/* Priv. spec 3.7.1: pmpaddr holds address >> 2, with (size/8 - 1) ones
 * in its low bits marking a naturally aligned power-of-two region. */
u64 pmp_napot_addr(u64 base, u64 size)
{
	return (base | (size / 2 - 1)) >> 2;
}

void pmp_plan_common(struct pmp_layout *out, u64 monitor_base,
		     u64 monitor_size)
{
	out->e[PMP_MONITOR].addr = pmp_napot_addr(monitor_base, monitor_size);
	out->e[PMP_MONITOR].cfg = PMP_A_NAPOT;
	out->e[PMP_TOR_FLOOR].addr = 0;
	out->e[PMP_TOR_FLOOR].cfg = PMP_A_OFF;
}

/*
 * Virtual entry i at physical 2 + i, active in the payload world only. The
 * lock bit is never set in the hart (it could not be undone); below M-mode
 * every entry applies anyway. In the firmware world no entry the firmware
 * programmed is active, locked or not: placed before the policy's entries
 * a locked grant would override them, placed after it would grant what
 * they leave unmatched (the locked payload). The firmware's own locks thus
 * do not restrict it; the policy alone decides what it reaches.
 */
static void place_virtual(struct pmp_layout *out, const struct vcpu *v,
			  bool active)
{
	unsigned int i;

	for (i = 0; i < VPMP_COUNT; i++) {
		struct pmp_entry *e = &out->e[PMP_VIRT_FIRST + i];

		e->addr = v->csr.pmpaddr[i];
		e->cfg = active ? (u8)(vcsr_pmp_cfg(v, i) & ~PMP_L) : PMP_A_OFF;
	}
}

/* The two config words, computed once per plan: every world switch
 * writes them. */
static void seal(struct pmp_layout *out)
{
	out->cfg[0] = pmp_layout_cfg(out, 0);
	out->cfg[1] = pmp_layout_cfg(out, 2);
}

void pmp_plan_firmware(struct pmp_layout *out, const struct vcpu *v,
		       const struct pmp_entry policy[PMP_FW_POLICY_COUNT],
		       u64 clint_base, u64 clint_size, bool data_denied)
{
	unsigned int i;

	place_virtual(out, v, false);
	out->e[PMP_FW_CLINT].addr = pmp_napot_addr(clint_base, clint_size);
	out->e[PMP_FW_CLINT].cfg = PMP_A_NAPOT;
	for (i = 0; i < PMP_FW_POLICY_COUNT; i++) {
		struct pmp_entry *e = &out->e[PMP_FW_POLICY_FIRST + i];

		*e = policy[i];
		if (data_denied)
			e->cfg &= (u8)~(PMP_R | PMP_W);
	}
	seal(out);
}

void pmp_plan_payload(struct pmp_layout *out, const struct vcpu *v)
{
	unsigned int i;

	place_virtual(out, v, true);
	for (i = PMP_FW_CLINT; i < PMP_COUNT; i++)
		out->e[i].cfg = PMP_A_OFF;
	seal(out);
}

u64 pmp_layout_cfg(const struct pmp_layout *l, unsigned int reg)
{
	unsigned int first = reg == 0 ? 0 : 8, i;
	u64 cfg = 0;

	for (i = 0; i < 8; i++)
		cfg |= (u64)l->e[first + i].cfg << (8 * i);
	return cfg;
}
