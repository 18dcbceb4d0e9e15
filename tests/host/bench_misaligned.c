// SPDX-License-Identifier: BSD-2-Clause
/*
 * bench_misaligned: not a test. A harness for scripts/bench.sh, which runs
 * it under valgrind --tool=callgrind --toggle-collect=misaligned_emulate and
 * divides the instructions counted inside the emulator (ops included) by
 * the number of calls: the cost of one emulated misaligned access, in the
 * host's (x86-64) instructions. QEMU never traps on a misaligned access,
 * so the RISC-V figure cannot be taken there (docs/bench.md).
 *
 * Usage: bench_misaligned [N]: emulates "lw a0, 1(a1)" at an address
 * 1 byte past a word boundary N times (default 10000) over a byte array,
 * checks each result, prints "misaligned lw N calls a0=0x...".
 * Exit 0 when every call gave the right value, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "monitor/core/misaligned.h"
#include "monitor/core/riscv.h"
#include "monitor/core/vcpu.h"

#define MEM_SIZE 64u
#define KBASE 0xffffffc000100000ULL /* a Linux linear-map address */

static u8 mem[MEM_SIZE];

/* The payload's memory: the array at KBASE, a page fault elsewhere. */
static u64 bench_load_byte(void *ctx, u64 addr, u8 *byte)
{
	(void)ctx;
	if (addr - KBASE >= MEM_SIZE)
		return CAUSE_LOAD_PAGE_FAULT;
	*byte = mem[addr - KBASE];
	return 0;
}

static u64 bench_store_byte(void *ctx, u64 addr, u8 byte)
{
	(void)ctx;
	if (addr - KBASE >= MEM_SIZE)
		return CAUSE_STORE_PAGE_FAULT;
	mem[addr - KBASE] = byte;
	return 0;
}

static u64 bench_get_fpr(void *ctx, unsigned int n)
{
	(void)ctx;
	(void)n;
	return 0;
}

static void bench_set_fpr(void *ctx, unsigned int n, u64 val,
			  unsigned int width)
{
	(void)ctx;
	(void)n;
	(void)val;
	(void)width;
}

static const struct misaligned_ops bench_ops = {
	.load_byte = bench_load_byte,
	.store_byte = bench_store_byte,
	.get_fpr = bench_get_fpr,
	.set_fpr = bench_set_fpr,
};

/* lw rd, imm(rs1): I-type, opcode LOAD, funct3 2 (Unpriv. spec 2.6). */
static u32 enc_lw(u32 rd, u32 rs1, u32 imm)
{
	return (imm << 20) | (rs1 << 15) | (2u << 12) | (rd << 7) | 0x03u;
}

int main(int argc, char **argv)
{
	const unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 10000;
	const u32 raw = enc_lw(REG_A0, REG_A1, 1);
	const u64 want = 0xfffffffff4f3f2f1ULL; /* mem[1..4], sign-extended */
	struct misaligned_fault fault;
	struct vcpu v;
	unsigned long i, bad = 0;

	for (i = 0; i < MEM_SIZE; i++)
		mem[i] = (u8)(0xf0 + i);
	memset(&v, 0, sizeof(v));
	v.mode = PRV_S;
	vcpu_set_reg(&v, REG_A1, KBASE);
	for (i = 0; i < n; i++) {
		v.pc = 0x80200000;
		vcpu_set_reg(&v, REG_A0, 0);
		if (misaligned_emulate(&v, raw, KBASE + 1, &bench_ops,
				       &fault) ||
		    fault.cause || vcpu_reg(&v, REG_A0) != want)
			bad++;
	}
	printf("misaligned lw %lu calls a0=0x%llx%s\n", n,
	       (unsigned long long)vcpu_reg(&v, REG_A0), bad ? " WRONG" : "");
	return bad ? 1 : 0;
}
