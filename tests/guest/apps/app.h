/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the workloads share: a fatal error, a bounded numeric argument and
 * the clock. Each program defines APP_NAME (its name in messages) first.
 */
#ifndef APP_H
#define APP_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "instret_mark.h"

static void die(const char *what)
{
	fprintf(stderr, APP_NAME ": %s: %s\n", what, strerror(errno));
	exit(1);
}

static long arg(const char *s, const char *name, long max)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > max) {
		fprintf(stderr, APP_NAME ": %s must be 1..%ld, not '%s'\n", name,
			max, s);
		exit(1);
	}
	return v;
}

/* The clock, after an instret mark (per-hart counts at this point). */
static uint64_t now_ns(void)
{
	struct timespec t;

	instret_mark();
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

#endif
