/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the monitor offers policies: one header, small verbs. Declared by
 * the core's interface, implemented by the hardware layer (monitor/hw).
 */
#ifndef RAMPART_SERVICES_H
#define RAMPART_SERVICES_H

#include "../../include/rampart/types.h"
#include "lock.h"

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
/* With @keep_timer, the firmware's stimecmp (an SBI set_timer answered
 * by it) stays. */
void hw_supervisor_restore(const struct supervisor_csrs *s, bool keep_timer);

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

/* Lock (lock.h) from hart @self: the payload's memory is live from now
 * (hw/reset.h), and no hart runs firmware code unlocked on return. */
void hw_lock_firmware(u64 self);

/* audit_hw.c: record and print a blocked firmware access. */
void hw_audit(const struct vcpu *v, u32 access, u64 addr);

/* Stop the whole machine with exit status @code (fail-closed boot). */
void hw_stop_machine(u32 code) __attribute__((noreturn));

/* Park this hart for good: it never runs firmware or payload again. */
void hw_park(const char *why) __attribute__((noreturn));

/* QEMU's exit status when the monitor stops the machine (docs/usage.md):
 * a failed measurement or refused hand-off, a fatal line. */
#define MEASURE_FAILED_EXIT 3
#define MONITOR_FATAL_EXIT 5

/* The monitor cannot go on (a broken invariant, an unusable platform or
 * option): print one "[rampart] fatal: ..." line and stop the machine with
 * MONITOR_FATAL_EXIT (scrubbing payload memory first once locked). */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						noreturn));

#endif
