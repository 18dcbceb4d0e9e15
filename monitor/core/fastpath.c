// SPDX-License-Identifier: BSD-2-Clause
#include "fastpath.h"
#include "sbi_ext.h"
#include "riscv.h"
#include "vcpu.h"

#define BASE_PROBE 3

static int find_probe(const struct fastpath_cache *c, u64 eid)
{
	unsigned int i;

	for (i = 0; i < c->probes; i++)
		if (c->probe_eid[i] == eid)
			return (int)i;
	return -1;
}

static bool base_call(struct vcpu *v, struct fastpath_cache *c,
		      struct fastpath_pending *pending)
{
	u64 fid = vcpu_reg(v, REG_A6), a0 = vcpu_reg(v, REG_A0);
	int i;

	if (fid == BASE_PROBE && (i = find_probe(c, a0)) >= 0) {
		vcpu_sbi_return(v, SBI_SUCCESS, c->probe_value[i]);
		return true;
	}
	if (fid != BASE_PROBE && fid < FASTPATH_BASE_FIDS && c->valid[fid]) {
		vcpu_sbi_return(v, SBI_SUCCESS, c->value[fid]);
		return true;
	}
	if (fid < FASTPATH_BASE_FIDS)
		*pending = (struct fastpath_pending){ true, fid, a0, v->pc };
	return false;
}

bool fastpath_call(struct vcpu *v, struct fastpath_cache *c,
		   const struct fastpath_hw *hw,
		   struct fastpath_pending *pending)
{
	u64 ext = vcpu_reg(v, REG_A7);

	pending->active = false;
	if (ext == SBI_EXT_BASE)
		return base_call(v, c, pending);
	/* With Sstc, OpenSBI 1.1 programs stimecmp and nothing else. */
	if (ext == SBI_EXT_TIME && vcpu_reg(v, REG_A6) == 0 && hw->has_sstc(v)) {
		hw->set_stimecmp(vcpu_reg(v, REG_A0));
		vcpu_sbi_return(v, SBI_SUCCESS, 0);
		return true;
	}
	/* Legacy putchar (SBI v0.1): a0 = 0, a1 untouched, as OpenSBI. */
	if (ext == SBI_EXT_0_1_CONSOLE_PUTCHAR) {
		hw->putchar((u8)vcpu_reg(v, REG_A0));
		vcpu_set_reg(v, REG_A0, 0);
		vcpu_skip(v, ECALL_LEN);
		return true;
	}
	return false;
}

void fastpath_learn(const struct vcpu *v, struct fastpath_cache *c,
		    struct fastpath_pending *pending)
{
	bool returned = v->pc == pending->pc + ECALL_LEN &&
			vcpu_reg(v, REG_A0) == SBI_SUCCESS;

	if (pending->active && returned) {
		u64 value = vcpu_reg(v, REG_A1);

		if (pending->fid != BASE_PROBE) {
			c->value[pending->fid] = value;
			c->valid[pending->fid] = true;
		} else if (c->probes < FASTPATH_PROBES &&
			   find_probe(c, pending->a0) < 0) {
			c->probe_eid[c->probes] = pending->a0;
			c->probe_value[c->probes++] = value;
		}
	}
	pending->active = false;
}
