// SPDX-License-Identifier: BSD-2-Clause
/*
 * mbedTLS's SHA-256 block function, replaced (MBEDTLS_SHA256_PROCESS_ALT in
 * monitor/mbedtls_config.h) by measure/sha256_compress.c: the Zbb build
 * when the boot hart has Zbb (probed once: hw/probe.c), the portable
 * one otherwise. Harts are assumed alike, as for Sstc.
 */
#include "hw.h"
#include "../../measure/sha256_compress.h"
#include <mbedtls/sha256.h>

static bool use_zbb;

void sha256_hw_init(bool has_zbb)
{
	use_zbb = has_zbb;
}

int mbedtls_internal_sha256_process(mbedtls_sha256_context *ctx,
				    const unsigned char data[64])
{
	if (use_zbb)
		sha256_compress_zbb(ctx->state, data);
	else
		sha256_compress(ctx->state, data);
	return 0;
}
