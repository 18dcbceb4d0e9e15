/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SHA-256's compression function: one 64-byte block into @state. The
 * monitor plugs it into mbedTLS (MBEDTLS_SHA256_PROCESS_ALT), which still
 * does padding, lengths and the API; the host tests check it against
 * Debian's mbedTLS.
 */
#ifndef RAMPART_SHA256_COMPRESS_H
#define RAMPART_SHA256_COMPRESS_H

#include <stdint.h>

void sha256_compress(uint32_t state[8], const uint8_t block[64]);
/* the same, built with Zbb: call only where the hart implements Zbb */
void sha256_compress_zbb(uint32_t state[8], const uint8_t block[64]);
/* the same, built with Zbb and Zknh (the host tests build it with the
 * instructions modelled in C): call only where the hart has both */
void sha256_compress_zknh(uint32_t state[8], const uint8_t block[64]);

#endif
