/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SHA-256's four Sigma functions (FIPS 180-4, 4.1.2) for
 * sha256_compress.c, in the form this build of it runs:
 *
 *  - Zknh (-march=..._zknh): one instruction each, sha256sum0/sum1/sig0/
 *    sig1 (RISC-V scalar cryptography 1.0), written as inline asm because
 *    GCC 12 has no builtins for them;
 *  - SHA256_ZKNH_EMULATE (host tests only): the same calls, each answered
 *    by a C model of the instruction as the scalar crypto spec defines it
 *    on RV64 (the low 32 bits of rs1 in, the result sign-extended), so the
 *    Zknh build's C is tested against the vectors on the host, and QEMU
 *    runs the real instructions (tests/qemu/cases/measure-zknh.case);
 *  - with Zbb: five instructions each (rorw, srliw, xor), written out;
 *  - otherwise: rotations and shifts in C.
 */
#ifndef RAMPART_SHA256_SIGMA_H
#define RAMPART_SHA256_SIGMA_H

#include <stdint.h>

#if defined(__riscv_zknh) && defined(SHA256_ZKNH_EMULATE)
#error "SHA256_ZKNH_EMULATE is for host builds"
#endif

/*
 * Every function takes and returns a 64-bit register whose low 32 bits
 * are the SHA-256 word; the upper half is whatever the last instruction
 * left there (sha256_compress.c explains why). So each reads only the
 * low word: rorw/srliw with Zbb, the Zknh instructions (they read rs1's
 * low word and sign-extend their result on RV64: the instructions'
 * pages in scalar cryptography 1.0).
 */
static inline uint32_t sha256_ror(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

#if defined(__riscv_zknh)
#define SHA256_ZKNH_INSN(name)                                        \
	static inline uint64_t sha256_##name(uint64_t x)              \
	{                                                             \
		uint64_t r;                                           \
		__asm__("sha256" #name " %0, %1" : "=r"(r) : "r"(x)); \
		return r;                                             \
	}
#elif defined(SHA256_ZKNH_EMULATE)
/* The instruction: rs1's low word in, sext32(result) in rd (RV64). */
static inline uint64_t sha256_zknh_model(uint64_t rs1, unsigned int r1,
					 unsigned int r2, unsigned int r3,
					 int shift)
{
	uint32_t x = (uint32_t)rs1;
	uint32_t third = shift ? x >> r3 : sha256_ror(x, r3);

	return (uint64_t)(int64_t)(int32_t)(sha256_ror(x, r1) ^
					    sha256_ror(x, r2) ^ third);
}

#define SHA256_ZKNH_INSN(name)                           \
	static inline uint64_t sha256_##name(uint64_t x) \
	{                                                \
		return sha256_zknh_model_##name(x);      \
	}
#define sha256_zknh_model_sum0(x) sha256_zknh_model(x, 2, 13, 22, 0)
#define sha256_zknh_model_sum1(x) sha256_zknh_model(x, 6, 11, 25, 0)
#define sha256_zknh_model_sig0(x) sha256_zknh_model(x, 7, 18, 3, 1)
#define sha256_zknh_model_sig1(x) sha256_zknh_model(x, 17, 19, 10, 1)
#endif

/* A word back into a register as RV64 holds 32-bit results (sign-extended:
 * free after a *w instruction; zero-extending would cost two). */
static inline uint64_t sha256_reg(uint32_t w)
{
	return (uint64_t)(int64_t)(int32_t)w;
}

#ifdef SHA256_ZKNH_INSN
SHA256_ZKNH_INSN(sum0)
SHA256_ZKNH_INSN(sum1)
SHA256_ZKNH_INSN(sig0)
SHA256_ZKNH_INSN(sig1)
#elif defined(__riscv_zbb)
/* Five instructions each. Written out because GCC 12 re-sign-extends the
 * xor of rorw results (one sext.w more per Sigma, 10% of a block). */
#define SHA256_ZBB_SIGMA(name, r1, r2, third, r3)                         \
	static inline uint64_t sha256_##name(uint64_t x)                  \
	{                                                                 \
		uint64_t r, t;                                            \
		__asm__("rorw %0, %2, " #r1 "\n\t"                        \
			"rorw %1, %2, " #r2 "\n\t"                        \
			"xor %0, %0, %1\n\t" third " %1, %2, " #r3 "\n\t" \
			"xor %0, %0, %1"                                  \
			: "=&r"(r), "=&r"(t)                              \
			: "r"(x));                                        \
		return r;                                                 \
	}
SHA256_ZBB_SIGMA(sum0, 2, 13, "rorw", 22)
SHA256_ZBB_SIGMA(sum1, 6, 11, "rorw", 25)
SHA256_ZBB_SIGMA(sig0, 7, 18, "srliw", 3)
SHA256_ZBB_SIGMA(sig1, 17, 19, "srliw", 10)
#else
static inline uint64_t sha256_sum0(uint64_t x)
{
	uint32_t w = (uint32_t)x;

	return sha256_reg(sha256_ror(w, 2) ^ sha256_ror(w, 13) ^
			  sha256_ror(w, 22));
}

static inline uint64_t sha256_sum1(uint64_t x)
{
	uint32_t w = (uint32_t)x;

	return sha256_reg(sha256_ror(w, 6) ^ sha256_ror(w, 11) ^
			  sha256_ror(w, 25));
}

static inline uint64_t sha256_sig0(uint64_t x)
{
	uint32_t w = (uint32_t)x;

	return sha256_reg(sha256_ror(w, 7) ^ sha256_ror(w, 18) ^ (w >> 3));
}

static inline uint64_t sha256_sig1(uint64_t x)
{
	uint32_t w = (uint32_t)x;

	return sha256_reg(sha256_ror(w, 17) ^ sha256_ror(w, 19) ^ (w >> 10));
}
#endif

#endif
