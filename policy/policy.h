/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The policy hook interface: what the monitor asks a policy at each world
 * switch and payload trap. "none" deprivileges only; "protect" isolates the
 * payload from the firmware (docs/policy.md).
 */
#ifndef RAMPART_POLICY_H
#define RAMPART_POLICY_H

#include "../include/rampart/types.h"

struct vcpu;
struct pmp_entry;

struct policy_ops {
	const char *name;
	u64 id;		/* as GET_INFO reports it: 0 none, 1 protect */

	/* Firmware-world PMP entries 11..15 (core/pmp.h), as of now. */
	void (*firmware_pmp)(struct pmp_entry *out);

	/* A payload trap the hart did not delegate. Return true when the
	 * monitor dealt with it (v updated, the payload resumes), false to
	 * hand it to the firmware. */
	bool (*payload_trap)(struct vcpu *v, u64 cause, u64 tval);

	/* The payload's trap was just injected into the firmware (v->mode is
	 * M, v->x still the payload's registers). */
	void (*enter_firmware)(struct vcpu *v);

	/* The firmware mret to S/U: v->pc, v->mode and v->x are its choice;
	 * the policy decides what the payload really gets. Returns false if
	 * the hart must not enter the payload at all (it is parked). */
	bool (*enter_payload)(struct vcpu *v);

	/* May the firmware reach @addr through MPRV now? */
	bool (*firmware_mprv_allowed)(const struct vcpu *v, u64 addr);
};

extern const struct policy_ops policy_none;
extern const struct policy_ops policy_protect;

/* The policy named @name, or NULL. */
const struct policy_ops *policy_find(const char *name);

#endif
