/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fast paths: SBI calls the monitor answers without a world switch, each
 * giving exactly what the firmware would (a test compares with native
 * OpenSBI). The base extension's answers are constant for a boot (SBI
 * spec 4), so the firmware's first answer to each is cached and replayed.
 */
#ifndef RAMPART_FASTPATH_H
#define RAMPART_FASTPATH_H

#include "../../include/rampart/types.h"
#include "insn.h"
#include "riscv.h"
#include "sbi_ext.h"

struct vcpu;

#define FASTPATH_BASE_FIDS 7	/* get_spec_version .. get_mimpid */
#define FASTPATH_PROBES 16

struct fastpath_cache {
	bool valid[FASTPATH_BASE_FIDS];
	u64 value[FASTPATH_BASE_FIDS];	/* a1 (a0 is always success) */
	unsigned int probes;
	u64 probe_eid[FASTPATH_PROBES];
	u64 probe_value[FASTPATH_PROBES];
};

/* What the hardware must do for an answered call. */
struct fastpath_hw {
	/* the hart has Sstc and the firmware set STCE */
	bool (*has_sstc)(const struct vcpu *v);
	void (*set_stimecmp)(u64 value);
	void (*putchar)(u8 c);
};

/* A base-extension call whose answer is not cached yet (to_payload
 * records the firmware's answer with fastpath_learn). */
struct fastpath_pending {
	bool active;
	u64 fid;
	u64 a0;
	u64 pc;			/* of the ecall */
};

/*
 * Answer the payload's ecall in @v if a fast path applies: registers set,
 * pc past the ecall; returns true. Otherwise returns false and, for an
 * uncached base call, fills @pending so its answer can be learnt.
 */
bool fastpath_call(struct vcpu *v, struct fastpath_cache *c,
		   const struct fastpath_hw *hw,
		   struct fastpath_pending *pending);

/* The firmware answered @pending: if v resumes right after that ecall
 * with success, cache its a1. Clears @pending. */
void fastpath_learn(const struct vcpu *v, struct fastpath_cache *c,
		    struct fastpath_pending *pending);

/*
 * A trapped read of the `time` CSR (csrrs/csrrc/csrrsi/csrrci with x0 or
 * 0 as source: a pure read; rdtime is csrrs rd, time, x0): returns rd,
 * else -1 (a CSR instruction is 4 bytes: CSR_INSN_LEN). It traps when the firmware's mcounteren or, from U, the
 * kernel's scounteren leaves TM clear; OpenSBI 1.1 then reads the timer
 * for S and U whatever those enables say, and so does the monitor.
 * Writes and every other instruction go to the firmware.
 */
static inline int fastpath_time_read(u32 raw)
{
	struct insn in;

	return insn_decode_csr(raw, &in) && in.csr == CSR_TIME &&
	       !insn_csr_writes(&in) ? in.rd : -1;
}

#endif
