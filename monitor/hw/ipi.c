// SPDX-License-Identifier: BSD-2-Clause
#include "ipi.h"
#include "csr.h"
#include "platform.h"
#include "../core/clint.h"

static volatile u32 vmsip[MAX_HARTS];
static volatile u32 kicks[MAX_HARTS];

static volatile u32 *real_msip(unsigned int hart)
{
	return (volatile u32 *)(uintptr_t)(CLINT_BASE + CLINT_MSIP_OFF +
					  4ULL * hart);
}

u32 ipi_vmsip(unsigned int hart)
{
	return __atomic_load_n(&vmsip[hart], __ATOMIC_ACQUIRE);
}

void ipi_set_vmsip(unsigned int hart, u32 val)
{
	__atomic_store_n(&vmsip[hart], val & 1, __ATOMIC_SEQ_CST);
	if (val & 1)
		*real_msip(hart) = 1; /* the target must notice */
}

/* The reason is published before the bell rings, and the target silences
 * the bell before it reads the reasons: no reason is ever lost. */
void ipi_kick(unsigned int hart, u32 reasons)
{
	__atomic_fetch_or(&kicks[hart], reasons, __ATOMIC_SEQ_CST);
	*real_msip(hart) = 1;
}

u32 ipi_take(unsigned int self)
{
	*real_msip(self) = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return __atomic_exchange_n(&kicks[self], 0, __ATOMIC_SEQ_CST);
}

u64 ipi_mip(unsigned int self)
{
	u64 mip = csr_read(CSR_MIP) & ~MIP_MSIP;

	return mip | (ipi_vmsip(self) ? MIP_MSIP : 0);
}
