/* SPDX-License-Identifier: BSD-2-Clause */
/* The hardware layer's internal interfaces: it only moves bits. */
#ifndef RAMPART_HW_H
#define RAMPART_HW_H

#include "../../include/rampart/types.h"

struct platform;
struct pmp_layout;
struct vcpu;

extern const struct vcpu_ops hw_vcpu_ops;

/* trap.c */
struct vcpu *trap_handle(struct vcpu *v);
/* Before the firmware runs: publish it (lock.h) and re-plan the PMP. */
void firmware_resume_checks(struct vcpu *v);
void trap_prepare_return(struct vcpu *v);

/* sha256_hw.c: SHA-256's block function for what platform @p has (Zbb,
 * Zknh); logs its choice */
void sha256_hw_init(const struct platform *p);

/* world.c */
void world_enter_firmware(struct vcpu *v);
void world_enter_payload(struct vcpu *v);
/* The FPU between the worlds (fpu.c): the payload's FS/VS put aside on
 * entering the firmware and back (with its registers, if the firmware
 * used its own) on entering the payload; the firmware's registers loaded
 * at its first FP instruction (EMUL_FP_LOAD). */
void hw_fpu_enter_firmware(struct vcpu *v);
void hw_fpu_enter_payload(struct vcpu *v);
void hw_fpu_firmware_load(struct vcpu *v);
void world_apply_firmware_pmp(struct vcpu *v);
void hw_pmp_write(const struct pmp_layout *l, const u64 cfg[2], bool addrs);

/* mprv.c: access @width bytes at @addr as mode @mode (PRV_S/PRV_U) would,
 * with the hart's current satp and PMP. Return 0 or the exception cause. */
u64 hw_mprv_load(u64 mode, u64 addr, unsigned int width, u64 *val);
u64 hw_mprv_store(u64 mode, u64 addr, unsigned int width, u64 val);

/* Is the firmware's virtual MPRV in force (its data accesses translated)? */
bool world_mprv_active(const struct vcpu *v);
/* Run the payload's satp and PMP in the hart for an MPRV access, and back. */
void world_mprv_begin(struct vcpu *v);
void world_mprv_end(struct vcpu *v);

/* mmio.c */
int hw_clint_access(u64 addr, unsigned int width, bool write, u64 *val);
bool hw_is_clint(u64 addr);
/* The platform timer (CLINT mtime). */
u64 hw_clint_mtime(void);
/* Read the firmware's instruction at @pc (physical). 0 or -RAMPART_EFAULT. */
int hw_fetch_firmware_insn(u64 pc, u32 *raw);

/* probe.c: does this hart have S-mode (misa.S)? Not every hart of a
 * machine does (QEMU sifive_u's hart 0, an E51, has M and U only); one
 * without has no S-mode CSR and never runs the payload. */
bool hw_hart_has_s_mode(void);

/* entry.S */
void trap_exit(struct vcpu *v) __attribute__((noreturn));

#endif
