/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * hostile: trap entry, secondary-hart entry and the drop to S-mode.
 * Position independent (lla, call, tail only).
 *
 * mscratch convention (as a real SBI firmware does it): while a hart runs
 * below M, mscratch holds the top of its trap stack; while it runs in M,
 * mscratch is 0. The entry swaps sp and mscratch: a zero sp afterwards
 * means the trap came from M (an access fault of an attack), and the swap
 * is undone. The interrupted sp is saved in the frame like every other
 * register, so spy-regs sees what the payload left in x2.
 */

#define FRAME_SIZE (34 * 8)	/* struct trap_frame (common/fw.h) */
#define HART_STACK_SIZE 8192

	.text
	.balign	4
	.globl	hostile_trap_entry
hostile_trap_entry:
	csrrw	sp, mscratch, sp
	bnez	sp, 1f
	/* from M: sp back, mscratch stays 0 */
	csrrw	sp, mscratch, sp
	addi	sp, sp, -FRAME_SIZE
	sd	t0, 5 * 8(sp)
	addi	t0, sp, FRAME_SIZE
	sd	t0, 2 * 8(sp)
	j	2f
1:	/* from S/U: mscratch holds the interrupted sp */
	addi	sp, sp, -FRAME_SIZE
	sd	t0, 5 * 8(sp)
	csrr	t0, mscratch
	sd	t0, 2 * 8(sp)
	csrw	mscratch, zero
2:	sd	x1, 1 * 8(sp)
	sd	x3, 3 * 8(sp)
	sd	x4, 4 * 8(sp)
	.irp	n, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, \n * 8(sp)
	.endr
	mv	a0, sp
	call	hostile_trap
	/* a0 != 0: returning below M, re-arm mscratch with the stack top */
	beqz	a0, 3f
	addi	t0, sp, FRAME_SIZE
	csrw	mscratch, t0
3:	ld	x1, 1 * 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(sp)
	.endr
	ld	sp, 2 * 8(sp)
	mret

/*
 * Secondary harts (start.S tails here with a0 = hartid): wait until hart 0
 * has cleared bss and set up (hostile_ready), take this hart's stack, go
 * to C. Nothing touches bss before the wait.
 */
	.globl	fw_secondary
fw_secondary:
	lla	t0, hostile_ready
1:	ld	t1, 0(t0)
	beqz	t1, 1b
	fence	r, rw
	li	t0, 3
	bgeu	a0, t0, 3f	/* only harts 0-2 have a stack */
	lla	sp, hart_stacks
	li	t0, HART_STACK_SIZE
	addi	t1, a0, 1
	mul	t0, t0, t1
	add	sp, sp, t0
	csrw	mscratch, zero
	tail	hostile_secondary
3:	wfi
	j	3b

/* void hostile_rewait(u64 hartid, u64 stack_top): hostile_wait on a fresh
 * stack (hart_stop, from the trap handler: its frame is dropped). */
	.globl	hostile_rewait
hostile_rewait:
	mv	sp, a1
	tail	hostile_wait

/*
 * void enter_lower(u64 pc, u64 a0, u64 a1, u64 stack_top): mret to pc in
 * the mode already in mstatus.MPP with a0/a1 set and every other register
 * clear; mscratch = stack_top (the trap stack of this hart).
 */
	.globl	enter_lower
enter_lower:
	csrw	mepc, a0
	csrw	mscratch, a3
	mv	a0, a1
	mv	a1, a2
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	li	x\n, 0
	.endr
	mret

	.data
	.balign	8
	.globl	hostile_ready
hostile_ready:
	.dword	0
