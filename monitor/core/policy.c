// SPDX-License-Identifier: BSD-2-Clause
#include "policy.h"
#include <string.h>

/* the linker's bounds of the POLICY_REGISTER section */
extern const struct policy_ops *const __start_rampart_policies[];
extern const struct policy_ops *const __stop_rampart_policies[];

const struct policy_ops *policy_find(const char *name)
{
	/* one section between two linker symbols: compared as addresses */
	uintptr_t end = (uintptr_t)__stop_rampart_policies;
	const struct policy_ops *const *p;

	for (p = __start_rampart_policies; (uintptr_t)p < end; p++)
		if (!strcmp((*p)->name, name))
			return *p;
	return NULL;
}
