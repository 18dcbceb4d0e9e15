// SPDX-License-Identifier: BSD-2-Clause
/* Deprivilege only: the firmware reaches everything but the monitor. */
#include "policy.h"
#include "../monitor/core/pmp.h"
#include "../monitor/core/riscv.h"

static void none_firmware_pmp(struct pmp_entry *out)
{
	unsigned int i;

	for (i = 0; i + 1 < PMP_FW_POLICY_COUNT; i++)
		out[i] = (struct pmp_entry){ 0, PMP_A_OFF };
	out[i] = (struct pmp_entry){ PMPADDR_ALL,
				     PMP_A_NAPOT | PMP_R | PMP_W | PMP_X };
}

static bool none_payload_trap(struct vcpu *v, u64 cause, u64 tval)
{
	(void)v, (void)cause, (void)tval;
	return false;
}

static void none_enter_firmware(struct vcpu *v)
{
	(void)v;
}

static bool none_enter_payload(struct vcpu *v)
{
	(void)v;
	return true;
}

static bool none_mprv_allowed(const struct vcpu *v, u64 addr)
{
	(void)v, (void)addr;
	return true;
}

const struct policy_ops policy_none = {
	.name = "none",
	.id = 0,
	.firmware_pmp = none_firmware_pmp,
	.payload_trap = none_payload_trap,
	.enter_firmware = none_enter_firmware,
	.enter_payload = none_enter_payload,
	.firmware_mprv_allowed = none_mprv_allowed,
};
