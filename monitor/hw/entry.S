/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reset entry and the trap vector. While a lower mode runs, mscratch holds
 * this hart's struct vcpu; while the monitor runs, mscratch is 0, so a trap
 * taken in the monitor itself is told apart by the swapped value.
 */
#include "asm-offsets.h"	/* generated from asm_offsets.c */

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
	la	t0, boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, wait_boot
	/* The boot hart runs on the boot stack until its first trap: the
	 * harts' own stacks are placed once the tree said how many there are
	 * (main.c, core/hart.h). Nothing is pushed before BSS is cleared. */
	la	sp, boot_stack + HART_STACK_SIZE
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	li	a3, 1
	call	monitor_main
	j	park
	/* The others wait without a stack, then take theirs from what the
	 * boot hart published before the release; a hart the tree does not
	 * list has none and parks. */
wait_boot:
	la	t0, boot_released
3:	lw	t1, 0(t0)
	beqz	t1, 3b
	fence	r, rw
	la	t0, hart_stack_count
	lwu	t1, 0(t0)
	bgeu	a0, t1, park
	la	t0, hart_stacks
	ld	sp, 0(t0)
	li	t0, HART_STACK_SIZE
	addi	t1, a0, 1
	mul	t0, t0, t1
	add	sp, sp, t0
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
	.irp	n, 5,6,7,28,29
	sd	x\n, VCPU_X+\n*8(sp)
	.endr
	/*
	 * The firmware's csr instructions that most of its trap handler's
	 * are: on mscratch, mepc, mcause, mtval (done here as
	 * emulate_plain_csr() does them), and reads of mstatus and misa
	 * (and writes that leave them as they are: OpenSBI's trap exit
	 * restores the mstatus its entry read). Done with t0-t4, then
	 * straight back: the firmware stays in its world (trap.c,
	 * firmware_csr_in_place). Anything else takes the full path below.
	 */
	ld	t0, VCPU_MODE(sp)
	addi	t0, t0, -PRV_M
	bnez	t0, trap_save
	csrr	t0, mcause
	addi	t0, t0, -CAUSE_ILLEGAL_INSN
	bnez	t0, trap_save
	csrr	t0, mtval		/* the instruction (QEMU; 0: not here) */
	andi	t1, t0, 0x7f
	addi	t1, t1, -0x73
	bnez	t1, trap_save		/* not SYSTEM */
	srli	t3, t0, 12
	andi	t3, t3, 3
	beqz	t3, trap_save		/* funct3 0 or 4: not a csr op */
	srli	t2, t0, 20		/* the CSR */
	addi	t1, t2, -CSR_MSCRATCH
	sltiu	t4, t1, 4
	beqz	t4, .Lcsr_status
	slli	t1, t1, 3
	add	t2, t1, sp		/* the field: VCPU_MSCRATCH(t2) */
	ld	t4, VCPU_MSCRATCH(t2)	/* old */
.Lcsr_src:
	srli	t1, t0, 12
	andi	t1, t1, 0xff
	addi	t1, t1, -2
	beqz	t1, .Lcsr_rd		/* csrr (csrrs with x0): a read */
	srli	t1, t0, 15
	andi	t1, t1, 31		/* rs1, or the immediate */
	srli	t3, t0, 14
	andi	t3, t3, 1
	bnez	t3, .Lcsr_op		/* csrr?i: t1 is the source */
	beqz	t1, .Lcsr_op		/* x0: the source is 0 */
	la	t3, read_reg
	slli	t1, t1, 3
	add	t3, t3, t1
	jr	t3			/* t1 = x[rs1] */
.Lcsr_op:
	srli	t3, t0, 12
	andi	t3, t3, 3
	addi	t3, t3, -1
	beqz	t3, 3f			/* csrrw: the source */
	beqz	t1, .Lcsr_rd		/* setting or clearing nothing */
	addi	t3, t3, -1
	bnez	t3, 2f
	or	t1, t4, t1		/* csrrs */
	j	3f
2:	not	t1, t1			/* csrrc */
	and	t1, t4, t1
3:	beqz	t2, 4f
	sd	t1, VCPU_MSCRATCH(t2)
	j	.Lcsr_rd
4:	bne	t1, t4, mstatus_write	/* a change to mstatus or misa */
.Lcsr_rd:
	srli	t3, t0, 7
	andi	t3, t3, 31		/* rd */
	beqz	t3, .Lcsr_done
	mv	t1, t4
	la	t4, write_reg
	slli	t3, t3, 3
	add	t4, t4, t3
	jr	t4			/* x[rd] = t1 */
.Lcsr_done:
	csrr	t0, mepc
	addi	t0, t0, 4
	csrw	mepc, t0
	.irp	n, 5,6,7,28,29
	ld	x\n, VCPU_X+\n*8(sp)
	.endr
	csrrw	sp, mscratch, sp
	mret

	/* mstatus or misa: no field (t2 = 0), so a write must change nothing */
.Lcsr_status:
	addi	t1, t2, -CSR_MSTATUS
	li	t2, 0
	ld	t4, VCPU_MISA(sp)
	beqz	t1, mstatus_view	/* back at .Lcsr_src with t4 = mstatus */
	addi	t1, t1, -1
	beqz	t1, .Lcsr_src		/* misa */
	j	trap_save

	/* x[n] to t1 (read_reg) and t1 to x[n] (write_reg), 8 bytes an
	 * entry: sp is in mscratch, t0-t4 in the vcpu while the fast path
	 * runs. */
	.macro	reg_table write, next
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.if	\n == 2
	.if	\write
	csrw	mscratch, t1
	.else
	csrr	t1, mscratch
	.endif
	.elseif	(\n >= 5 && \n <= 7) || \n == 28 || \n == 29
	.if	\write
	sd	t1, VCPU_X+\n*8(sp)
	.else
	ld	t1, VCPU_X+\n*8(sp)
	.endif
	.elseif	\write
	mv	x\n, t1
	.else
	mv	t1, x\n
	.endif
	j	\next
	.endr
	.endm
	.option	push
	.option	norvc
read_reg:
	reg_table 0, .Lcsr_op
write_reg:
	reg_table 1, .Lcsr_done
	.option	pop

	/*
	 * The firmware's mstatus into t4, as mstatus_read() (core/vcsr.c)
	 * composes it: the virtual M fields, the hart's S fields, the FS of
	 * whichever FP registers are the firmware's, SD, UXL and SXL. A hart
	 * without S-mode (misa, in t4) has no sstatus: the C path.
	 */
mstatus_view:
	srli	t4, t4, MISA_S_BIT
	andi	t4, t4, 1
	beqz	t4, trap_save
	csrr	t1, sstatus
	lbu	t4, VCPU_FP_LIVE(sp)
	bnez	t4, 1f
	ld	t1, VCPU_MSTATUS(sp)	/* FS: the virtual one */
1:	li	t3, MSTATUS_FS
	and	t4, t1, t3		/* fs */
	bne	t4, t3, 2f
	li	t3, MSTATUS_SD
	or	t4, t4, t3
2:	csrr	t1, sstatus
	li	t3, MSTATUS_S_VIEW
	and	t1, t1, t3
	or	t4, t4, t1
	ld	t1, VCPU_MSTATUS(sp)
	li	t3, VMSTATUS_FIELDS
	and	t1, t1, t3
	or	t4, t4, t1
	li	t3, MSTATUS_XL_64
	or	t4, t4, t3
	j	.Lcsr_src

	/*
	 * A change of the firmware's mstatus (t4 old, t1 new) that leaves
	 * MIE and the MPRV state alone, as mstatus_set() (core/vcsr.c) does
	 * it: the M fields (and FS, with an FPU) into the vcpu, the writable
	 * S fields (and FS while its FP registers are live) into the hart.
	 * A change of misa, or of what interrupts or the PMP layout depend
	 * on: the C path (trap.c, emulate.c quiet_mstatus_write).
	 */
mstatus_write:
	srli	t2, t0, 20
	addi	t2, t2, -CSR_MSTATUS
	bnez	t2, trap_save		/* misa */
	or	t2, t4, t1
	li	t3, MSTATUS_MPRV
	and	t2, t2, t3
	li	t3, MSTATUS_MIE | MSTATUS_MPRV
	beqz	t2, 1f
	li	t3, MSTATUS_MIE | MSTATUS_MPRV | MSTATUS_MPP
1:	xor	t2, t4, t1
	and	t2, t2, t3
	bnez	t2, trap_save
	ld	t2, VCPU_MISA(sp)
	andi	t2, t2, MISA_FD
	li	t3, VMSTATUS_FIELDS
	beqz	t2, 2f
	li	t3, VMSTATUS_FIELDS | MSTATUS_FS
2:	and	t3, t1, t3
	sd	t3, VCPU_MSTATUS(sp)
	lbu	t2, VCPU_FP_LIVE(sp)
	li	t3, SSTATUS_WRITABLE
	beqz	t2, 3f
	li	t3, SSTATUS_WRITABLE | MSTATUS_FS
3:	csrc	sstatus, t3
	and	t3, t1, t3
	csrs	sstatus, t3
	j	.Lcsr_rd

trap_save:
	.irp	n, 1,3,4,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,30,31
	sd	x\n, VCPU_X+\n*8(sp)
	.endr
	csrrw	t0, mscratch, zero
	sd	t0, VCPU_X+2*8(sp)
	mv	a0, sp
	ld	sp, VCPU_STACK_TOP(a0)
	call	trap_handle
	/* fall through: a0 = the vcpu to resume */

	.globl	trap_exit
trap_exit:
	csrw	mscratch, a0
	mv	sp, a0
	.irp	n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,2
	ld	x\n, VCPU_X+\n*8(sp)
	.endr
	mret

	/* A trap in the monitor itself: a probe it expected, or a bug. */
trap_from_monitor:
	csrrw	sp, mscratch, sp
	addi	sp, sp, -32*8
	.irp	n, 1,5,6,7,10,11,12,13,14,15,16,17,28,29,30,31
	sd	x\n, \n*8(sp)
	.endr
	call	monitor_trap
	.irp	n, 1,5,6,7,10,11,12,13,14,15,16,17,28,29,30,31
	ld	x\n, \n*8(sp)
	.endr
	addi	sp, sp, 32*8
	mret

	.data
	.align	3
boot_lottery:
	.word	0
	.globl	boot_released
boot_released:
	.word	0
	/* published by the boot hart before boot_released (main.c) */
	.globl	hart_stack_count
hart_stack_count:
	.word	0
	.align	3
	.globl	hart_stacks
hart_stacks:
	.dword	0

	.bss
	.align	4
boot_stack:
	.space	HART_STACK_SIZE
