// SPDX-License-Identifier: BSD-2-Clause
#include "debug_checks.h"
#include "boot_measure.h"
#include "console.h"
#include "platform.h"
#include "../core/services.h"
#include "../core/options.h"
#include <string.h>

#ifdef RAMPART_DEBUG_CHECKS
static const struct {
	u32 type;
	const char *name;
} rechecked[] = {
	{ MEASURE_KERNEL, "kernel" },
	{ MEASURE_INITRD, "initrd" },
	{ MEASURE_CMDLINE, "cmdline" },
	{ MEASURE_DTB, "dtb" },
};

/* debug_write=NAME: one byte in the middle of that range flipped */
static void deliberate_write(void)
{
	char name[16];
	unsigned int i;

	if (options_get((const char *)OPTIONS_BASE, OPTIONS_SIZE,
			"debug_write", name, sizeof(name)) <= 0)
		return;
	for (i = 0; i < ARRAY_SIZE(rechecked); i++) {
		const struct measured *m = boot_measure_region(rechecked[i].type);

		if (m->present && !strcmp(name, rechecked[i].name)) {
			((volatile u8 *)m->at)[m->size / 2] ^= 0x5a;
			console_log("debug: wrote one byte of the measured %s",
				    name);
		}
	}
}

void debug_recheck_measured(void)
{
	u8 digest[MEASURE_DIGEST_SIZE];
	unsigned int i;

	deliberate_write();
	for (i = 0; i < ARRAY_SIZE(rechecked); i++) {
		const struct measured *m = boot_measure_region(rechecked[i].type);

		if (!m->present)
			continue;
		measure_region(rechecked[i].type, m->base, m->size,
			       (const void *)m->at, digest);
		if (memcmp(digest, m->digest, sizeof(digest))) {
			console_log("fatal: debug re-hash: the %s changed between "
				    "its hash and the payload's first "
				    "instruction", rechecked[i].name);
			hw_stop_machine(DEBUG_CHECK_EXIT);
		}
	}
	console_log("debug re-hash: every measured range unchanged at the "
		    "payload's first entry");
}
#else
void debug_recheck_measured(void)
{
}
#endif
