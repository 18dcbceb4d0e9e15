/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reset entry and the trap vector. While a lower mode runs, mscratch holds
 * this hart's struct vcpu; while the monitor runs, mscratch is 0, so a trap
 * taken in the monitor itself is told apart by the swapped value.
 */
#include "platform.h"
#include "asm-offsets.h"	/* generated from asm_offsets.c */

/* the registers are saved at n*8(sp): struct vcpu starts with them */
#if VCPU_X != 0
#error "struct vcpu must start with x[]"
#endif

	.section .text.entry, "ax"
	.globl _start
_start:
	/* The image header (measure/dice_blob.h): a jump, then the size of
	 * the measured identity at offset 8, which the launcher's DICE step
	 * reads to measure the monitor as the monitor does (FWID). */
	.option	push
	.option	norvc
	j	reset
	.word	0
	.dword	__monitor_identity_end - 0x80000000
	.option	pop
reset:
	/* QEMU's reset vector: a0 = hartid, a1 = device tree, a2 = fw info */
	csrw	mie, zero
	csrw	mscratch, zero
	la	t0, trap_entry
	csrw	mtvec, t0
	li	t0, MAX_HARTS
	bgeu	a0, t0, park
	la	sp, hart_stacks
	li	t0, HART_STACK_SIZE
	addi	t1, a0, 1
	mul	t0, t0, t1
	add	sp, sp, t0
	la	t0, boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, wait_boot
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	li	a3, 1
	call	monitor_main
	j	park
wait_boot:
	la	t0, boot_released
3:	lw	t1, 0(t0)
	beqz	t1, 3b
	fence	r, rw
	li	a3, 0
	call	monitor_main
park:
	wfi
	j	park

	.text
	.align	2
	.globl	trap_entry
trap_entry:
	csrrw	sp, mscratch, sp
	beqz	sp, trap_from_monitor
	sd	x1, 1*8(sp)
	sd	x3, 3*8(sp)
	sd	x4, 4*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	csrrw	t0, mscratch, zero
	sd	t0, 2*8(sp)
	mv	a0, sp
	ld	sp, VCPU_STACK_TOP(a0)
	call	trap_handle
	/* fall through: a0 = the vcpu to resume */

	.globl	trap_exit
trap_exit:
	csrw	mscratch, a0
	mv	sp, a0
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	ld	x2, 2*8(sp)
	mret

	/* A trap in the monitor itself: a probe it expected, or a bug. */
trap_from_monitor:
	csrrw	sp, mscratch, sp
	addi	sp, sp, -16*8
	sd	ra, 0(sp)
	sd	t0, 1*8(sp)
	sd	t1, 2*8(sp)
	sd	t2, 3*8(sp)
	sd	a0, 4*8(sp)
	sd	a1, 5*8(sp)
	sd	a2, 6*8(sp)
	sd	a3, 7*8(sp)
	sd	a4, 8*8(sp)
	sd	a5, 9*8(sp)
	sd	a6, 10*8(sp)
	sd	a7, 11*8(sp)
	sd	t3, 12*8(sp)
	sd	t4, 13*8(sp)
	sd	t5, 14*8(sp)
	sd	t6, 15*8(sp)
	call	monitor_trap
	ld	ra, 0(sp)
	ld	t0, 1*8(sp)
	ld	t1, 2*8(sp)
	ld	t2, 3*8(sp)
	ld	a0, 4*8(sp)
	ld	a1, 5*8(sp)
	ld	a2, 6*8(sp)
	ld	a3, 7*8(sp)
	ld	a4, 8*8(sp)
	ld	a5, 9*8(sp)
	ld	a6, 10*8(sp)
	ld	a7, 11*8(sp)
	ld	t3, 12*8(sp)
	ld	t4, 13*8(sp)
	ld	t5, 14*8(sp)
	ld	t6, 15*8(sp)
	addi	sp, sp, 16*8
	mret

	.data
	.align	3
boot_lottery:
	.word	0
	.globl	boot_released
boot_released:
	.word	0

	.bss
	.align	4
	.globl	hart_stacks
hart_stacks:
	.space	MAX_HARTS * HART_STACK_SIZE
