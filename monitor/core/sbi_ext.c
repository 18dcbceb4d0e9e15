// SPDX-License-Identifier: BSD-2-Clause
#include "sbi_ext.h"
#include "audit.h"
#include "vcpu.h"

#define REG_A0 10
#define REG_A1 11
#define REG_A2 12
#define REG_A6 16
#define REG_A7 17
#define ECALL_LEN 4
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
	n = audit_serialize(env->audit, buf, size, AUDIT_RECORDS);
	if (n)
		env->copy_out(pa, buf, (u64)n * AUDIT_RECORD_SIZE);
	*out = n;
	return SBI_SUCCESS;
}

static long rampart_call(struct vcpu *v, const struct sbi_ext_env *env,
			 u64 *out)
{
	switch (vcpu_reg(v, REG_A6)) {
	case SBI_RAMPART_GET_INFO:
		*out = ((u64)ABI_VERSION << 16) | env->policy_id;
		return SBI_SUCCESS;
	case SBI_RAMPART_AUDIT_COUNT:
		if (audit_count(env->audit, vcpu_reg(v, REG_A0), out))
			return SBI_ERR_INVALID_PARAM;
		return SBI_SUCCESS;
	case SBI_RAMPART_AUDIT_RECORDS:
		return audit_records(v, env, out);
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
	vcpu_set_reg(v, REG_A0, (u64)err);
	vcpu_set_reg(v, REG_A1, value);
	v->pc += ECALL_LEN;
	return true;
}
