// SPDX-License-Identifier: BSD-2-Clause
/*
 * The SHA-256 compression function (FIPS 180-4, 6.2.2) written for speed:
 * every measured byte of the kernel and initrd goes through it before the
 * kernel's first entry, so its cost is most of what measuring adds to boot
 * (docs/bench.md).
 *
 * Why it is shaped this way (each counted in retired instructions):
 *  - the eight working variables and the sixteen message words the
 *    schedule needs are named locals, not arrays: the compiler keeps all
 *    24 in registers, so no round loads or stores a message word (the
 *    schedule, FIPS 6.2.2 step 1, runs in place in a 16-word ring);
 *  - rounds are unrolled sixteen at a time: a round names the variables
 *    (ROUND's arguments rotate), so no value is ever moved, and the ring
 *    slot of round t is the constant t mod 16;
 *  - the values are uint64_t of which only the low 32 bits are the SHA-256
 *    word: additions, and, xor keep the low word right whatever the upper
 *    half holds, and every Sigma reads only the low word, so nothing is
 *    ever re-extended (with uint32_t, GCC 12 adds a sext.w after most
 *    xors); the state is written back truncated;
 *  - Maj is written ((a ^ b) & (b ^ c)) ^ b: the next round's b ^ c is
 *    this round's a ^ b, which the compiler computes once.
 * The four Sigma functions come from sha256_sigma.h: rotations (five
 * instructions with Zbb) or one Zknh instruction each. Measured figures
 * and the floor: docs/bench.md, "SHA-256: instructions per byte".
 *
 * The monitor compiles this file three times (monitor/build.mk):
 * sha256_compress() for any RV64, sha256_compress_zbb() with Zbb, and
 * sha256_compress_zknh() with Zbb and Zknh; SHA256_COMPRESS names each.
 */
#include "sha256_compress.h"
#include "sha256_sigma.h"

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

/* Ch and Maj in three operations each (FIPS 4.1.2, rewritten) */
#define CH(e, f, g) ((((f) ^ (g)) & (e)) ^ (g))
#define MAJ(a, b, c) ((((a) ^ (b)) & ((b) ^ (c))) ^ (b))

/* One round with message word @w and round constant kt[@j]. */
#define ROUND(a, b, c, d, e, f, g, h, w, j)                               \
	do {                                                              \
		uint64_t t1 =                                             \
			(h) + sha256_sum1(e) + CH(e, f, g) + kt[j] + (w); \
		(d) += t1;                                                \
		(h) = t1 + sha256_sum0(a) + MAJ(a, b, c);                 \
	} while (0)

/* W[t] = sig1(W[t-2]) + W[t-7] + sig0(W[t-15]) + W[t-16] (FIPS 6.2.2),
 * in the ring slot that held W[t-16]. */
#define SCHEDULE(w0, w1, w9, w14) \
	((w0) += sha256_sig1(w14) + (w9) + sha256_sig0(w1))

/* Sixteen rounds, t mod 16 = j = 0..15. R gets the variables, whose names
 * rotate by one each round (a full turn every eight), the ring slots of
 * W[t-16] (= W[t] once scheduled), W[t-15], W[t-7] and W[t-2], and j, the
 * round constant's index from kt. */
#define ROUND16(R)                                            \
	do {                                                  \
		R(a, b, c, d, e, f, g, h, 0, 1, 9, 14, 0);    \
		R(h, a, b, c, d, e, f, g, 1, 2, 10, 15, 1);   \
		R(g, h, a, b, c, d, e, f, 2, 3, 11, 0, 2);    \
		R(f, g, h, a, b, c, d, e, 3, 4, 12, 1, 3);    \
		R(e, f, g, h, a, b, c, d, 4, 5, 13, 2, 4);    \
		R(d, e, f, g, h, a, b, c, 5, 6, 14, 3, 5);    \
		R(c, d, e, f, g, h, a, b, 6, 7, 15, 4, 6);    \
		R(b, c, d, e, f, g, h, a, 7, 8, 0, 5, 7);     \
		R(a, b, c, d, e, f, g, h, 8, 9, 1, 6, 8);     \
		R(h, a, b, c, d, e, f, g, 9, 10, 2, 7, 9);    \
		R(g, h, a, b, c, d, e, f, 10, 11, 3, 8, 10);  \
		R(f, g, h, a, b, c, d, e, 11, 12, 4, 9, 11);  \
		R(e, f, g, h, a, b, c, d, 12, 13, 5, 10, 12); \
		R(d, e, f, g, h, a, b, c, 13, 14, 6, 11, 13); \
		R(c, d, e, f, g, h, a, b, 14, 15, 7, 12, 14); \
		R(b, c, d, e, f, g, h, a, 15, 0, 8, 13, 15);  \
	} while (0)

/* Rounds 0-15 use the block's words as loaded; 16-63 schedule first. */
#define PLAIN(a, b, c, d, e, f, g, h, s0, s1, s9, s14, j) \
	ROUND(a, b, c, d, e, f, g, h, w##s0, j)
#define SCHEDULED(a, b, c, d, e, f, g, h, s0, s1, s9, s14, j) \
	do {                                                  \
		SCHEDULE(w##s0, w##s1, w##s9, w##s14);        \
		ROUND(a, b, c, d, e, f, g, h, w##s0, j);      \
	} while (0)

static inline uint32_t load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

#ifdef __riscv_zbb
/* An aligned word and rev8: 3 instructions instead of 10. */
#define LOAD(i)                                                      \
	(aligned ? __builtin_bswap32(((const uint32_t *)block)[i]) : \
		   load_be32(block + 4 * (i)))
#else
#define LOAD(i) load_be32(block + 4 * (i))
#endif

void SHA256_COMPRESS(uint32_t state[8], const uint8_t block[64])
{
	uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint64_t e = state[4], f = state[5], g = state[6], h = state[7];
	const uint32_t *kt = k;
#ifdef __riscv_zbb
	const int aligned = !((uintptr_t)block & 3);
#endif
	uint64_t w0 = LOAD(0), w1 = LOAD(1), w2 = LOAD(2), w3 = LOAD(3);
	uint64_t w4 = LOAD(4), w5 = LOAD(5), w6 = LOAD(6), w7 = LOAD(7);
	uint64_t w8 = LOAD(8), w9 = LOAD(9), w10 = LOAD(10), w11 = LOAD(11);
	uint64_t w12 = LOAD(12), w13 = LOAD(13), w14 = LOAD(14);
	uint64_t w15 = LOAD(15);

	/* Hide the table's address: GCC would otherwise build some of the
	 * constants with lui and addi, two instructions instead of a load. */
	__asm__("" : "+r"(kt));
	ROUND16(PLAIN);
	for (kt += 16; kt < k + 64; kt += 16)
		ROUND16(SCHEDULED);
	state[0] += (uint32_t)a;
	state[1] += (uint32_t)b;
	state[2] += (uint32_t)c;
	state[3] += (uint32_t)d;
	state[4] += (uint32_t)e;
	state[5] += (uint32_t)f;
	state[6] += (uint32_t)g;
	state[7] += (uint32_t)h;
}
