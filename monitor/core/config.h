/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot configuration: the run options (options.h) and what the boot
 * ROM says about the payload, read once on the boot hart and handed to
 * everything as const. Nothing changes it after boot.
 */
#ifndef RAMPART_CONFIG_H
#define RAMPART_CONFIG_H

#include "../../include/rampart/evidence.h"
#include "../../include/rampart/types.h"

struct policy_ops;

struct boot_config {
	const struct policy_ops *policy;
	bool policy_default;		/* no policy= option: protect */
	bool fastpath;			/* fastpath=0 turns the fast paths off */
	u8 nonce[EVIDENCE_NONCE_MAX];	/* nonce=HEX, the launch nonce */
	u32 nonce_len;			/* 0: none */
	u64 payload_size;		/* payload_size=: the file's bytes, or 0 */
	u64 payload_entry;		/* from the boot ROM (fw_dynamic_info) */
	bool payload_present;		/* the platform loaded one (-kernel) */
};

/*
 * Parse the options @text (@len bytes) into @cfg, all of it set (the
 * payload entry fields to none: the boot ROM's are the caller's). 0, or
 * -RAMPART_EINVAL with @why (@why_size bytes) naming the bad option: the
 * monitor refuses to boot, it never guesses.
 */
int config_parse(const char *text, size_t len, struct boot_config *cfg,
		 char *why, size_t why_size);

/* The policy's configuration text, measured with its name (PCR 7) and
 * carried in the evidence (docs/evidence.md). */
const char *config_policy_text(const struct boot_config *cfg);

#endif
