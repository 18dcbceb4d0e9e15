// SPDX-License-Identifier: BSD-2-Clause
#include "ipi.h"
#include "csr.h"
#include "../core/clint.h"
#include "../core/hart.h"
#include "../core/platform.h"
#include "../core/sbi_ext.h"

/* fence_waiters, targets() and send() keep sets of harts in one u64 */
_Static_assert(MAX_HARTS <= 64, "hart sets are u64 masks");

/*
 * Fences: senders number their requests to a hart (fence_asked); the hart
 * records the number it saw before flushing (fence_done). One flush
 * answers every request issued before it, however many doorbells
 * coalesced into one. Harts waiting in send() for fences are in
 * fence_waiters: a hart that flushed rings them.
 */
static volatile u64 fence_waiters;
static volatile u32 halted;	/* harts parked by KICK_HALT */

static volatile u32 *real_msip(unsigned int hart)
{
	return platform()->msip + hart;
}

u32 ipi_vmsip(unsigned int hart)
{
	return __atomic_load_n(&harts[hart].vmsip, __ATOMIC_ACQUIRE);
}

void ipi_set_vmsip(unsigned int hart, u32 val)
{
	__atomic_store_n(&harts[hart].vmsip, val & 1, __ATOMIC_SEQ_CST);
	if (val & 1)
		*real_msip(hart) = 1; /* the target must notice */
}

/* The reason is published before the bell rings, and the target silences
 * the bell before it reads the reasons: no reason is ever lost. */
void ipi_kick(unsigned int hart, u32 reasons)
{
	/* none before the boot hart placed them: a refusal that early
	 * (reset.c) has no hart to halt */
	struct hart *h = hart_get(hart);

	if (!h)
		return;
	__atomic_fetch_or(&h->kicks, reasons, __ATOMIC_SEQ_CST);
	*real_msip(hart) = 1;
}

u32 ipi_take(unsigned int self)
{
	*real_msip(self) = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return __atomic_exchange_n(&harts[self].kicks, 0, __ATOMIC_SEQ_CST);
}

u64 ipi_mip(unsigned int self)
{
	u64 mip = csr_read(CSR_MIP) & ~MIP_MSIP;

	return mip | (ipi_vmsip(self) ? MIP_MSIP : 0);
}

void ipi_set_running(unsigned int hart, bool on)
{
	struct hart *h = hart_get(hart);

	if (h)
		__atomic_store_n(&h->running, on, __ATOMIC_SEQ_CST);
}

void ipi_halt(void)
{
	__atomic_add_fetch(&halted, 1, __ATOMIC_SEQ_CST);
	for (;;)
		__asm__ volatile("wfi");
}

u32 ipi_halted(void)
{
	return __atomic_load_n(&halted, __ATOMIC_SEQ_CST);
}

/* This hart's TLB and instruction cache flushed for every fence asked of
 * it so far; the harts waiting for fences rung (each rechecks its own). */
static void __attribute__((noinline)) serve_fences(unsigned int self)
{
	struct hart *me = &harts[self];
	u64 seen = __atomic_load_n(&me->fence_asked, __ATOMIC_SEQ_CST);
	u64 waiters;
	unsigned int i;

	__asm__ volatile("sfence.vma\n fence.i" : : : "memory");
	__atomic_store_n(&me->fence_done, seen, __ATOMIC_SEQ_CST);
	/* done is published before the waiters are read, and a waiter
	 * publishes itself before it reads done (send()): either it sees
	 * done, or it is rung here. A bell alone: a waiter has no reason
	 * to take, only done to read again. */
	waiters = __atomic_load_n(&fence_waiters, __ATOMIC_SEQ_CST);
	for (i = 0; waiters && i < platform()->nharts; i++)
		if (i != self && (waiters & (1ULL << i)))
			*real_msip(i) = 1;
}

/* Small on purpose: a fence waiter serves its own doorbell at each
 * wakeup, most often with nothing to do. */
void ipi_serve(unsigned int self, u32 reasons)
{
	if (reasons & KICK_HALT)
		ipi_halt();
	if (reasons & KICK_SSIP)
		csr_set(CSR_MIP, MIP_SSIP);
	if (reasons & (KICK_SFENCE | KICK_FENCE_I))
		serve_fences(self);
}


/* The harts of (@mask, @base) if all run the payload, else 0 (slow path). */
static u64 targets(u64 mask, u64 base)
{
	u64 all = 0, i;

	for (i = 0; i < platform()->nharts; i++)
		if (__atomic_load_n(&harts[i].running, __ATOMIC_SEQ_CST))
			all |= 1ULL << i;
	if (base == ~0ULL)
		return all;
	if (base >= platform()->nharts || (mask << base) >> base != mask)
		return 0;
	mask <<= base;
	return (mask & ~all) ? 0 : mask;
}

/*
 * Ring every target, then wait for each fence to be done while serving
 * this hart's own doorbell (two harts may fence each other). The wait is a
 * wfi: a target that has flushed rings this hart back (ipi_serve), and the
 * doorbell is always enabled in mie. On QEMU a wfi also ends the hart's
 * time slice, so the targets run at once instead of after a slice spent
 * spinning (docs/bench.md).
 */
static void send(unsigned int self, u64 set, u32 reason)
{
	bool fence = reason & (KICK_SFENCE | KICK_FENCE_I);
	/* the fences to wait for (hart, ticket), filled in order: a zeroed
	 * array would cost more than the call */
	u8 waits[MAX_HARTS];
	u64 ticket[MAX_HARTS];
	unsigned int i, n = 0;

	for (i = 0; i < platform()->nharts; i++) {
		if (!(set & (1ULL << i)))
			continue;
		if (i == self) {
			ipi_serve(self, reason);
			continue;
		}
		if (fence) {
			waits[n] = (u8)i;
			ticket[n++] = __atomic_add_fetch(&harts[i].fence_asked,
							 1, __ATOMIC_SEQ_CST);
		}
		ipi_kick(i, reason);
	}
	if (!n)
		return;
	__atomic_fetch_or(&fence_waiters, 1ULL << self, __ATOMIC_SEQ_CST);
	for (i = 0; i < n; i++) {
		const volatile u64 *done = &harts[waits[i]].fence_done;

		while (__atomic_load_n(done, __ATOMIC_SEQ_CST) < ticket[i]) {
			ipi_serve(self, ipi_take(self));
			if (__atomic_load_n(done, __ATOMIC_SEQ_CST) < ticket[i])
				__asm__ volatile("wfi");
		}
	}
	__atomic_fetch_and(&fence_waiters, ~(1ULL << self), __ATOMIC_SEQ_CST);
}

bool ipi_fastpath(struct vcpu *v)
{
	u64 ext = vcpu_reg(v, REG_A7), fid = vcpu_reg(v, REG_A6), set;
	u32 reason;

	if (ext == SBI_EXT_IPI && fid == 0)
		reason = KICK_SSIP;
	else if (ext == SBI_EXT_RFENCE && fid == 0)
		reason = KICK_FENCE_I;
	else if (ext == SBI_EXT_RFENCE && (fid == 1 || fid == 2))
		reason = KICK_SFENCE; /* the whole TLB: a superset of the range */
	else
		return false;
	set = targets(vcpu_reg(v, REG_A0), vcpu_reg(v, REG_A1));
	if (!set)
		return false;
	send((unsigned int)v->hartid, set, reason);
	vcpu_sbi_return(v, SBI_SUCCESS, 0);
	return true;
}
