// SPDX-License-Identifier: BSD-2-Clause
/* The monitor's audit log instance: every denied access into the chain,
 * one console line per event (rate-limited by core/audit.c; the counters
 * and the chain keep everything), and with a TPM each record extended into
 * AUDIT_CHAIN_PCR, so the PCR equals the chain's head. */
#include "audit_hw.h"
#include "boot_measure.h"
#include "console.h"
#include "tpm_hw.h"
#include "../core/platform.h"
#include "../core/services.h"
#include "../core/vcpu.h"

struct audit_log audit_log;
static volatile u32 tpm_lock;
static u64 extended;	/* records the PCR has, in chain order */
static bool tpm_broken;	/* one failed: the PCR stays behind the head */

void audit_tpm_lock(void)
{
	while (__atomic_exchange_n(&tpm_lock, 1, __ATOMIC_ACQUIRE))
		;
}

void audit_tpm_unlock(void)
{
	__atomic_store_n(&tpm_lock, 0, __ATOMIC_RELEASE);
}

bool audit_tpm_extend_pending(void)
{
	u64 base = boot_measurements.tpm_base;
	u8 digest[MEASURE_DIGEST_SIZE];

	if (!base)
		return false;
	/* every appender catches up after its own record, so the backlog is
	 * at most a record per hart, never more than the log keeps */
	while (!tpm_broken && extended < audit_log.count[AUDIT_TOTAL]) {
		if (audit_log.count[AUDIT_TOTAL] - extended > AUDIT_CHAIN_KEEP)
			tpm_broken = true;
		audit_chain_digest(&audit_log.kept[extended % AUDIT_CHAIN_KEEP].r,
				   digest);
		if (tpm_broken ||
		    tpm_hw_extend(base, AUDIT_CHAIN_PCR, digest)) {
			tpm_broken = true;
			console_log("tpm: audit record %lu not extended into "
				    "PCR %u: its quotes no longer match the "
				    "chain", extended, AUDIT_CHAIN_PCR);
			break;
		}
		extended++;
	}
	return !tpm_broken;
}

void hw_audit(const struct vcpu *v, u32 access, u64 addr)
{
	struct audit_chain_record r = {
		.hart = (u32)v->hartid,
		.access = access,
		.addr = addr,
		.pc = v->pc,
		.time = *platform()->mtime,
	};
	bool print;

	audit_lock(&audit_log);
	print = audit_add(&audit_log, &r);
	audit_unlock(&audit_log);
	if (print)
		console_log("audit hart=%u access=%s addr=0x%lx pc=0x%lx",
			    r.hart, audit_access_name(access), addr, r.pc);
	if (boot_measurements.tpm_base) {
		audit_tpm_lock();
		audit_lock(&audit_log);
		audit_tpm_extend_pending();
		audit_unlock(&audit_log);
		audit_tpm_unlock();
	}
}
