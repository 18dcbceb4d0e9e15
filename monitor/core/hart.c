// SPDX-License-Identifier: BSD-2-Clause
#include "hart.h"
#include <string.h>

struct hart *harts;
static unsigned int nharts; /* how many harts[] holds */

u64 hart_area_init(u64 start, u64 end, unsigned int n)
{
	u64 base = (start + HART_SIZE - 1) & ~(u64)(HART_SIZE - 1);
	u64 stacks = base + (u64)n * HART_SIZE;

	if (!n || n > MAX_HARTS || base < start || base > end ||
	    (end - base) / (HART_SIZE + HART_STACK_SIZE) < n)
		return 0;
	memset((void *)(uintptr_t)base, 0, (size_t)n * HART_SIZE);
	harts = (struct hart *)(uintptr_t)base;
	nharts = n;
	return stacks;
}

struct hart *hart_get(u64 id)
{
	return id < nharts ? &harts[id] : NULL;
}
