/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Emulation of what the firmware traps on in virtual M-mode: privileged
 * instructions, and loads/stores to emulated devices.
 */
#ifndef RAMPART_EMULATE_H
#define RAMPART_EMULATE_H

#include "../../include/rampart/types.h"

struct vcpu;

/* What the hardware layer must still do after emulate_insn(). */
enum emul_action {
	EMUL_DONE,		/* nothing: context updated or trap injected */
	EMUL_WFI,		/* wait for an interrupt, then resume */
	EMUL_SFENCE_VMA,	/* flush the hart's address translation cache */
	EMUL_FP_LOAD,		/* an FP instruction with the firmware's FS on:
				 * load its FP registers, then run it again */
};

/*
 * Emulate instruction @raw at v->pc of the virtual M-mode firmware. On
 * success pc moves past it (or to mepc for mret); anything not emulated
 * becomes an illegal-instruction trap injected into the firmware.
 */
enum emul_action emulate_insn(struct vcpu *v, u32 raw);

/*
 * The firmware's most frequent privileged instructions, those that change
 * nothing but registers and plain CSRs: a read of any CSR (csrrs/csrrc
 * with x0 or 0), the writes of mscratch, mepc, mcause and mtval, and the
 * writes of mstatus that leave MIE and the MPRV state alone (OpenSBI's
 * trap entry and exit, current_hartid()). Returns true having
 * done exactly what emulate_insn() does with them; as no interrupt enable,
 * PMP layout or mode changes, the caller may return to the firmware at
 * once. False for any other instruction (and for a CSR that does not
 * exist), nothing changed.
 */
bool emulate_plain_csr(struct vcpu *v, u32 raw);

/* Performs a device access: 0, or -RAMPART_EINVAL if the device refuses. */
typedef int (*mmio_access_fn)(u64 addr, unsigned int width, bool write,
			      u64 *val);

/*
 * Emulate load/store @raw at v->pc that faulted on device address @addr.
 * Returns 0 (rd written, pc advanced) or -RAMPART_EINVAL if it is not an
 * integer load/store to @addr or the device refused: inject the fault.
 */
int emulate_mmio(struct vcpu *v, u32 raw, u64 addr, mmio_access_fn access);

/* Sign- or zero-extend the low @width bytes of @val. */
u64 emulate_extend(u64 val, unsigned int width, bool is_signed);

#endif
