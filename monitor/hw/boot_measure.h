/* SPDX-License-Identifier: BSD-2-Clause */
/* Measured boot in the monitor (docs/evidence.md). */
#ifndef RAMPART_BOOT_MEASURE_H
#define RAMPART_BOOT_MEASURE_H

#include "../../include/rampart/types.h"
#include "../../include/rampart/evidence.h"

struct vcpu;

/* One measured region, as the evidence reports it. */
struct measured {
	bool present;
	u64 base;
	u64 size;
	u64 at;		/* where its bytes were (the base may be 0) */
	u8 digest[MEASURE_DIGEST_SIZE];
};

struct boot_measurements {
	struct measured region[EVIDENCE_REGIONS]; /* by measure type */
	u64 entry_pc, entry_a1;	/* what MEASURE_ENTRY hashes */
	u64 region_base;	/* event log, then evidence (fdt_payload.h) */
	u64 tpm_base;		/* TIS registers, 0 if the tree has no TPM */
	struct evidence_dtb dtb_facts;	/* what the measured tree says */
};

extern struct boot_measurements boot_measurements;

/* The measurement of @type (enum measure_type); never NULL. */
const struct measured *boot_measure_region(u32 type);

/* Before the firmware runs: the monitor itself, the firmware blob and the
 * policy text (@policy_name, and @policy_config after a space if not
 * empty). Returns 0, or -RAMPART_EINVAL if the image trailer is missing
 * or the text too long for the evidence. */
int boot_measure_start(const char *policy_name, const char *policy_config);

/*
 * At the payload's first entry, after the lock (protect policy): measure
 * what the firmware hands the payload in @v (pc, a1 = device tree). Fails
 * closed: returns 0, or a negative error with @why set for the console.
 */
int boot_measure_payload(const struct vcpu *v, u64 payload_size,
			 const char **why);

#endif
