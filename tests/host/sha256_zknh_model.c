// SPDX-License-Identifier: BSD-2-Clause
/*
 * The monitor's Zknh build of the SHA-256 block function, for the host:
 * the same C (measure/sha256_compress.c) with the four Zknh instructions
 * answered by their C model (measure/sha256_sigma.h), so that
 * test_sha256.c holds it to the same vectors as the portable build.
 */
#define SHA256_ZKNH_EMULATE
#define SHA256_COMPRESS sha256_compress_zknh
/* the same source, built once more into the same test as another function */
/* NOLINTNEXTLINE(bugprone-suspicious-include) */
#include "measure/sha256_compress.c"
