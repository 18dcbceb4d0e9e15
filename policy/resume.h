/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the payload gets back from the firmware (protect policy, rules 3, 4
 * and 7). Pure: decisions on struct vcpu only, tested on the host.
 */
#ifndef RAMPART_RESUME_H
#define RAMPART_RESUME_H

#include "../include/rampart/types.h"
#include "../monitor/core/sbi_ext.h"

struct vcpu;

#define SBI_HSM_SUSPEND_NON_RETENTIVE 0x80000000ULL

enum resume_kind { RESUME_NONE = 0, RESUME_ECALL, RESUME_INTERRUPT };

/* The payload's state on one hart while the firmware runs. */
struct resume_state {
	enum resume_kind kind;
	bool stopping;		/* it asked to stop: a start replaces it */
	bool suspending;	/* non-retentive suspend: resumes at its addr */
	bool timer_call;	/* an SBI TIME call: its stimecmp is the answer */
	u64 x[32];
	u64 pc;
	u64 mode;
	u64 satp;
	u64 sie;
	u64 attempted_pc;	/* where the firmware last tried to enter */
	/* the entry record this HSM call made (hart_start) or asked about
	 * (hart_get_status): hart and generation, 0 for none */
	u64 asked_hart;
	u32 asked_gen;
};

/*
 * Entries the payload asked for (docs/policy.md, rule 7), one record per
 * hart, valid from the request to that hart's next entry into the payload
 * and only while the request stands:
 *  - hart_start(t, addr, opaque) records a START entry for t, replacing
 *    any earlier one, unless t runs the payload (entered, not stopped:
 *    the firmware owes ALREADY_AVAILABLE) or is the caller;
 *  - a non-retentive hart_suspend records a RESUME entry for the calling
 *    hart, usable only by the return from that very call;
 *  - any entry of t into the payload (restored, fresh, corrected, even
 *    refused) takes t's record: used if it fits, else void;
 *  - an error answer to the hart_start voids the record it made (not a
 *    newer one), as does a hart_get_status(t) not answered STARTED or
 *    START_PENDING (the firmware says no start is coming);
 *  - a failed suspend (back at pc + 4) voids its record; a hart that
 *    asked to stop is back only at pc + 4 (the stop failed) or at a start.
 * A start the firmware answers START_PENDING for stays: the payload was
 * told it is coming (HSM starts are asynchronous; a caller may poll).
 * `valid` holds the record's generation (0: none). A requester publishes
 * the record, then reads `in_payload`; an entering hart sets `in_payload`,
 * then takes the record (all sequentially consistent): one of the two
 * sees the other, so no start for a running hart survives its entry.
 */
enum resume_ask { RESUME_ASK_START = 1, RESUME_ASK_RESUME };

struct resume_start {
	volatile u32 valid;	/* generation of the pending entry, 0: none */
	u32 gen;		/* last generation handed out */
	u32 kind;		/* enum resume_ask */
	volatile u32 in_payload;	/* entered, not stopped since */
	u64 addr;
	u64 opaque;
};

struct resume_starts {
	/* hart @id's record (kept with the hart's own state), or NULL if
	 * there is no such hart */
	struct resume_start *(*of)(u64 id);
	u32 booted;		/* the boot entry has been used (a word: atomic) */
};

enum resume_verdict {
	RESUME_RESTORED,	/* the payload's own state, back where it was */
	RESUME_FRESH,		/* an entry the payload asked for, as asked */
	RESUME_CORRECTED,	/* an asked-for entry the firmware bent: fixed */
	RESUME_REFUSED,		/* an entry nobody asked for: park the hart */
};

/*
 * The payload trapped to the firmware (v: payload registers, mepc/MPP/
 * mcause in v->csr). Save what it must get back and note HSM requests.
 */
void resume_save(struct resume_state *s, const struct vcpu *v,
		 struct resume_starts *starts);

/* Leave the firmware a0-a7 for an SBI call, nothing for an interrupt;
 * satp and sie read as zero. */
void resume_scrub(const struct resume_state *s, struct vcpu *v);

/* The firmware mret to the payload: decide and set what it gets. @self:
 * this hart's record, starts->of(v->hartid) (the caller has it at hand:
 * a world switch need not look it up). */
enum resume_verdict resume_decide(struct resume_state *s, struct vcpu *v,
				  struct resume_starts *starts,
				  struct resume_start *self, u64 boot_entry);

#endif
