// SPDX-License-Identifier: BSD-2-Clause
/*
 * mbedTLS's SHA-256 block function, replaced (MBEDTLS_SHA256_PROCESS_ALT in
 * monitor/mbedtls_config.h) by measure/sha256_compress.c: the Zbb build
 * when the boot hart has Zbb (probed once, sha256_hw_init), the portable
 * one otherwise. Harts are assumed alike, as for Sstc.
 */
#include "hw.h"
#include "../../measure/sha256_compress.h"
#include <mbedtls/sha256.h>

static bool use_zbb;

static bool probe_zbb(void)
{
	probe_arm();
	/* rev8 t0, t0 (Zbb): an illegal instruction without it */
	__asm__ volatile(".insn i 0x13, 5, t0, t0, 0x6b8" ::: "t0");
	return probe_disarm() == 0;
}

bool sha256_hw_init(void)
{
	use_zbb = probe_zbb();
	return use_zbb;
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
