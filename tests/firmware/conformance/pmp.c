// SPDX-License-Identifier: BSD-2-Clause
/*
 * PMP: WARL of pmpcfg0/pmpaddr0..7 (Rampart exposes 8 virtual entries, so
 * nothing above entry 7 is touched), then enforcement on S/U accesses and on
 * M accesses with MPRV. No entry is ever locked: that could not be undone.
 */
#include "check.h"

#define PAGE 4096UL
#define ALLOW_ALL_ENTRY 7
#define CFG_SHIFT(i) ((i)*8)

/* A data page of its own (bss, so 4 KiB-aligned wherever the image lands:
 * both load addresses are 1 MiB-aligned). */
static volatile u64 guard_page[PAGE / 8] __attribute__((aligned(PAGE)));
u64 guard_fn(void); /* guard.S: li a0, 42; ret, alone in its page */

static void pmpaddr_write(int i, u64 val)
{
	if (i == 0)
		csr_write(pmpaddr0, val);
	else if (i == 1)
		csr_write(pmpaddr1, val);
	else if (i == 2)
		csr_write(pmpaddr2, val);
	else if (i == 3)
		csr_write(pmpaddr3, val);
	else if (i == 4)
		csr_write(pmpaddr4, val);
	else if (i == 5)
		csr_write(pmpaddr5, val);
	else if (i == 6)
		csr_write(pmpaddr6, val);
	else
		csr_write(pmpaddr7, val);
}

/* Priv. spec 3.7.1: NAPOT range of 2^k bytes at `base` (aligned). */
static u64 napot(u64 base, u64 size)
{
	return (base | (size / 2 - 1)) >> 2;
}

/* Program entry i (0..7): off first, then address, then configuration. */
static void pmp_set(int i, u64 addr, u64 cfg)
{
	u64 mask = 0xffUL << CFG_SHIFT(i);

	csr_clear(pmpcfg0, mask);
	pmpaddr_write(i, addr);
	csr_set(pmpcfg0, cfg << CFG_SHIFT(i));
	/* Priv. spec 3.7.2: fence after changing PMP. */
	asm volatile("sfence.vma" : : : "memory");
}

/* Entries 0..6 off; entry 7 grants S and U everything. */
static void pmp_reset_lower(void)
{
	int i;

	csr_write(pmpcfg0, 0);
	for (i = 0; i < ALLOW_ALL_ENTRY; i++)
		pmpaddr_write(i, 0);
	pmp_set(ALLOW_ALL_ENTRY, ~0UL, PMP_A_NAPOT | PMP_R | PMP_W | PMP_X);
}

void pmp_allow_all_lower(void)
{
	pmp_reset_lower();
}

void test_pmp_csrs(void)
{
	/* Entries: NAPOT RWX, TOR RWX, NA4 RWX, OFF, W-only, reserved bits
	 * 5-6, W+X (R=0), NAPOT RWX. */
	const u64 cfg = 0x1f06600200170f1fUL;

	chk_begin("pmpaddr.warl");
	chk_kv("ones", csr_probe(pmpaddr0, ~0UL));
	chk_kv("pattern", csr_probe(pmpaddr1, 0x0123456789abcdefUL));
	chk_kv("napot", csr_probe(pmpaddr2, napot(0x80000000UL, 0x100000)));
	chk_kv("odd", csr_probe(pmpaddr7, 0x5));
	chk_end();
	chk_hex("pmpcfg0.warl", csr_probe(pmpcfg0, cfg));
	chk_begin("pmpaddr0-7.rw");
	csr_write(pmpaddr0, 0x10);
	csr_write(pmpaddr1, 0x11);
	csr_write(pmpaddr2, 0x12);
	csr_write(pmpaddr3, 0x13);
	csr_write(pmpaddr4, 0x14);
	csr_write(pmpaddr5, 0x15);
	csr_write(pmpaddr6, 0x16);
	csr_write(pmpaddr7, 0x17);
	chk_kv("0", csr_read(pmpaddr0));
	chk_kv("1", csr_read(pmpaddr1));
	chk_kv("2", csr_read(pmpaddr2));
	chk_kv("3", csr_read(pmpaddr3));
	chk_kv("4", csr_read(pmpaddr4));
	chk_kv("5", csr_read(pmpaddr5));
	chk_kv("6", csr_read(pmpaddr6));
	chk_kv("7", csr_read(pmpaddr7));
	chk_end();
	pmp_reset_lower();
	/* pmpaddr7 = ~0 as OpenSBI writes it; its read-back is pmpaddr.warl */
	chk_hex("pmp.allow-all.pmpcfg0", csr_read(pmpcfg0));
}

LOWER_TRAP_FN(lower_load, "ld t0, 0(t1)")
LOWER_TRAP_FN(lower_store, "sd t0, 0(t1)")

/* Call `fn` (guard_fn) from S/U; a fetch fault resumes at the return
 * address (lib.c). */
static u64 lower_call(u64 fn)
{
	u64 pc;

	snap_begin();
	asm volatile("lla %0, 1f\n"
		     "1:\tjalr ra, 0(%1)"
		     : "=&r"(pc)
		     : "r"(fn)
		     : "ra", "a0", "memory");
	snap_end(pc);
	return 0;
}

static void test_pmp_napot(u64 page)
{
	pmp_set(0, napot(page, PAGE), PMP_A_NAPOT);
	chk_lower("pmp.s.load-denied", PRV_S, lower_load, page + 8);
	chk_lower("pmp.s.store-denied", PRV_S, lower_store, page + 16);
	chk_lower("pmp.u.load-denied", PRV_U, lower_load, page + 24);
	CHECK_TRAP_ARG("pmp.m.ignores-unlocked", "ld t0, 0(t1)", page);
	pmp_set(0, napot(page, PAGE), PMP_A_NAPOT | PMP_R);
	chk_lower("pmp.s.load-ronly", PRV_S, lower_load, page);
	chk_lower("pmp.s.store-ronly", PRV_S, lower_store, page + PAGE - 8);
	/* Lowest-numbered matching entry wins (Priv. spec 3.7.1). */
	pmp_set(1, napot(page, PAGE), PMP_A_NAPOT | PMP_R | PMP_W);
	chk_lower("pmp.s.priority", PRV_S, lower_store, page + 32);
	pmp_reset_lower();
}

static void test_pmp_tor_na4(u64 page)
{
	pmp_set(1, page >> 2, 0);
	pmp_set(2, (page + PAGE) >> 2, PMP_A_TOR | PMP_R);
	chk_lower("pmp.s.tor-load", PRV_S, lower_load, page + 0x800);
	chk_lower("pmp.s.tor-store", PRV_S, lower_store, page + 0x800);
	chk_lower("pmp.s.tor-below", PRV_S, lower_store, page - 8);
	pmp_reset_lower();
	pmp_set(0, (page + 8) >> 2, PMP_A_NA4);
	chk_lower("pmp.s.na4-hit", PRV_S, lower_load, page + 8);
	chk_lower("pmp.s.na4-next", PRV_S, lower_load, page + 12);
	pmp_reset_lower();
}

static void test_pmp_exec(void)
{
	u64 fn = (u64)guard_fn;

	pmp_set(0, napot(fn, PAGE), PMP_A_NAPOT | PMP_R);
	chk_lower("pmp.s.exec-denied", PRV_S, lower_call, fn);
	chk_lower("pmp.u.exec-denied", PRV_U, lower_call, fn);
	pmp_set(0, napot(fn, PAGE), PMP_A_NAPOT | PMP_R | PMP_X);
	chk_lower("pmp.s.exec-allowed", PRV_S, lower_call, fn);
	pmp_reset_lower();
}

/* M access with MPRV = 1, MPP = `mpp`: checked as if made in that mode. */
static void chk_mprv(const char *name, u64 mpp, u64 addr, bool store)
{
	u64 n = m_trap.count, pc;

	csr_clear(mstatus, MSTATUS_MPP);
	csr_set(mstatus, mpp << MSTATUS_MPP_SHIFT);
	if (store)
		asm volatile("csrs mstatus, %1\n\t"
			     "lla %0, 1f\n"
			     "1:\tsd zero, 0(%2)\n\t"
			     "csrc mstatus, %1"
			     : "=&r"(pc)
			     : "r"(MSTATUS_MPRV), "r"(addr)
			     : "memory");
	else
		asm volatile("csrs mstatus, %1\n\t"
			     "lla %0, 1f\n"
			     "1:\tld t0, 0(%2)\n\t"
			     "csrc mstatus, %1"
			     : "=&r"(pc)
			     : "r"(MSTATUS_MPRV), "r"(addr)
			     : "memory", "t0");
	csr_clear(mstatus, MSTATUS_MPP);
	chk_trap(name, n, pc);
}

static void test_pmp_mprv(u64 page)
{
	pmp_set(0, napot(page, PAGE), PMP_A_NAPOT);
	chk_mprv("pmp.mprv.s-load", PRV_S, page + 40, false);
	chk_mprv("pmp.mprv.u-store", PRV_U, page + 48, true);
	chk_mprv("pmp.mprv.m-load", PRV_M, page + 56, false);
	pmp_reset_lower();
}

void test_pmp_access(void)
{
	u64 page = (u64)guard_page;

	test_pmp_napot(page);
	test_pmp_tor_na4(page);
	test_pmp_exec();
	test_pmp_mprv(page);
}
