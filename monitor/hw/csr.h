/* SPDX-License-Identifier: BSD-2-Clause */
/* CSR access for the hardware layer: the only place with csr instructions. */
#ifndef RAMPART_HW_CSR_H
#define RAMPART_HW_CSR_H

#include "../core/riscv.h"

#define __str(x) #x
#define __xstr(x) __str(x)

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
