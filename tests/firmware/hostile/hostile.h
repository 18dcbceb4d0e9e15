/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The contract between the hostile firmware and the test payload: the
 * vendor SBI extension through which the payload asks for each attack, and
 * the canary the attacks aim at.
 *
 * Attack call: a7 = HOSTILE_EID, a6 = attack id, a0 = attack id,
 * a1 = the canary's physical address. The evil HSM start is an ordinary
 * hart_start (a0 = hart, a1 = entry, a2 = opaque) with a3 = the offset from
 * the entry to where the firmware sends the hart instead.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#define HOSTILE_EID 0x09000000UL

/* Attack ids (a6 of the vendor call), in id order; the payload decides the
 * order they run in (payload/main.c, payload_main). */
#define ATK_READ_KERNEL 1  /* load from the canary */
#define ATK_WRITE_KERNEL 2 /* store to the canary */
#define ATK_PMP_GRANT 3	   /* unlocked PMP entry over the payload, then read */
#define ATK_SPY_REGS 4	   /* look at the payload's registers and S CSRs */
#define ATK_TAMPER 5	   /* garbage in everything the payload resumes with */
#define ATK_MPRV_READ 6	   /* load through MPRV with MPP = S */
#define ATK_DMA 7	   /* virtio-mmio registers */
#define ATK_EVIL_START 8   /* (the HSM call, not a vendor call) */
#define ATK_PMP_LOCK 9	   /* locked PMP entry over the payload, then read */
#define ATK_MPRV_WRITE 10  /* store through MPRV with MPP = S */
#define ATK_FWCFG_DMA 11   /* fw_cfg DMA of the signature into the canary */
/* Arm the M timer; at the interrupt spy, and tamper if the payload is in
 * its wait loop [a2, a3). */
#define ATK_SPY_IRQ 12
#define ATK_EXEC_KERNEL 13 /* jump to the payload's code at a2 (a `ret`) */
/* a2 = 1: stop delegating exceptions (medeleg = 0); a2 = 0: delegate again
 * and tell what came. */
#define ATK_UNDELEG 14
#define ATK_ROGUE_START 15 /* start hart 2 at a2, which nobody asked for */
#define ATK_STIMECMP 16	   /* read, overwrite the payload's stimecmp (Sstc) */
#define ATK_SPY_FP 17	   /* set mstatus.FS, read, overwrite f0-f31, fcsr */
#define ATK_RESET 18	   /* reset the machine through the test device */

/*
 * reset-secret (hostile.reset-fw, hostile.reset-payload): the payload
 * writes SECRET_WORDS words of SECRET_WORD(i) at each of its places (its
 * .data and .bss, and SECRET_HIGH, SECRET_TOP), then the machine is reset
 * through the test device: by the firmware (ATK_RESET) or by the payload
 * itself. On the next boot the firmware scans payload memory for them
 * before entering the payload. Neither image holds the words as data: both
 * compute them at run time from a value the compiler cannot fold.
 */
#define SECRET_WORDS 8
#define SECRET_WORD(salt, i) \
	((0x5345435245540000UL ^ (salt)) | ((unsigned long)(i) << 8) | 0x5c)
#define SECRET_HIGH 0x80400000UL /* a page well above the payload image */
#define SECRET_TOP 0x9ff00000UL	 /* above QEMU's tree (512 MiB of DRAM) */
/* a2 = 0: answer the next hart_start for hart 1 with success and start
 * nothing; a2 = 1: start hart 1 now, where that request asked. */
#define ATK_STALE_START 19

/*
 * Fixed places in the payload (payload/start.S, checked by payload.ld):
 * race_word, which hart 1 of the firmware keeps incrementing from reset on
 * (race-lock), and evil_boot, where the firmware enters the payload first
 * instead of its entry (evil-boot).
 */
#define PAYLOAD_ENTRY 0x80200000UL
#define PAYLOAD_RACE_WORD 0x80200008UL
#define PAYLOAD_EVIL_BOOT 0x80200010UL
#define EVIL_BOOT_MARK 0xe71b007UL

/* What the firmware stores when it can (write-kernel, mprv-write). */
#define HACKED 0x44454b4341480000UL /* "\0\0HACKED" */

#define CANARY_WORDS 8
#define CANARY_WORD(i) (0x43414e4152590000UL | ((unsigned long)(i) << 8) | 0x5a)

/* Garbage the tamper attacks leave in register/CSR n. */
#define GARBAGE(n) (0xbad0bad000000000UL | ((unsigned long)(n) << 4))

/* What stimecmp-tamper leaves: far in the future, so nothing fires. */
#define STIMECMP_GARBAGE 0x7bad0bad00000000UL

/* M-timer ticks from the spy-irq call to the interrupt; the payload waits
 * SPY_IRQ_WINDOW ticks with its registers loaded (10 MHz timebase). */
#define SPY_IRQ_DELAY 100000UL
#define SPY_IRQ_WINDOW 10000000UL

#ifndef __ASSEMBLER__
/* handoff.c: apply hand-off attack @how (a command-line word) to the
 * tree at @fdt; returns the tree to hand over. */
u64 handoff_attack(u64 fdt, const char *how);
#endif

#endif
