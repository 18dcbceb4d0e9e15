/* SPDX-License-Identifier: BSD-2-Clause */
/* CSR access for the hardware layer: the only place with csr instructions. */
#ifndef RAMPART_HW_CSR_H
#define RAMPART_HW_CSR_H

#include "../core/riscv.h"

#define __str(x) #x
#define __xstr(x) __str(x)

/* X(n) for PMP entries 1..15 (a CSR number must be an immediate) */
#define PMP_ENTRIES_1_15(X)                                              \
	X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12)   \
	X(13) X(14) X(15)

/* The hpm counters the virtual hart has (VHPM_COUNT from 3): the hart's
 * (hw_csr.c reaches them, probe.c counts them). */
#define HPM_COUNTERS(X)                                                   \
	X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14)  \
	X(15) X(16) X(17) X(18)

#define csr_read(csr)                                                    \
	({                                                               \
		u64 __r;                                                 \
		__asm__ volatile("csrr %0, " __xstr(csr) : "=r"(__r) : : \
				 "memory");                              \
		__r;                                                     \
	})

/* csrw, csrs, csrc: @val in a register, or an immediate if it fits */
#define csr_insn(insn, csr, val)                                           \
	({                                                               \
		u64 __v = (u64)(val);                                    \
		__asm__ volatile(insn " " __xstr(csr) ", %0" : : "rK"(__v) \
				 : "memory");                            \
	})
#define csr_write(csr, val) csr_insn("csrw", csr, val)
#define csr_set(csr, val) csr_insn("csrs", csr, val)
#define csr_clear(csr, val) csr_insn("csrc", csr, val)

#endif
