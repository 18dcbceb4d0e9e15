// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: the verifier's ref.json parser (verifier/refjson.c).
 * What it accepts, ref_format writes back to something it reads as the
 * same reference. Run with -close_fd_mask=2: every rejection prints why.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "verifier/verifier.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct reference a, b;
	char *text;

	if (ref_parse((const char *)data, size, &a))
		return 0;
	text = ref_format(&a);
	if (!text || ref_parse(text, strlen(text), &b) ||
	    memcmp(&a, &b, sizeof(a)))
		abort();
	free(text);
	return 0;
}
