// SPDX-License-Identifier: BSD-2-Clause
#include "sbi_ext.h"
#include "audit.h"
#include "switches.h"
#include "vcpu.h"
#include "../../include/rampart/limits.h"
#include <string.h>

#define ABI_VERSION 1

bool sbi_ext_buffer_ok(const struct sbi_ext_env *env, u64 pa, u64 len)
{
	return !(pa & 7) && pa >= env->buf_base && pa < env->buf_end &&
	       len <= env->buf_end - pa;
}

static long audit_records(struct vcpu *v, const struct sbi_ext_env *env,
			  u64 *out)
{
	u8 buf[AUDIT_RECORDS * AUDIT_RECORD_SIZE];
	u64 pa = vcpu_reg(v, REG_A0), size = vcpu_reg(v, REG_A1);
	unsigned int n;

	if (!sbi_ext_buffer_ok(env, pa, size))
		return SBI_ERR_INVALID_ADDRESS;
	audit_lock(env->audit);
	n = audit_serialize(env->audit, buf, size, AUDIT_RECORDS);
	audit_unlock(env->audit);
	if (n)
		env->copy_out(pa, buf, (u64)n * AUDIT_RECORD_SIZE);
	*out = n;
	return SBI_SUCCESS;
}

/* a0 = nonce buffer, a1 = its length, a2 = output buffer, a3 = its size */
static long evidence_call(struct vcpu *v, const struct sbi_ext_env *env,
			  u64 *out)
{
	u64 npa = vcpu_reg(v, REG_A0), nlen = vcpu_reg(v, REG_A1);
	u64 opa = vcpu_reg(v, REG_A2), osize = vcpu_reg(v, REG_A3);
	u8 nonce[RAMPART_NONCE_MAX];
	u64 needed = 0;
	long rc;

	if (!env->evidence)
		return SBI_ERR_NOT_SUPPORTED;
	if (nlen < 1 || nlen > RAMPART_NONCE_MAX)
		return SBI_ERR_INVALID_PARAM;
	if (!sbi_ext_buffer_ok(env, npa, nlen) ||
	    !sbi_ext_buffer_ok(env, opa, osize))
		return SBI_ERR_INVALID_ADDRESS;
	/* physical buffers, checked above to lie in payload memory; the
	 * nonce copied once, so another hart cannot change what is signed
	 * while it is signed */
	memcpy(nonce, (const void *)(uintptr_t)npa, nlen);
	rc = env->evidence(nonce, (u32)nlen, (u8 *)(uintptr_t)opa, osize,
			   &needed);
	*out = rc >= 0 ? (u64)rc : needed;
	return rc >= 0 ? SBI_SUCCESS : rc;
}

/* @len bytes of @data into the caller's buffer [@pa, +@size) if they all
 * fit (a1 = @len either way, so a caller can size its buffer). */
static long answer_whole(const struct sbi_ext_env *env, u64 pa, u64 size,
			 const void *data, u64 len, u64 *out)
{
	if (!sbi_ext_buffer_ok(env, pa, size))
		return SBI_ERR_INVALID_ADDRESS;
	*out = len;
	if (size < len)
		return SBI_ERR_INVALID_PARAM;
	env->copy_out(pa, data, len);
	return SBI_SUCCESS;
}

/* a0 = buffer, a1 = its size: the event log measured at boot */
static long event_log_call(struct vcpu *v, const struct sbi_ext_env *env,
			   u64 *out)
{
	u64 pa = vcpu_reg(v, REG_A0), size = vcpu_reg(v, REG_A1), len = 0;
	const u8 *log = env->event_log ? env->event_log(&len) : NULL;

	if (!log)
		return SBI_ERR_NOT_SUPPORTED;
	return answer_whole(env, pa, size, log, len, out);
}

/* a0 = first seq wanted, a1 = buffer, a2 = its size: the audit chain */
static long audit_chain_call(struct vcpu *v, const struct sbi_ext_env *env,
			     u64 *out)
{
	static u8 answer[AUDIT_CHAIN_ANSWER_MAX]; /* under the audit lock */
	u64 from = vcpu_reg(v, REG_A0), pa = vcpu_reg(v, REG_A1);
	u64 size = vcpu_reg(v, REG_A2), len, needed;

	if (!sbi_ext_buffer_ok(env, pa, size))
		return SBI_ERR_INVALID_ADDRESS;
	audit_lock(env->audit);
	len = audit_chain_answer(env->audit, from, answer,
				 size < sizeof(answer) ? size : sizeof(answer),
				 &needed);
	if (len)
		env->copy_out(pa, answer, len);
	audit_unlock(env->audit);
	*out = len ? len : needed;
	return len ? SBI_SUCCESS : SBI_ERR_INVALID_PARAM;
}

/* a0 = buffer, a1 = its size: world switches by cause (16-byte records) */
static long switches_call(struct vcpu *v, const struct sbi_ext_env *env,
			  u64 *out)
{
	struct switch_record rec[SWITCH_RECORDS_MAX];
	u64 pa = vcpu_reg(v, REG_A0), size = vcpu_reg(v, REG_A1), len;

	if (!env->switches)
		return SBI_ERR_NOT_SUPPORTED;
	len = (u64)env->switches(rec, SWITCH_RECORDS_MAX) * sizeof(rec[0]);
	return answer_whole(env, pa, size, rec, len, out);
}

static long rampart_call(struct vcpu *v, const struct sbi_ext_env *env,
			 u64 *out)
{
	switch (vcpu_reg(v, REG_A6)) {
	case SBI_RAMPART_GET_INFO:
		*out = ((u64)ABI_VERSION << 16) | env->policy_id;
		return SBI_SUCCESS;
	case SBI_RAMPART_AUDIT_COUNT:
		/* one aligned u64: a consistent read without the lock */
		if (audit_count(env->audit, vcpu_reg(v, REG_A0), out))
			return SBI_ERR_INVALID_PARAM;
		return SBI_SUCCESS;
	case SBI_RAMPART_AUDIT_RECORDS:
		return audit_records(v, env, out);
	case SBI_RAMPART_EVIDENCE:
		return evidence_call(v, env, out);
	case SBI_RAMPART_EVENT_LOG:
		return event_log_call(v, env, out);
	case SBI_RAMPART_AUDIT_CHAIN:
		return audit_chain_call(v, env, out);
	case SBI_RAMPART_SWITCHES:
		return switches_call(v, env, out);
	default:
		return SBI_ERR_NOT_SUPPORTED;
	}
}

bool sbi_ext_handle(struct vcpu *v, const struct sbi_ext_env *env)
{
	u64 ext = vcpu_reg(v, REG_A7), value = 0;
	long err;

	if (ext == SBI_EXT_BASE &&
	    vcpu_reg(v, REG_A6) == SBI_BASE_PROBE_EXTENSION &&
	    vcpu_reg(v, REG_A0) == SBI_EXT_RAMPART) {
		err = SBI_SUCCESS;
		value = 1;
	} else if (ext == SBI_EXT_RAMPART) {
		err = rampart_call(v, env, &value);
	} else {
		return false;
	}
	vcpu_sbi_return(v, (u64)err, value);
	return true;
}
