/* SPDX-License-Identifier: BSD-2-Clause */
/* Hex digits to bytes and back: the one parser of the monitor's nonce
 * option and the verifier's hex arguments, the one encoder of both's
 * digests. Plain C: freestanding or hosted. */
#ifndef RAMPART_LIB_HEX_H
#define RAMPART_LIB_HEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode the @n characters at @s, an even number of [0-9a-fA-F], into at
 * most @max bytes of @out. Returns the number of bytes, or -1 (odd length,
 * a character that is not a hex digit, or more than @max bytes) with
 * nothing promised in @out.
 */
long hex_to_bytes(const char *s, size_t n, uint8_t *out, size_t max);

/* The @n bytes at @p as 2 * @n lowercase hex digits and a NUL at @out. */
void hex_encode(const uint8_t *p, size_t n, char *out);

#endif
