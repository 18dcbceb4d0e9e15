// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: evlog_parse and evlog_replay (measure/evlog.c). A log
 * the parser accepts replays with the same event count, and one that
 * starts with Rampart's own Spec ID event is rebuilt byte for byte by
 * evlog_append from the events the parser reported.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/rampart/evlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int rebuild(const struct evlog_event *ev, void *arg)
{
	struct evlog *log = arg;

	if (evlog_append(log, ev->pcr, ev->type, ev->digest, ev->data,
			 ev->data_len))
		abort(); /* it fitted in the original */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t pcrs[EVLOG_PCRS][EVLOG_DIGEST_SIZE];
	static uint8_t ours[EVLOG_HEADER_SIZE];
	struct evlog log;
	uint8_t *copy;
	int n;

	n = evlog_parse(data, size, NULL, NULL);
	if (n < 0)
		return 0;
	if (evlog_replay(data, size, pcrs) != n)
		abort();
	evlog_init(&log, ours, sizeof(ours));
	if (size < EVLOG_HEADER_SIZE || memcmp(data, ours, sizeof(ours)) != 0)
		return 0;
	copy = malloc(size);
	if (!copy || evlog_init(&log, copy, size) ||
	    evlog_parse(data, size, rebuild, &log) != n ||
	    evlog_len(&log) != size || memcmp(copy, data, size) != 0)
		abort();
	free(copy);
	return 0;
}
