// SPDX-License-Identifier: BSD-2-Clause
/*
 * nsclock: prints the guest's CLOCK_MONOTONIC in nanoseconds, for the
 * bench script's world-switch rates (busybox date has no %N here), after
 * an instret mark (instret_mark.h) that brackets the window per hart.
 */
#include <inttypes.h>
#include <stdio.h>
#include <time.h>

#include "instret_mark.h"

int main(void)
{
	struct timespec t;

	instret_mark();
	if (clock_gettime(CLOCK_MONOTONIC, &t))
		return 1;
	printf("%" PRIu64 "\n",
	       (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec);
	return 0;
}
