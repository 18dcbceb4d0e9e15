/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the payload gets back from the firmware (protect policy, rules 3, 4
 * and 7). Pure: decisions on struct vcpu only, tested on the host.
 */
#ifndef RAMPART_RESUME_H
#define RAMPART_RESUME_H

#include "../monitor/core/types.h"
#include "../monitor/core/sbi_ext.h"

struct vcpu;

#define RESUME_MAX_HARTS 8
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
};

/* Entries the payload asked for: HSM start or non-retentive resume. */
struct resume_start {
	volatile bool valid;
	u64 addr;
	u64 opaque;
};

struct resume_starts {
	struct resume_start hart[RESUME_MAX_HARTS];
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

/* The firmware mret to the payload: decide and set what it gets. */
enum resume_verdict resume_decide(struct resume_state *s, struct vcpu *v,
				  struct resume_starts *starts,
				  u64 boot_entry);

#endif
