// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: the verifier's ref.json parser (verifier/refjson.c).
 * What it accepts, ref_format writes back to something it reads as the
 * same reference. Run with -close_fd_mask=2: every rejection prints why.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "verifier/verifier.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same_region(const struct ref_region *a, const struct ref_region *b)
{
	return a->set == b->set && a->absent == b->absent &&
	       a->size == b->size &&
	       memcmp(a->digest, b->digest, sizeof(a->digest)) == 0;
}

static bool same(const struct reference *a, const struct reference *b)
{
	int t;

	for (t = 0; t < EVIDENCE_REGIONS; t++)
		if (!same_region(&a->regions[t], &b->regions[t]))
			return false;
	return a->cmdline_text == b->cmdline_text &&
	       a->policy_config_set == b->policy_config_set &&
	       strcmp(a->cmdline, b->cmdline) == 0 &&
	       strcmp(a->policy, b->policy) == 0 &&
	       strcmp(a->policy_config, b->policy_config) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct reference a, b;
	char *text;

	if (ref_parse((const char *)data, size, &a))
		return 0;
	text = ref_format(&a);
	if (!text || ref_parse(text, strlen(text), &b) || !same(&a, &b))
		abort();
	free(text);
	return 0;
}
