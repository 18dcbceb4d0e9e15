/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mbedTLS configuration for the monitor (Debian's mbedtls 2.28 source,
 * built by monitor/build.mk): SHA-256 and deterministic ECDSA P-256 only,
 * no entropy source, no file system, no clock, memory from a static pool.
 */
#ifndef RAMPART_MBEDTLS_CONFIG_H
#define RAMPART_MBEDTLS_CONFIG_H

#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
#define MBEDTLS_NO_PLATFORM_ENTROPY
/* the allocator stops on a corrupted pool: a monitor bug (attest.c) */
void rampart_crypto_abort(int status) __attribute__((noreturn));
#define MBEDTLS_PLATFORM_EXIT_MACRO rampart_crypto_abort

#define MBEDTLS_SHA256_C
/* the block function is ours, faster (monitor/hw/sha256_hw.c) */
#define MBEDTLS_SHA256_PROCESS_ALT
#define MBEDTLS_MD_C
#define MBEDTLS_HMAC_DRBG_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

/* smaller tables: the monitor's 1 MiB holds code, stacks and the pool */
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#define MBEDTLS_MPI_MAX_SIZE 64

#include "mbedtls/check_config.h"

#endif
