// SPDX-License-Identifier: BSD-2-Clause
/*
 * Event log and evidence, signed with the alias key the launcher (the boot
 * ROM's part) derived for this monitor on this device and wrote into the
 * monitor region with its certificate (measure/dice_blob.h). No key is in
 * the image: the region is denied to the firmware and the payload by PMP
 * entry 0, and the monitor wipes the hand-over copy once it has its own.
 */
#include "attest.h"
#include "audit_hw.h"
#include "boot_measure.h"
#include "console.h"
#include "fdt_payload.h"
#include "platform.h"
#include "tpm_hw.h"
#include "../core/audit.h"
#include "../../include/rampart/errno.h"
#include "../core/sbi_ext.h"
#include "../core/services.h"
#include "../../include/rampart/dice_blob.h"
#include "../../include/rampart/evidence.h"
#include "../../include/rampart/evlog.h"
#include "../../include/rampart/version.h"
#include "../../measure/tpm2_cmd.h"
#include "../../lib/hex.h"
#include <mbedtls/ecp.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <string.h>

#define CRYPTO_POOL_SIZE (24 * 1024)
#define S_CRTM_VERSION "Rampart " RAMPART_VERSION /* event in PCR 0 */
#define HEX_LINE 64	/* bytes per console line of a hex dump */

static u8 crypto_pool[CRYPTO_POOL_SIZE];
static mbedtls_ecp_keypair key;
static bool key_ready;
static struct evidence ev;	/* the launch evidence's fields */
static bool ev_ready;
static const u8 *event_log;	/* in payload memory: the evidence signs its
				 * digest, so what the kernel may do to it
				 * is caught by the verifier */
static volatile u32 attest_lock;

void rampart_crypto_abort(int status)
{
	fatal("BUG: mbedTLS allocator pool corrupted (%d)", status);
}

int attest_init(void)
{
	volatile u8 *blob = (volatile u8 *)(MONITOR_BASE + DICE_BLOB_OFFSET);
	u8 alias[32];
	u32 cert_len = 0, i;
	int rc = -RAMPART_EINVAL;

	mbedtls_memory_buffer_alloc_init(crypto_pool, sizeof(crypto_pool));
	mbedtls_ecp_keypair_init(&key);
	for (i = 0; i < 8; i++)
		if (blob[i] != (u8)DICE_BLOB_MAGIC[i])
			goto wipe;
	for (i = 0; i < 4; i++)
		cert_len |= (u32)blob[40 + i] << (8 * i);
	if (!cert_len || cert_len > DICE_CERT_MAX ||
	    cert_len > sizeof(ev.cert))
		goto wipe;
	for (i = 0; i < sizeof(alias); i++)
		alias[i] = blob[8 + i];
	for (i = 0; i < cert_len; i++)
		ev.cert[i] = blob[DICE_BLOB_HEADER + i];
	ev.cert_len = cert_len;
	rc = evidence_key_init(&key, alias) ? -RAMPART_EINVAL : 0;
	key_ready = !rc;
	mbedtls_platform_zeroize(alias, sizeof(alias));
wipe:
	/* one copy of the key, the monitor's own (a reset reloads it) */
	for (i = 0; i < DICE_BLOB_SIZE; i++)
		blob[i] = 0;
	return rc;
}

static void dump_hex(const char *what, const u8 *p, u64 len)
{
	char line[2 * HEX_LINE + 1];
	u64 at;

	console_log("%s begin %lu", what, len);
	for (at = 0; at < len; at += HEX_LINE) {
		hex_encode(p + at, len - at < HEX_LINE ? len - at : HEX_LINE,
			   line);
		console_log("%s %s", what, line);
	}
	console_log("%s end", what);
}

static int write_log(u8 *buf, u64 size, u64 *len)
{
	static const u32 order[] = {
		MEASURE_MONITOR, MEASURE_FIRMWARE, MEASURE_POLICY,
		MEASURE_KERNEL,	 MEASURE_INITRD,   MEASURE_CMDLINE,
		MEASURE_DTB,	 MEASURE_ENTRY,
	};
	const struct measured *m;
	struct evlog log;
	unsigned int i;
	u8 digest[EVLOG_DIGEST_SIZE];

	if (evlog_init(&log, buf, size) ||
	    evlog_append_data(&log, 0, EV_S_CRTM_VERSION, S_CRTM_VERSION,
			      sizeof(S_CRTM_VERSION), digest))
		return -RAMPART_ENOSPC;
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		m = boot_measure_region(order[i]);
		if (m->present && evlog_append_region(&log, order[i], m->digest))
			return -RAMPART_ENOSPC;
	}
	if (evlog_append_separators(&log, digest))
		return -RAMPART_ENOSPC;
	*len = evlog_len(&log);
	return 0;
}

static void fill_fields(u64 log_size, const u8 *log, u32 policy_id,
			const char *policy_name, const char *policy_config)
{
	u32 t;

	for (t = MEASURE_MONITOR; t <= MEASURE_ENTRY; t++) {
		const struct measured *m = boot_measure_region(t);

		ev.regions[t].present = m->present;
		ev.regions[t].base = m->base;
		ev.regions[t].size = m->size;
		memcpy(ev.regions[t].digest, m->digest, MEASURE_DIGEST_SIZE);
	}
	ev.policy_id = policy_id;
	memcpy(ev.policy_name, policy_name,
	       strnlen(policy_name, EVIDENCE_POLICY_NAME_MAX));
	memcpy(ev.policy_config, policy_config,
	       strnlen(policy_config, EVIDENCE_POLICY_CONFIG_MAX));
	ev.dtb = boot_measurements.dtb_facts;
	ev.entry_pc = boot_measurements.entry_pc;
	ev.entry_a1 = boot_measurements.entry_a1;
	ev.log_size = log_size;
	mbedtls_sha256_ret(log, log_size, ev.log_digest, 0);
}

/* The log's counters and chain, as of one instant (audit lock held). */
static void take_audit(void)
{
	struct audit_state now;
	unsigned int i;

	audit_state(&audit_log, &now);
	for (i = 0; i < EVIDENCE_AUDIT_COUNTERS; i++)
		ev.audit[i] = now.count[i];
	ev.audit_kept_from = now.kept_from;
	memcpy(ev.audit_head, now.head, sizeof(ev.audit_head));
}

/* Encode and sign @ev with @nonce (the audit fields: take_audit). */
static int make_evidence(const u8 *nonce, u32 nonce_len, u16 flags, u8 *out,
			 u64 size, u64 *len)
{
	size_t signed_len, total;

	if (!key_ready || !ev_ready || nonce_len > EVIDENCE_NONCE_MAX)
		return -RAMPART_EINVAL;
	ev.flags = flags;
	memcpy(ev.nonce, nonce, nonce_len);
	ev.nonce_len = nonce_len;
	if (evidence_encode(&ev, out, size, &signed_len) ||
	    evidence_sign(&key, out, signed_len, size, &total))
		return -RAMPART_ENOSPC;
	*len = total;
	return 0;
}

/* @q in the evidence if @ok and it fits, else no quote. */
static void keep_quote(const struct tpm2_quote *q, bool ok)
{
	ok = ok && q->attest_len <= EVIDENCE_TPM_MAX &&
	     q->sig_len <= EVIDENCE_TPM_MAX;
	ev.tpm_quote_len = ok ? (u32)q->attest_len : 0;
	ev.tpm_sig_len = ok ? (u32)q->sig_len : 0;
	memcpy(ev.tpm_quote, q->attest, ev.tpm_quote_len);
	memcpy(ev.tpm_sig, q->sig, ev.tpm_sig_len);
}

/* PCRs extended (fail closed: else they would not match the log), then
 * the quote for the launch evidence, if the TPM can give one. */
static int tpm_step(const u8 *log, u64 log_len, const u8 *nonce,
		    u32 nonce_len, const char **why)
{
	static struct tpm2_quote quote;
	int rc = tpm_hw_extend_and_quote(boot_measurements.tpm_base, log,
					 log_len, nonce, nonce_len, &quote);

	if (rc < 0)
		return rampart_fail(why, rc,
				    "the TPM did not take the measurements");
	keep_quote(&quote, rc == 0 && nonce_len);
	return 0;
}

/* The records the launch evidence's chain head covers, for the host
 * (verifier check --audit-chain): taken after it, so they reach it. */
static void dump_audit_chain(void)
{
	static u8 answer[AUDIT_CHAIN_ANSWER_MAX];
	u64 len, needed;

	audit_lock(&audit_log);
	len = audit_chain_answer(&audit_log, 0, answer, sizeof(answer),
				 &needed);
	audit_unlock(&audit_log);
	dump_hex("audit-chain", answer, len);
}

int attest_boot(const u8 *nonce, u32 nonce_len, u32 policy_id,
		const char *policy_name, const char *policy_config,
		const char **why)
{
	u8 *log = (u8 *)boot_measurements.region_base;
	u8 *out = log + RAMPART_LOG_SIZE;
	u64 log_len, len;

	if (write_log(log, RAMPART_LOG_SIZE, &log_len))
		return rampart_fail(why, -RAMPART_ENOSPC,
				    "event log does not fit");
	fill_fields(log_len, log, policy_id, policy_name, policy_config);
	event_log = log;
	dump_hex("event-log", log, log_len);
	if (boot_measurements.tpm_base &&
	    tpm_step(log, log_len, nonce, nonce_len, why))
		return -RAMPART_EINVAL;
	ev_ready = true;
	audit_lock(&audit_log);
	take_audit();
	audit_unlock(&audit_log);
	if (!nonce_len) {
		console_log("no launch nonce: launch evidence not made");
		return 0;
	}
	if (make_evidence(nonce, nonce_len, EVIDENCE_FLAG_LAUNCH, out,
			  RAMPART_EVIDENCE_SIZE, &len))
		return rampart_fail(why, -RAMPART_EINVAL,
				    "cannot sign the launch evidence");
	dump_hex("evidence", out, len);
	dump_audit_chain();
	return 0;
}

/*
 * With a TPM: the chain's records all in AUDIT_CHAIN_PCR, the audit fields
 * taken, and a quote of the boot's PCRs and that one over @nonce, all while
 * no record can be added (both locks), so the quote's PCR equals the head
 * the evidence signs. Without one quote, the evidence carries none.
 */
static void take_audit_and_quote(const u8 *nonce, u32 nonce_len)
{
	static struct tpm2_quote quote;
	bool quoted = false;

	audit_tpm_lock();
	audit_lock(&audit_log);
	if (audit_tpm_extend_pending())
		quoted = !tpm_hw_quote(boot_measurements.tpm_base, nonce,
				       nonce_len, 1u << AUDIT_CHAIN_PCR, &quote);
	take_audit();
	audit_unlock(&audit_log);
	audit_tpm_unlock();
	keep_quote(&quote, quoted);
}

long attest_evidence(const u8 *nonce, u32 nonce_len, u8 *out, u64 size,
		     u64 *needed)
{
	static u8 buf[EVIDENCE_MAX_SIZE];
	u64 len = 0;
	long rc;

	while (__atomic_exchange_n(&attest_lock, 1, __ATOMIC_ACQUIRE))
		;
	/* the launch quote vouched for the launch nonce only: each on-demand
	 * evidence has its own quote, or none */
	take_audit_and_quote(nonce, nonce_len);
	rc = make_evidence(nonce, nonce_len, 0, buf, sizeof(buf), &len) ?
		     SBI_ERR_NOT_SUPPORTED : (long)len;
	if (rc > 0 && len > size) {
		*needed = len;
		rc = SBI_ERR_INVALID_PARAM;
	} else if (rc > 0) {
		memcpy(out, buf, len);
	}
	__atomic_store_n(&attest_lock, 0, __ATOMIC_RELEASE);
	return rc;
}

const u8 *attest_event_log(u64 *len)
{
	*len = ev.log_size;
	return ev_ready ? event_log : NULL;
}
