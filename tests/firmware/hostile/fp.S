/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The FP register file, for spy-fp. The image is built for rv64imac; these
 * few instructions need D, and run only after mstatus.FS is set.
 */
	.option	arch, +d
	.text

/* void fp_read(u64 out[33]): f0-f31, then fcsr */
	.globl	fp_read
fp_read:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fsd	f\n, \n * 8(a0)
	.endr
	frcsr	t0
	sd	t0, 32 * 8(a0)
	ret

/* void fp_garbage(u64 first, u64 fcsr): fN = first + 16 * N, fcsr */
	.globl	fp_garbage
fp_garbage:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fmv.d.x	f\n, a0
	addi	a0, a0, 16
	.endr
	fscsr	a1
	ret
