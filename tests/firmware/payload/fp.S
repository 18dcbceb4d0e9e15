/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The payload's FP registers for spy-fp: filled with patterns before the
 * call, read back after it. The image is built for rv64imac; these need D
 * and run with sstatus.FS set.
 */
	.option	arch, +d
	.text

/* void fp_fill(const u64 in[33]): f0-f31, then fcsr */
	.globl	fp_fill
fp_fill:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fld	f\n, \n * 8(a0)
	.endr
	ld	t0, 32 * 8(a0)
	fscsr	t0
	ret

/* void fp_dump(u64 out[33]) */
	.globl	fp_dump
fp_dump:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	fsd	f\n, \n * 8(a0)
	.endr
	frcsr	t0
	sd	t0, 32 * 8(a0)
	ret
