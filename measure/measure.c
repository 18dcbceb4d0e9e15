// SPDX-License-Identifier: BSD-2-Clause
#include "../include/rampart/measure.h"
#include <mbedtls/sha256.h>

#define IMAGE_HEADER_SIZE 64
#define IMAGE_SIZE_OFFSET 16
#define IMAGE_MAGIC2_OFFSET 56

void measure_put_le(uint8_t *p, uint64_t v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

uint64_t measure_get_le(const uint8_t *p, unsigned int bytes)
{
	uint64_t v = 0;

	while (bytes--)
		v = (v << 8) | p[bytes];
	return v;
}

void measure_region(uint32_t type, uint64_t base, uint64_t size,
		    const void *bytes, uint8_t out[MEASURE_DIGEST_SIZE])
{
	mbedtls_sha256_context ctx;
	uint8_t hdr[MEASURE_HEADER_SIZE];

	measure_put_le(hdr, type, 4);
	measure_put_le(hdr + 4, base, 8);
	measure_put_le(hdr + 12, size, 8);
	mbedtls_sha256_init(&ctx);
	mbedtls_sha256_starts_ret(&ctx, 0);
	mbedtls_sha256_update_ret(&ctx, hdr, sizeof(hdr));
	mbedtls_sha256_update_ret(&ctx, bytes, (size_t)size);
	mbedtls_sha256_finish_ret(&ctx, out);
	mbedtls_sha256_free(&ctx);
}

int measure_payload_size(const uint8_t *head, uint64_t file_size,
			 uint64_t *size)
{
	static const uint8_t magic2[4] = { 'R', 'S', 'C', 0x05 };
	uint64_t image_size;
	unsigned int i;

	*size = file_size;
	if (file_size < IMAGE_MAGIC2_OFFSET + 4)
		return 0; /* too short to hold the magic: a raw binary */
	for (i = 0; i < 4; i++)
		if (head[IMAGE_MAGIC2_OFFSET + i] != magic2[i])
			return 0;
	if (file_size < IMAGE_HEADER_SIZE)
		return -1; /* an Image's magic, but not its whole header */
	image_size = measure_get_le(head + IMAGE_SIZE_OFFSET, 8);
	if (image_size == 0 || image_size < file_size)
		return -1;
	*size = image_size;
	return 0;
}
