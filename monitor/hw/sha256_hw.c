// SPDX-License-Identifier: BSD-2-Clause
/*
 * mbedTLS's SHA-256 block function, replaced (MBEDTLS_SHA256_PROCESS_ALT in
 * monitor/mbedtls_config.h) by measure/sha256_compress.c, in the build the
 * boot hart can run, chosen once: with Zknh when the device tree lists it
 * and the hart runs it (and Zbb, which that build also uses), with Zbb
 * when the hart has Zbb (both probed: hw/probe.c), the portable one
 * otherwise. Harts are assumed alike, as for Sstc. All three give the
 * same digests (tests/host/test_sha256.c, tests/qemu/cases/measure-zknh).
 */
#include "hw.h"
#include "console.h"
#include "../core/platform.h"
#include "../../measure/sha256_compress.h"
#include <mbedtls/sha256.h>

static void (*compress)(uint32_t state[8], const uint8_t block[64]) =
	sha256_compress;

void sha256_hw_init(const struct platform *p)
{
	const char *name = "portable";

	if (p->has_zbb && p->has_zknh) {
		compress = sha256_compress_zknh;
		name = "zknh";
	} else if (p->has_zbb) {
		compress = sha256_compress_zbb;
		name = "zbb";
	}
	console_log("sha256: %s block function", name);
}

int mbedtls_internal_sha256_process(mbedtls_sha256_context *ctx,
				    const unsigned char data[64])
{
	compress(ctx->state, data);
	return 0;
}
