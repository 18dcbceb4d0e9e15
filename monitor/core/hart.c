// SPDX-License-Identifier: BSD-2-Clause
#include "hart.h"
#include "platform.h"

struct hart harts[MAX_HARTS];

struct hart *hart_get(u64 id)
{
	return id < platform->nharts ? &harts[id] : NULL;
}
