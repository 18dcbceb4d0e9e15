/* SPDX-License-Identifier: BSD-2-Clause */
/* Layouts shared by the payload's C and assembly (start.S). */
#ifndef PAYLOAD_H
#define PAYLOAD_H

/* struct pcall / struct pdump offsets */
#define PC_X 0 /* u64 x[32]: registers at the ecall */
#define PC_STVEC 256
#define PC_SSCRATCH 264
#define PC_SEPC 272
#define PC_SCAUSE 280
#define PC_STVAL 288
#define PC_SATP 296	/* filled in by attack_call before the ecall */
#define PC_SSTATUS 304	/* same */
#define PC_SIE 312	/* same */
#define PC_STIMECMP 320 /* Sstc: set by attack_call like sscratch */
#define PC_WINDOW 328	/* irq_window: ticks to wait */
#define PC_SIZE 336

#define PD_LANDED 328  /* pdump: set if the call came back at ecall+0x40 */
#define PD_TRAPPED 336 /* pdump: set by ebreak_trap_entry */
#define PD_SIZE 344

#define CSR_STIMECMP 0x14d

#define SUSPEND_OPAQUE 0x5678

/* saved_ctx: ra, sp, gp, tp, s0-s11, then the pcall pointer */
#define CTX_PCALL 128
#define CTX_SIZE 136

#ifndef __ASSEMBLER__
typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned char u8;
typedef _Bool bool;
#define true 1
#define false 0

struct pcall {
	u64 x[32];
	u64 stvec, sscratch, sepc, scause, stval;
	u64 satp, sstatus, sie;
	u64 stimecmp;
	u64 window;
};

struct pdump {
	u64 x[32];
	u64 stvec, sscratch, sepc, scause, stval;
	u64 satp, sstatus, sie;
	u64 stimecmp;
	u64 landed;
	u64 trapped;
};

_Static_assert(sizeof(struct pcall) == PC_SIZE, "pcall layout");
_Static_assert(sizeof(struct pdump) == PD_SIZE, "pdump layout");
_Static_assert(__builtin_offsetof(struct pdump, landed) == PD_LANDED,
	       "pdump layout");
_Static_assert(__builtin_offsetof(struct pcall, stimecmp) == PC_STIMECMP,
	       "pcall layout");
_Static_assert(__builtin_offsetof(struct pcall, window) == PC_WINDOW,
	       "pcall layout");

extern struct pdump dump;

/* Load c->x[1..31] (sp stays), c's S CSRs, ecall; dump what comes back into
 * `dump`, then put the caller's context, stvec and satp back. */
void attack_call(struct pcall *c);
/* Same, but instead of an ecall spin for c->window ticks (a0, a1 are the
 * loop's), so that an interrupt finds the registers loaded. */
void irq_window(struct pcall *c);
void irq_window_loop(void); /* the wait loop: [irq_window_loop, _end) */
void irq_window_end(void);
/* Same, but an ebreak instead of the ecall: the payload's own exception,
 * which ebreak_trap_entry (c->stvec) skips. */
void ebreak_call(struct pcall *c);
void ebreak_insn(void);
void ebreak_trap_entry(void);
void payload_ret(void); /* a lone `ret` (exec-kernel's target) */
struct suspend_out {
	u64 how; /* 0 returned, 1 resumed at suspend_resume, 2 suspend_evil */
	u64 a0, a1;
};
void suspend_call(struct suspend_out *out, u64 evil_off);
void suspend_resume(void);
void suspend_evil(void);
void restart_entry(void);
void payload_trap_entry(void);
void good_entry(void);
void evil_entry(void);
void stale_entry(void);
#endif

#endif
