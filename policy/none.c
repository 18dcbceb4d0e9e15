// SPDX-License-Identifier: BSD-2-Clause
/* Deprivilege only: the firmware reaches its devices and all memory but
 * the monitor's; DMA-capable devices stay denied (allow.h). */
#include "policy.h"
#include "allow.h"
#include "../monitor/core/pmp.h"
#include "../monitor/core/riscv.h"

static void none_firmware_pmp(struct pmp_entry *out)
{
	firmware_allow_list(out, DRAM_ALLOW_SIZE, false);
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
