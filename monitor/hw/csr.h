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

#define csr_read(csr)                                                    \
	({                                                               \
		u64 __r;                                                 \
		__asm__ volatile("csrr %0, " __xstr(csr) : "=r"(__r) : : \
				 "memory");                              \
		__r;                                                     \
	})

#define csr_write(csr, val)                                              \
	({                                                               \
		u64 __v = (u64)(val);                                    \
		__asm__ volatile("csrw " __xstr(csr) ", %0" : : "rK"(__v) \
				 : "memory");                            \
	})

#define csr_set(csr, val)                                                \
	({                                                               \
		u64 __v = (u64)(val);                                    \
		__asm__ volatile("csrs " __xstr(csr) ", %0" : : "rK"(__v) \
				 : "memory");                            \
	})

#define csr_clear(csr, val)                                              \
	({                                                               \
		u64 __v = (u64)(val);                                    \
		__asm__ volatile("csrc " __xstr(csr) ", %0" : : "rK"(__v) \
				 : "memory");                            \
	})

#endif
