/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry, trap entries and the lower-privilege runner shared by the test
 * firmwares. Position independent: only PC-relative references (lla, j,
 * call), so the image runs wherever it is loaded.
 */

#define FRAME_SIZE (34 * 8)	/* struct trap_frame */
#define FRAME_VEC (32 * 8)
#define MSTATUS_MPP (3 << 11)
#define MSTATUS_MPIE (1 << 7)
#define MSTATUS_SPP (1 << 8)
#define SVC_EXIT 0

	.section .text.entry, "ax"
	.globl _start
_start:
	/* Entry contract: a0 = hartid, a1 = FDT, a2 = fw_dynamic_info. */
	bnez	a0, secondary
	csrr	t2, mtvec
	csrr	t3, mscratch
	lla	sp, __stack_top
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	lla	t0, reset_mtvec
	sd	t2, 0(t0)
	lla	t0, reset_mscratch
	sd	t3, 0(t0)
	lla	t0, boot_fdt
	sd	a1, 0(t0)
	lla	t0, boot_info
	sd	a2, 0(t0)
	lla	t0, m_trap_entry
	csrw	mtvec, t0
	call	fw_init
	call	fw_main
park:
	wfi
	j	park

/* Other harts: fw_secondary(hartid, fdt, info) with no stack, bss possibly
 * not cleared yet. The default parks them; a firmware overrides it. */
secondary:
	tail	fw_secondary

	.weak	fw_secondary
fw_secondary:
	j	park

	.text
/* Save every register but sp (already moved) and t0 (saved by the stub,
 * which put the mtvec slot number in t0). */
.macro save_regs
	sd	x1, 1 * 8(sp)
	sd	x3, 3 * 8(sp)
	sd	x4, 4 * 8(sp)
	.irp	n, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\n, \n * 8(sp)
	.endr
	sd	t0, FRAME_VEC(sp)
	addi	t0, sp, FRAME_SIZE
	sd	t0, 2 * 8(sp)
.endm

.macro restore_regs
	ld	x1, 1 * 8(sp)
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	ld	x\n, \n * 8(sp)
	.endr
	addi	sp, sp, FRAME_SIZE
.endm

	.balign	4
	.globl	m_trap_entry
m_trap_entry:
	addi	sp, sp, -FRAME_SIZE
	sd	t0, 5 * 8(sp)
	li	t0, -1
	j	m_trap_common

/* Vectored mode: slot n at base + 4 * n (Priv. spec 3.1.7). Uncompressed
 * jumps so that each slot is exactly 4 bytes. */
	.balign	256
	.globl	m_vec_table
m_vec_table:
	.option	push
	.option	norvc
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	j	m_vec_\n
	.endr
	.option	pop

	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
m_vec_\n:
	addi	sp, sp, -FRAME_SIZE
	sd	t0, 5 * 8(sp)
	li	t0, \n
	j	m_trap_common
	.endr

m_trap_common:
	save_regs
	mv	a0, sp
	call	m_trap_handler
	restore_regs
	mret

	.balign	4
	.globl	s_trap_entry
s_trap_entry:
	addi	sp, sp, -FRAME_SIZE
	sd	t0, 5 * 8(sp)
	li	t0, -1
	save_regs
	mv	a0, sp
	call	s_trap_handler
	restore_regs
	sret

/* u64 run_lower(u64 mode, u64 (*fn)(u64), u64 arg) */
	.globl	run_lower
run_lower:
	addi	sp, sp, -112
	sd	ra, 0(sp)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	sd	s\n, (\n + 1) * 8(sp)
	.endr
	lla	t0, lower_saved_sp
	sd	sp, 0(t0)
	/* extra mstatus bits a test wants set right at the mret */
	lla	t0, lower_mstatus_set
	ld	t1, 0(t0)
	sd	zero, 0(t0)
	li	t0, MSTATUS_MPP | MSTATUS_MPIE
	csrc	mstatus, t0
	slli	t0, a0, 11
	csrs	mstatus, t0
	lla	t0, lower_trampoline
	csrw	mepc, t0
	mv	s0, a1
	/* lower_via_sret: enter with sret from M (SPP = mode, sepc). Read
	 * before the mstatus bits: with MPRV set, no load or store follows */
	lla	t2, lower_via_sret
	ld	t3, 0(t2)
	sd	zero, 0(t2)
	csrs	mstatus, t1
	bnez	t3, 3f
	mv	a0, a2
	mret
3:	csrw	sepc, t0
	li	t0, MSTATUS_SPP
	csrc	mstatus, t0
	slli	t0, a0, 8
	csrs	mstatus, t0
	mv	a0, a2
	sret

	.globl	lower_trampoline
lower_trampoline:
	jalr	s0
	li	a7, SVC_EXIT
	ecall
1:	j	1b

/* The M handler resumes here (in M) on SVC_EXIT, a0 = result. */
	.globl	run_lower_return
run_lower_return:
	lla	t0, lower_saved_sp
	ld	sp, 0(t0)
	ld	ra, 0(sp)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
	ld	s\n, (\n + 1) * 8(sp)
	.endr
	addi	sp, sp, 112
	ret
