/* SPDX-License-Identifier: BSD-2-Clause */
/* Hex digits to bytes: the one parser of the monitor's nonce option and
 * the verifier's hex arguments. Plain C: freestanding or hosted. */
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

#endif
