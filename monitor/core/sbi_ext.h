/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rampart's own SBI extension (docs/sbi.md), answered by the monitor for
 * the payload under every policy, and the base extension's probe for it.
 */
#ifndef RAMPART_SBI_EXT_H
#define RAMPART_SBI_EXT_H

#include "../../include/rampart/types.h"
#include "vcpu.h"

struct audit_log;
struct switch_record;

/* SBI extension IDs (SBI spec 1.0), in one place */
#define SBI_EXT_0_1_CONSOLE_PUTCHAR 0x01
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494d45
#define SBI_EXT_IPI 0x735049
#define SBI_EXT_RFENCE 0x52464e43
#define SBI_EXT_HSM 0x48534d
#define SBI_EXT_RAMPART 0x0A525054
#define SBI_BASE_PROBE_EXTENSION 3
#define SBI_HSM_HART_START 0
#define SBI_HSM_HART_STOP 1
#define SBI_HSM_HART_SUSPEND 3

#define SBI_SUCCESS 0
#define SBI_ERR_NOT_SUPPORTED -2
#define SBI_ERR_INVALID_PARAM -3
#define SBI_ERR_INVALID_ADDRESS -5

enum sbi_rampart_fid {
	SBI_RAMPART_GET_INFO = 0,
	SBI_RAMPART_AUDIT_COUNT = 1,
	SBI_RAMPART_AUDIT_RECORDS = 2,
	SBI_RAMPART_EVIDENCE = 3,
	SBI_RAMPART_EVENT_LOG = 4,
	SBI_RAMPART_AUDIT_CHAIN = 5,
	SBI_RAMPART_SWITCHES = 6,
};

struct sbi_ext_env {
	struct audit_log *audit;
	u64 policy_id;		/* 0 none, 1 protect */
	u64 buf_base, buf_end;	/* buffers must lie in [buf_base, buf_end) */
	/* Write @len bytes at physical @pa (already checked to be inside). */
	void (*copy_out)(u64 pa, const void *src, u64 len);
	/* Evidence for @nonce into @out (docs/evidence.md): its length, or
	 * a negative SBI error with @needed set when @size is too small. */
	long (*evidence)(const u8 *nonce, u32 nonce_len, u8 *out, u64 size,
			 u64 *needed);
	/* The TCG event log as measured at boot (the monitor's own copy),
	 * and its length; NULL before the kernel's first entry. */
	const u8 *(*event_log)(u64 *len);
	/* World switches into the firmware by cause, every hart's summed
	 * (switches.h): the number of records written, at most @max. */
	unsigned int (*switches)(struct switch_record *out, unsigned int max);
};

/* Is [pa, pa + len) an 8-byte aligned buffer inside the payload region? */
bool sbi_ext_buffer_ok(const struct sbi_ext_env *env, u64 pa, u64 len);

/* Is the ecall in @v one sbi_ext_handle answers? A few compares, so that
 * every other SBI call pays no more than these. */
static inline bool sbi_ext_wants(const struct vcpu *v)
{
	return v->x[REG_A7] == SBI_EXT_RAMPART ||
	       (v->x[REG_A7] == SBI_EXT_BASE &&
		v->x[REG_A6] == SBI_BASE_PROBE_EXTENSION &&
		v->x[REG_A0] == SBI_EXT_RAMPART);
}

/*
 * If the ecall in @v (a7 = extension, a6 = function) is for the monitor,
 * answer it: a0 = error, a1 = value, pc past the ecall; returns true.
 * Returns false (nothing changed) for calls the firmware must see.
 */
bool sbi_ext_handle(struct vcpu *v, const struct sbi_ext_env *env);

#endif
