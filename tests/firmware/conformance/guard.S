/* SPDX-License-Identifier: BSD-2-Clause */
/* A page of code on its own, for the PMP execute checks (pmp.c). */
	.section .guard.text, "ax"
	.balign	4096
	.globl	guard_fn
guard_fn:
	li	a0, 42
	ret
