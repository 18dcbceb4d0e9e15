/* SPDX-License-Identifier: BSD-2-Clause */
/* The jump target of the exec attempt (main.c). */
	.text
	.globl	attack_ret
attack_ret:
	ret
