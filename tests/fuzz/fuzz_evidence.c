// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer target: evidence_parse (measure/evidence.c). Besides "no
 * crash, no sanitizer report", it checks that the encoding is canonical:
 * whatever the parser accepts, the encoder writes back byte for byte.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../include/rampart/evidence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct evidence ev;
	static uint8_t buf[EVIDENCE_MAX_SIZE];
	size_t signed_len, sig_len, len;
	const uint8_t *sig;
	const char *why = NULL;

	if (evidence_parse(data, size, &ev, &why)) {
		if (!why)
			abort(); /* every rejection says why */
		return 0;
	}
	if (evidence_split(data, size, &signed_len, &sig, &sig_len, NULL) ||
	    sig_len != ev.sig_len || memcmp(sig, ev.sig, sig_len) != 0)
		abort();
	if (evidence_encode(&ev, buf, sizeof(buf), &len) || len != signed_len ||
	    memcmp(buf, data, len) != 0)
		abort(); /* accepted, but not what the encoder writes */
	return 0;
}
