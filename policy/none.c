// SPDX-License-Identifier: BSD-2-Clause
/* Deprivilege only: the firmware reaches its devices and all memory but
 * the monitor's; DMA-capable devices stay denied (allow.h). */
#include "allow.h"
#include "../monitor/core/policy.h"

static void none_firmware_pmp(struct pmp_entry *out)
{
	firmware_allow_list(out, DRAM_ALLOW_SIZE, 0, 0);
}

static const struct policy_ops policy_none = {
	.name = "none",
	.id = 0,
	.firmware_pmp = none_firmware_pmp,
};
POLICY_REGISTER(policy_none);
