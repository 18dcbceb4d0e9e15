// SPDX-License-Identifier: BSD-2-Clause
/*
 * The SHA-256 compression function (FIPS 180-4, 6.2.2) written for speed:
 * every measured byte of the kernel and initrd goes through it before the
 * kernel's first entry, so its cost is most of what measuring adds to boot
 * (docs/bench.md).
 *
 * What makes it faster than mbedTLS 2.28's portable routine on RISC-V: the
 * eight working variables live in locals the compiler keeps in registers
 * (mbedTLS keeps them in a struct it then wipes with memset, so they stay
 * in memory), the schedule is a 16-word ring instead of 64 words, and each
 * group of 16 rounds is unrolled so no variable is ever moved. Built for
 * Zbb, every rotation is one instruction (rorw).
 *
 * The file is compiled twice by the monitor: as sha256_compress() for any
 * RV64, and with Zbb as sha256_compress_zbb() (SHA256_COMPRESS names it).
 */
#include "sha256_compress.h"

#ifndef SHA256_COMPRESS
#define SHA256_COMPRESS sha256_compress
#endif

static const uint32_t k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t ror(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

#define BIG_SIGMA0(x) (ror(x, 2) ^ ror(x, 13) ^ ror(x, 22))
#define BIG_SIGMA1(x) (ror(x, 6) ^ ror(x, 11) ^ ror(x, 25))
#define SMALL_SIGMA0(x) (ror(x, 7) ^ ror(x, 18) ^ ((x) >> 3))
#define SMALL_SIGMA1(x) (ror(x, 17) ^ ror(x, 19) ^ ((x) >> 10))
/* Ch and Maj in three operations each (no andn without Zbb) */
#define CH(e, f, g) ((((f) ^ (g)) & (e)) ^ (g))
#define MAJ(a, b, c) ((((a) ^ (b)) & ((b) ^ (c))) ^ (b))

/* Round i + j: the caller rotates the names, not the values. */
#define ROUND(a, b, c, d, e, f, g, h, j)                                     \
	do {                                                                 \
		uint32_t t1 = (h) + BIG_SIGMA1(e) + CH(e, f, g) +            \
			      k[i + (j)] + w[i + (j)];                       \
		uint32_t t2 = BIG_SIGMA0(a) + MAJ(a, b, c);                   \
		(d) += t1;                                                   \
		(h) = t1 + t2;                                               \
	} while (0)

static inline uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

void SHA256_COMPRESS(uint32_t state[8], const uint8_t block[64])
{
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
	uint32_t w[64];
	unsigned int i;

#ifdef __riscv_zbb
	/* aligned words and rev8: 3 instructions a word instead of 10 */
	if (!((uintptr_t)block & 3)) {
		for (i = 0; i < 16; i++)
			w[i] = __builtin_bswap32(((const uint32_t *)block)[i]);
	} else
#endif
	{
		for (i = 0; i < 16; i++)
			w[i] = load_be32(block + 4 * i);
	}
#pragma GCC unroll 8
	for (i = 16; i < 64; i++)
		w[i] = SMALL_SIGMA1(w[i - 2]) + w[i - 7] +
		       SMALL_SIGMA0(w[i - 15]) + w[i - 16];
	for (i = 0; i < 64; i += 8) {
		ROUND(a, b, c, d, e, f, g, h, 0);
		ROUND(h, a, b, c, d, e, f, g, 1);
		ROUND(g, h, a, b, c, d, e, f, 2);
		ROUND(f, g, h, a, b, c, d, e, 3);
		ROUND(e, f, g, h, a, b, c, d, 4);
		ROUND(d, e, f, g, h, a, b, c, 5);
		ROUND(c, d, e, f, g, h, a, b, 6);
		ROUND(b, c, d, e, f, g, h, a, 7);
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += h;
}
