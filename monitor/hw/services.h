/* SPDX-License-Identifier: BSD-2-Clause */
/* What the hardware layer offers policies: one header, small verbs. */
#ifndef RAMPART_SERVICES_H
#define RAMPART_SERVICES_H

#include "../../include/rampart/types.h"

struct vcpu;

/* The payload's S-mode CSRs that the firmware must not see (satp and sie
 * live in struct vcpu). */
struct supervisor_csrs {
	u64 sstatus;
	u64 stvec;
	u64 sscratch;
	u64 sepc;
	u64 scause;
	u64 stval;
	u64 scounteren;
	u64 senvcfg;
	u64 stimecmp;		/* only with Sstc */
};

void hw_supervisor_save(struct supervisor_csrs *s);
void hw_supervisor_clear(void);
/* A fresh start of the payload: cleared, but scounteren keeps the value
 * the firmware gave it (OpenSBI enables the counters for S and U, and a
 * kernel started natively relies on that; it is a permission mask, no
 * state of an earlier payload run). */
void hw_supervisor_start(void);
void hw_supervisor_restore(const struct supervisor_csrs *s);
/* The firmware's stimecmp (an SBI set_timer answered by it) stays. */
void hw_supervisor_restore_keep_timer(const struct supervisor_csrs *s);

/* The payload's trapped read of `time` (@tval: the instruction; see
 * fastpath_time_read): rd = the CLINT's mtime, pc past it, true. Else
 * false, nothing changed. */
bool hw_emulate_time_read(struct vcpu *v, u64 tval);

/* Deliver exception @cause/@tval to the payload's own trap vector, as the
 * hart does for a delegated exception (Priv. spec 3.1.8, 4.1.1). */
void hw_redirect_to_supervisor(struct vcpu *v, u64 cause, u64 tval);

/* misaligned_hw.c: emulate the payload's misaligned load/store at v->pc
 * (its page fault, if any, goes to its own vector). False if it is not a
 * load/store: the caller redirects the original trap. */
bool hw_misaligned_emulate(struct vcpu *v, u64 addr);

/* lock.c: the one-way switch that takes the payload from the firmware on
 * every hart. Returns once no hart can run firmware code unlocked. */
void hw_lock_firmware(u64 self);
bool hw_firmware_locked(void);

/* audit_hw.c: record and print a blocked firmware access. */
void hw_audit(const struct vcpu *v, u32 access, u64 addr);

/* The entry QEMU's fw_dynamic_info names for the payload (boot ROM). */
u64 hw_payload_entry(void);

/* Did the platform load a payload (QEMU -kernel)? Without one there is
 * nothing to measure at the first entry (test firmwares' own S-mode code). */
bool hw_payload_present(void);

/* The payload file's size the launcher gave (payload_size=), or 0. */
u64 hw_payload_size(void);

/* The launch nonce given with nonce=HEX (length 0: none). */
const u8 *hw_launch_nonce(u32 *len);

/* Stop the whole machine with exit status @code (fail-closed boot). */
void hw_stop_machine(u32 code) __attribute__((noreturn));

/* Park this hart for good: it never runs firmware or payload again. */
void hw_park(const char *why) __attribute__((noreturn));

#endif
