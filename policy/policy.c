// SPDX-License-Identifier: BSD-2-Clause
#include "policy.h"
#include <string.h>

const struct policy_ops *policy_find(const char *name)
{
	if (!strcmp(name, policy_protect.name))
		return &policy_protect;
	if (!strcmp(name, policy_none.name))
		return &policy_none;
	return NULL;
}
