// SPDX-License-Identifier: BSD-2-Clause
/*
 * Protect-payload policy (docs/policy.md, rules 1-8). The payload
 * is locked away from the firmware at its first entry; after that the
 * firmware sees only SBI calls (a0-a7) and machine interrupts (nothing),
 * and the payload resumes with its own state whatever the firmware did.
 */
#include "resume.h"
#include "allow.h"
#include "../include/rampart/layout.h"
#include "../monitor/core/audit.h"
#include "../monitor/core/config.h"
#include "../monitor/core/platform.h"
#include "../monitor/core/policy.h"
#include "../monitor/core/riscv.h"
#include "../monitor/core/services.h"

/* Per hart, in its policy slot (core/policy.h). */
struct protect_hart {
	struct resume_state saved;	/* the payload while firmware runs */
	struct supervisor_csrs s;
	struct resume_start start;	/* an entry asked for it (resume.h) */
};
POLICY_SLOT_FITS(struct protect_hart);

static struct resume_start *start_of(u64 hartid)
{
	struct hart *h = hart_get(hartid);

	return h ? &((struct protect_hart *)h->policy_slot)->start : NULL;
}

static struct resume_starts starts = { .of = start_of };

static void protect_firmware_pmp(struct pmp_entry *out)
{
	bool locked = lock_is_set();

	/* After the lock the firmware keeps its devices but the reset device
	 * (its resets are mediated: reset.h) and its own 2 MiB (the
	 * monitor's half stays denied by entry 0); from the payload's base
	 * up, nothing matches, so nothing is allowed (docs/pmp.md). */
	firmware_allow_list(out, locked ? PAYLOAD_BASE - MONITOR_BASE :
					  DRAM_ALLOW_SIZE,
			    platform()->reset_base,
			    locked ? platform()->reset_size : 0);
}

static bool protect_payload_trap(struct vcpu *v, u64 cause, u64 tval)
{
	/* Rule 3: only SBI calls and machine interrupts reach the firmware. */
	if ((cause & CAUSE_IRQ_FLAG) || cause == CAUSE_SUPERVISOR_ECALL)
		return false;
	/* Rule 5: misaligned accesses are emulated with the payload's own
	 * privilege and page tables (MPRV), never by the firmware. */
	if ((cause == CAUSE_MISALIGNED_LOAD ||
	     cause == CAUSE_MISALIGNED_STORE) && hw_misaligned_emulate(v, tval))
		return true;
	/* A trapped read of time: OpenSBI emulates it, but may not see it
	 * (rule 3), so the monitor answers as it would (with the fast paths
	 * on, trap.c already has). */
	if (cause == CAUSE_ILLEGAL_INSN && hw_emulate_time_read(v, tval))
		return true;
	/* Rule 5: what the firmware would only bounce back goes straight
	 * to the payload's own trap vector. */
	hw_redirect_to_supervisor(v, cause, tval);
	return true;
}

static void protect_enter_firmware(struct vcpu *v)
{
	struct protect_hart *p = policy_slot(v);

	resume_save(&p->saved, v, &starts);
	hw_supervisor_save(&p->s);
	hw_supervisor_clear();
	resume_scrub(&p->saved, v);
}

static bool protect_enter_payload(struct vcpu *v)
{
	struct protect_hart *p = policy_slot(v);

	/* Rule 2: the first entry on any hart locks (the monitor measures
	 * right after this hook, before the payload's first instruction). */
	if (!lock_is_set())
		hw_lock_firmware(v->hartid);
	switch (resume_decide(&p->saved, v, &starts, &p->start,
			      hart_of(v)->cfg->payload_entry)) {
	case RESUME_RESTORED:
		hw_supervisor_restore(&p->s, p->saved.timer_call);
		return true;
	case RESUME_CORRECTED:
		/* audited as an exec attempt at the entry the firmware chose */
		hw_audit(v, AUDIT_EXEC, p->saved.attempted_pc);
		hw_supervisor_start();
		return true;
	case RESUME_FRESH:
		hw_supervisor_start();
		return true;
	default:
		hw_audit(v, AUDIT_EXEC, p->saved.attempted_pc);
		return false;
	}
}

static bool protect_mprv_allowed(const struct vcpu *v, u64 addr)
{
	(void)v, (void)addr;
	/* After the lock the firmware has no business in payload memory. */
	return !lock_is_set();
}

static const struct policy_ops policy_protect = {
	.name = "protect",
	.id = 1,
	.firmware_pmp = protect_firmware_pmp,
	.payload_trap = protect_payload_trap,
	.enter_firmware = protect_enter_firmware,
	.enter_payload = protect_enter_payload,
	.firmware_mprv_allowed = protect_mprv_allowed,
};
POLICY_REGISTER(policy_protect);
