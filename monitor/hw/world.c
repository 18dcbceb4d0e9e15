// SPDX-License-Identifier: BSD-2-Clause
/*
 * World switches. The firmware world runs in U-mode with translation off,
 * nothing delegated and the firmware PMP layout; the payload world runs in
 * S/U-mode with the firmware's delegation, interrupt enables, satp and
 * virtual PMP entries applied (core/pmp.h has the layouts).
 */
#include "hw.h"
#include "../../include/rampart/layout.h"
#include "csr.h"
#include "ipi.h"
#include "reset.h"
#include "../core/clint.h"
#include "../core/config.h"
#include "../core/hart.h"
#include "../core/lock.h"
#include "../core/platform.h"
#include "../core/pmp.h"
#include "../core/policy.h"
#include "../core/services.h"

void hw_pmp_write(const struct pmp_layout *l, const u64 cfg[2], bool addrs)
{
	/* Disable everything but the monitor entry while addresses change,
	 * so no half-written layout is ever in force below M-mode. */
	if (addrs) {
		csr_write(CSR_PMPCFG0 + 2, 0);
		csr_write(CSR_PMPCFG0, cfg[0] & 0xff);
#define WRITE_PMPADDR(n) csr_write(CSR_PMPADDR0 + (n), l->e[n].addr);
		PMP_ENTRIES_1_15(WRITE_PMPADDR)
		csr_write(CSR_PMPADDR0, l->e[0].addr);
	}
	csr_write(CSR_PMPCFG0, cfg[0]);
	csr_write(CSR_PMPCFG0 + 2, cfg[1]);
	/* Priv. spec 3.7.2: cached translations may hold old PMP checks */
	__asm__ volatile("sfence.vma" : : : "memory");
}

/*
 * The payload world's layout has the firmware world's addresses (its own
 * entries are the same, the rest off: pmp.h): only its config words are
 * kept, and a world switch writes the addresses only if they changed.
 */
static void plan_payload(struct hart *h, const struct vcpu *v)
{
	struct pmp_layout l = h->fw_pmp;

	pmp_plan_payload(&l, v);
	h->pay_pmp_cfg[0] = l.cfg[0];
	h->pay_pmp_cfg[1] = l.cfg[1];
}

/* Out of line: the common case, nothing to plan, needs no large frame. */
static void __attribute__((noinline))
plan_firmware(struct hart *h, const struct vcpu *v, bool mprv)
{
	struct pmp_entry policy_entries[PMP_FW_POLICY_COUNT];

	h->cfg->policy->firmware_pmp(policy_entries);
	pmp_plan_common(&h->fw_pmp, MONITOR_BASE, MONITOR_SIZE);
	pmp_plan_firmware(&h->fw_pmp, v, policy_entries,
			  platform()->clint_base, CLINT_SIZE, mprv);
	plan_payload(h, v);
	h->pmp_addrs_live = false;
}

void world_apply_firmware_pmp(struct vcpu *v)
{
	bool mprv = world_mprv_active(v);
	/* read before planning: a lock that lands meanwhile is applied on
	 * the next return, never reported as applied when it is not */
	u32 locked = lock_is_set();
	/* the plan's inputs besides the virtual PMP (v->pmp_dirty) */
	u32 key = 1 | locked << 1 | (u32)mprv << 2;
	struct hart *h = hart_of(v);

	if (v->pmp_dirty || h->fw_pmp_key != key) {
		plan_firmware(h, v, mprv);
		h->fw_pmp_key = key;
	}
	hw_pmp_write(&h->fw_pmp, h->fw_pmp.cfg, !h->pmp_addrs_live);
	h->pmp_addrs_live = true;
	v->pmp_dirty = false;
	h->pmp_mprv = mprv;
	__atomic_store_n(&h->lock_applied, locked, __ATOMIC_SEQ_CST);
}

bool world_mprv_active(const struct vcpu *v)
{
	u64 st = v->csr.mstatus;

	return (st & MSTATUS_MPRV) && (st & MSTATUS_MPP) != MSTATUS_MPP;
}

/* Planned with the firmware world's (the virtual PMP changes only there,
 * and each change replans before the firmware runs again). */
static void apply_payload_pmp(struct vcpu *v)
{
	struct hart *h = hart_of(v);

	if (v->pmp_dirty || !h->fw_pmp_key || !h->pmp_addrs_live)
		world_apply_firmware_pmp(v);
	hw_pmp_write(&h->fw_pmp, h->pay_pmp_cfg, false);
}

void world_mprv_begin(struct vcpu *v)
{
	apply_payload_pmp(v);
	csr_write(CSR_SATP, v->csr.satp);
}

void world_mprv_end(struct vcpu *v)
{
	csr_write(CSR_SATP, 0);
	world_apply_firmware_pmp(v);
}

void world_enter_firmware(struct vcpu *v)
{
	u64 mie = csr_read(CSR_MIE);

	/* The payload's sie and satp live in the hart while it runs. */
	v->csr.mie = (v->csr.mie & ~MIP_S_BITS) | (mie & MIP_S_BITS);
	v->csr.satp = csr_read(CSR_SATP);
	csr_write(CSR_SATP, 0);
	hw_fpu_enter_firmware(v);
	csr_write(CSR_MEDELEG, 0);
	csr_write(CSR_MIDELEG, 0);
	world_apply_firmware_pmp(v);
}

void world_enter_payload(struct vcpu *v)
{
	apply_payload_pmp(v);
	csr_write(CSR_MCOUNTEREN, v->csr.mcounteren);
	if (platform()->priv_minor >= 12)
		csr_write(CSR_MENVCFG, v->csr.menvcfg);
	csr_write(CSR_MEDELEG, v->csr.medeleg);
	csr_write(CSR_MIDELEG, v->csr.mideleg);
	csr_write(CSR_SATP, v->csr.satp);
	hw_fpu_enter_payload(v);
}

static void ring_lock(unsigned int hart)
{
	ipi_kick(hart, KICK_LOCK);
}

void hw_lock_firmware(u64 self)
{
	lock_set_and_wait((unsigned int)self, ring_lock);
	/* from now on a reset the monitor does not see must be caught at
	 * the next boot (reset.h); written after the barrier, when no hart
	 * runs firmware code that could still reach the mark's page */
	hw_reset_mark_live();
}
