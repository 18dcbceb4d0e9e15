// SPDX-License-Identifier: BSD-2-Clause
#include "platform.h"

struct platform platform_described;

void platform_set(const struct platform *p)
{
	platform_described = *p;
}
