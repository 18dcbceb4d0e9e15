// SPDX-License-Identifier: BSD-2-Clause
#include "platform.h"

static struct platform described;
const struct platform *const platform = &described;

void platform_set(const struct platform *p)
{
	described = *p;
}
