/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The policy interface (docs/policy.md): what the monitor asks a policy at
 * each world switch and payload trap. The monitor owns it; a policy
 * (policy/) implements the hooks it needs and registers itself with
 * POLICY_REGISTER; a hook left NULL does what the comment says. A policy
 * reaches the machine only through services.h.
 */
#ifndef RAMPART_POLICY_H
#define RAMPART_POLICY_H

#include "../../include/rampart/types.h"
#include "hart.h"

struct pmp_entry;

struct policy_ops {
	const char *name;
	u64 id;		/* as GET_INFO reports it: 0 none, 1 protect */

	/* Required. Firmware-world PMP entries 11..15 (pmp.h). The monitor
	 * plans the layout again only when the lock, the firmware's MPRV or
	 * its virtual PMP changed: the entries may depend on nothing else. */
	void (*firmware_pmp)(struct pmp_entry *out);

	/* A payload trap the hart did not delegate. True when the policy
	 * dealt with it (v updated, the payload resumes); false, or NULL,
	 * hands it to the firmware. */
	bool (*payload_trap)(struct vcpu *v, u64 cause, u64 tval);

	/* The payload's trap was just injected into the firmware (v->mode is
	 * M, v->x still the payload's registers). NULL: nothing to do. */
	void (*enter_firmware)(struct vcpu *v);

	/* The firmware mret to S/U: v->pc, v->mode and v->x are its choice;
	 * the policy decides what the payload really gets. False if the hart
	 * must not enter the payload at all (it is parked). NULL: enter. */
	bool (*enter_payload)(struct vcpu *v);

	/* May the firmware reach @addr through MPRV now? NULL: yes. */
	bool (*firmware_mprv_allowed)(const struct vcpu *v, u64 addr);
};

/* Put a policy in the table policy_find() searches (a linker section:
 * the monitor never names a policy itself). */
#define POLICY_REGISTER(ops)                                              \
	static const struct policy_ops *const __policy_##ops                \
		__attribute__((used, section("rampart_policies"))) = &ops

/* The registered policy named @name, or NULL. */
const struct policy_ops *policy_find(const char *name);

/* This hart's policy slot, for the policy's own per-hart state. */
static inline void *policy_slot(struct vcpu *v)
{
	return hart_of(v)->policy_slot;
}

#define POLICY_SLOT_FITS(type) \
	_Static_assert(sizeof(type) <= HART_POLICY_SLOT, #type " fits")

#endif
