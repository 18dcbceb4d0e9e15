/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SHA-256's four Sigma functions (FIPS 180-4, 4.1.2) for
 * sha256_compress.c, in the form this build of it runs:
 *
 *  - Zknh (-march=..._zknh): one instruction each, sha256sum0/sum1/sig0/
 *    sig1 (RISC-V scalar crypto 1.0, 2.3), written as inline asm because
 *    GCC 12 has no builtins for them;
 *  - SHA256_ZKNH_EMULATE (host tests only): the same calls, each answered
 *    by a C model of the instruction as the scalar crypto spec defines it
 *    on RV64 (the low 32 bits of rs1 in, the result sign-extended), so the
 *    Zknh build's C is tested against the vectors on the host, and QEMU
 *    runs the real instructions (tests/qemu/cases/measure-zknh.case);
 *  - otherwise: rotations and shifts (one rorw each with Zbb).
 */
#ifndef RAMPART_SHA256_SIGMA_H
#define RAMPART_SHA256_SIGMA_H

#include <stdint.h>

#if defined(__riscv_zknh) && defined(SHA256_ZKNH_EMULATE)
#error "SHA256_ZKNH_EMULATE is for host builds"
#endif

static inline uint32_t sha256_ror(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

#if defined(__riscv_zknh)
#define SHA256_ZKNH_INSN(name)                                          \
	static inline uint32_t sha256_##name(uint32_t x)               \
	{                                                              \
		uint32_t r;                                            \
		__asm__("sha256" #name " %0, %1" : "=r"(r) : "r"(x)); \
		return r;                                              \
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

#define SHA256_ZKNH_INSN(name)                                        \
	static inline uint32_t sha256_##name(uint32_t x)             \
	{                                                            \
		return (uint32_t)sha256_zknh_model_##name(x);        \
	}
#define sha256_zknh_model_sum0(x) sha256_zknh_model(x, 2, 13, 22, 0)
#define sha256_zknh_model_sum1(x) sha256_zknh_model(x, 6, 11, 25, 0)
#define sha256_zknh_model_sig0(x) sha256_zknh_model(x, 7, 18, 3, 1)
#define sha256_zknh_model_sig1(x) sha256_zknh_model(x, 17, 19, 10, 1)
#endif

#ifdef SHA256_ZKNH_INSN
SHA256_ZKNH_INSN(sum0)
SHA256_ZKNH_INSN(sum1)
SHA256_ZKNH_INSN(sig0)
SHA256_ZKNH_INSN(sig1)
#else
static inline uint32_t sha256_sum0(uint32_t x)
{
	return sha256_ror(x, 2) ^ sha256_ror(x, 13) ^ sha256_ror(x, 22);
}

static inline uint32_t sha256_sum1(uint32_t x)
{
	return sha256_ror(x, 6) ^ sha256_ror(x, 11) ^ sha256_ror(x, 25);
}

static inline uint32_t sha256_sig0(uint32_t x)
{
	return sha256_ror(x, 7) ^ sha256_ror(x, 18) ^ (x >> 3);
}

static inline uint32_t sha256_sig1(uint32_t x)
{
	return sha256_ror(x, 17) ^ sha256_ror(x, 19) ^ (x >> 10);
}
#endif

#endif
