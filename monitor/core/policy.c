// SPDX-License-Identifier: BSD-2-Clause
#include "policy.h"
#include <string.h>

/* the linker's bounds of the POLICY_REGISTER section */
extern const struct policy_ops *const __start_rampart_policies[];
extern const struct policy_ops *const __stop_rampart_policies[];

const struct policy_ops *policy_find(const char *name)
{
	const struct policy_ops *const *p;

	for (p = __start_rampart_policies; p < __stop_rampart_policies; p++)
		if (!strcmp((*p)->name, name))
			return *p;
	return NULL;
}
