/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Payload entry points and the attack call. attack_call loads every
 * register with a pattern right before the ecall and dumps every register
 * right after it, so no compiler-managed state is live across the call:
 * a firmware that returns with garbage in sp or ra, or at the wrong pc,
 * is caught and reported instead of crashing the payload.
 */
#include "payload.h"
#include "../hostile/hostile.h"

	.section .text.entry, "ax"
	.option	push
	.option	norvc
	.globl	_start
_start:				/* PAYLOAD_ENTRY */
	j	real_start
	.word	0
	.globl	race_word
race_word:			/* PAYLOAD_RACE_WORD */
	.dword	0
	.globl	evil_boot
evil_boot:			/* PAYLOAD_EVIL_BOOT: a bent first entry */
	li	t6, EVIL_BOOT_MARK
	j	real_start
	.option	pop

real_start:
	/* a0 = hartid, a1 = device tree (kept for payload_main); t6 is
	 * EVIL_BOOT_MARK if the entry was evil_boot (else 0: a fresh entry
	 * has every other register clear) */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	lla	t0, boot_mark
	sd	t6, 0(t0)
	lla	sp, __stack0_top
	lla	t0, payload_trap_entry
	csrw	stvec, t0
	call	payload_main
3:	wfi
	j	3b

/* Hart 1, where the payload asked the firmware to start it. */
	.globl	good_entry
good_entry:
	lla	sp, __stack1_top
	lla	t0, payload_trap_entry
	csrw	stvec, t0
	call	hart1_good
4:	wfi
	j	4b

/* Hart 1 again, after its hart_stop (evil-restart). */
	.globl	restart_entry
restart_entry:
	lla	sp, __stack1_top
	lla	t0, payload_trap_entry
	csrw	stvec, t0
	call	hart1_restarted
8:	wfi
	j	8b

/* Hart 1, at a start the payload gave up on (stale-start). */
	.globl	stale_entry
stale_entry:
	lla	sp, __stack1_top
	lla	t0, payload_trap_entry
	csrw	stvec, t0
	call	hart1_stale
9:	wfi
	j	9b

/* Hart 1 or 2, where a hostile firmware would like it to start. */
	.globl	evil_entry
evil_entry:
	lla	sp, __stack1_top
	li	t0, 1
	beq	a0, t0, 1f
	lla	sp, __stack2_top
	li	t0, 2
	bne	a0, t0, 5f
1:	lla	t0, payload_trap_entry
	csrw	stvec, t0
	call	hart_evil
5:	wfi
	j	5b

	.globl	payload_ret
payload_ret:
	ret

/* ebreak_call's handler: note the trap, skip the (4-byte) ebreak. Uses
 * only a0, which ebreak_call does not check. */
	.balign	4
	.globl	ebreak_trap_entry
ebreak_trap_entry:
	csrr	a0, sepc
	addi	a0, a0, 4
	csrw	sepc, a0
	lla	a0, dump
	sd	a0, PD_TRAPPED(a0)
	sret

/* Any other trap is fatal: the payload expects none. */
	.balign	4
	.globl	payload_trap_entry
payload_trap_entry:
	lla	sp, __trap_stack_top
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	payload_fatal
6:	wfi
	j	6b

/* --- the attack call -------------------------------------------------- */

/* Save the caller's context, set c's S CSRs, note satp/sstatus/sie in c,
 * clear dump.landed. a0 = c; uses t0, t1. */
.macro call_prologue
	lla	t0, saved_ctx
	sd	ra, 0(t0)
	sd	sp, 8(t0)
	sd	gp, 16(t0)
	sd	tp, 24(t0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	sd	s\n, (32 + \n * 8)(t0)
	.endr
	sd	a0, CTX_PCALL(t0)
	sd	sp, (PC_X + 2 * 8)(a0)
	ld	t1, PC_STVEC(a0)
	csrw	stvec, t1
	ld	t1, PC_SSCRATCH(a0)
	csrw	sscratch, t1
	ld	t1, PC_SEPC(a0)
	csrw	sepc, t1
	ld	t1, PC_SCAUSE(a0)
	csrw	scause, t1
	ld	t1, PC_STVAL(a0)
	csrw	stval, t1
	ld	t1, PC_STIMECMP(a0)
	csrw	CSR_STIMECMP, t1
	csrr	t1, satp
	sd	t1, PC_SATP(a0)
	csrr	t1, sstatus
	sd	t1, PC_SSTATUS(a0)
	csrr	t1, sie
	sd	t1, PC_SIE(a0)
	lla	t0, dump
	sd	zero, PD_LANDED(t0)
	sd	zero, PD_TRAPPED(t0)
.endm

	.globl	attack_call
attack_call:
	call_prologue
	ld	x1, 1 * 8(a0)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(a0)
	.endr
	ld	a0, 10 * 8(a0)
	.option	push
	.option	norvc
	ecall			/* +0x00 */
	j	call_back	/* +0x04: where the call returns */
	.rept	14		/* +0x08 .. +0x3c */
	nop
	.endr
	/* +0x40: a firmware that moved mepc lands here */
	lla	a0, dump
	sd	a0, PD_LANDED(a0)
	.option	pop
	j	call_back

	.globl	ebreak_call
ebreak_call:
	call_prologue
	ld	x1, 1 * 8(a0)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(a0)
	.endr
	ld	a0, 10 * 8(a0)
	.option	push
	.option	norvc
	.globl	ebreak_insn
ebreak_insn:
	ebreak
	.option	pop
	j	call_back

	.globl	irq_window
irq_window:
	call_prologue
	rdtime	a1
	ld	t1, PC_WINDOW(a0)
	add	a1, a1, t1	/* deadline */
	ld	x1, 1 * 8(a0)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(a0)
	.endr
	.globl	irq_window_loop
irq_window_loop:
	rdtime	a0
	bltu	a0, a1, irq_window_loop
	.globl	irq_window_end
irq_window_end:

/* Dump everything but a0/a1 (the call's results, free here), then restore
 * the caller's context, stvec and satp from saved_ctx and the pcall. */
call_back:
	lla	a0, dump
	sd	x1, 1 * 8(a0)
	sd	x2, 2 * 8(a0)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, \n * 8(a0)
	.endr
	csrr	a1, stvec
	sd	a1, PC_STVEC(a0)
	csrr	a1, sscratch
	sd	a1, PC_SSCRATCH(a0)
	csrr	a1, sepc
	sd	a1, PC_SEPC(a0)
	csrr	a1, scause
	sd	a1, PC_SCAUSE(a0)
	csrr	a1, stval
	sd	a1, PC_STVAL(a0)
	csrr	a1, satp
	sd	a1, PC_SATP(a0)
	csrr	a1, sstatus
	sd	a1, PC_SSTATUS(a0)
	csrr	a1, sie
	sd	a1, PC_SIE(a0)
	csrr	a1, CSR_STIMECMP
	sd	a1, PC_STIMECMP(a0)
	lla	a0, saved_ctx
	ld	a1, CTX_PCALL(a0)
	ld	t0, PC_SATP(a1)
	csrw	satp, t0
	sfence.vma
	ld	t0, PC_STVEC(a1)
	csrw	stvec, t0
	ld	ra, 0(a0)
	ld	sp, 8(a0)
	ld	gp, 16(a0)
	ld	tp, 24(a0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ld	s\n, (32 + \n * 8)(a0)
	.endr
	ret

/*
 * void suspend_call(struct suspend_out *out, u64 evil_off): HSM non-
 * retentive hart_suspend (a0 = 0x80000000, a1 = suspend_resume, a2 =
 * SUSPEND_OPAQUE, a3 = evil_off for the hostile firmware). Comes back here
 * however the firmware resumes the hart: out->how = 0 the ecall returned,
 * 1 resumed at suspend_resume, 2 at suspend_evil; out->a0/a1 as found.
 * A resume is a fresh entry (registers and satp lost): the caller's
 * context comes back from susp_ctx.
 */
	.globl	suspend_call
suspend_call:
	lla	t0, susp_ctx
	sd	ra, 0(t0)
	sd	sp, 8(t0)
	sd	gp, 16(t0)
	sd	tp, 24(t0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	sd	s\n, (32 + \n * 8)(t0)
	.endr
	sd	a0, CTX_PCALL(t0)
	mv	a3, a1
	li	a0, 0x80000000
	lla	a1, suspend_resume
	li	a2, SUSPEND_OPAQUE
	li	a6, 3
	li	a7, 0x48534d
	ecall
	li	t1, 0
	j	9f
	.globl	suspend_resume
suspend_resume:
	li	t1, 1
	j	9f
	.globl	suspend_evil
suspend_evil:
	li	t1, 2
9:	lla	t0, payload_trap_entry
	csrw	stvec, t0
	lla	t0, susp_ctx
	ld	ra, 0(t0)
	ld	sp, 8(t0)
	ld	gp, 16(t0)
	ld	tp, 24(t0)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ld	s\n, (32 + \n * 8)(t0)
	.endr
	ld	t2, CTX_PCALL(t0)
	sd	t1, 0(t2)
	sd	a0, 8(t2)
	sd	a1, 16(t2)
	ret

	.bss
	.balign	8
	.globl	boot_mark
boot_mark:
	.space	8
saved_ctx:
	.space	CTX_SIZE
susp_ctx:
	.space	CTX_SIZE
