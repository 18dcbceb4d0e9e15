// SPDX-License-Identifier: BSD-2-Clause
/* Printing of checks and of the traps they provoked. */
#include "check.h"

struct snap snap;
static u64 total;

void chk_begin(const char *name)
{
	puts_("CHK ");
	puts_(name);
	putc_(':');
	total++;
}

void chk_end(void)
{
	putc_('\n');
}

void chk_kv(const char *key, u64 val)
{
	putc_(' ');
	puts_(key);
	putc_('=');
	puthex(val);
}

void chk_kyn(const char *key, bool val)
{
	putc_(' ');
	puts_(key);
	putc_('=');
	puts_(val ? "yes" : "no");
}

void chk_krel(const char *key, u64 addr)
{
	putc_(' ');
	puts_(key);
	putc_('=');
	putrel(addr);
}

void chk_hex(const char *name, u64 val)
{
	chk_begin(name);
	putc_(' ');
	puthex(val);
	chk_end();
}

void chk_yn(const char *name, bool val)
{
	chk_begin(name);
	puts_(val ? " yes" : " no");
	chk_end();
}

/* An exception pc: relative to the provoking instruction when near it. */
static void put_epc(const char *key, u64 epc, u64 pc)
{
	putc_(' ');
	puts_(key);
	putc_('=');
	if (epc - pc < 0x100) {
		puts_("insn+");
		puthex(epc - pc);
	} else {
		putrel(epc);
	}
}

static void put_trap(const char *level, const volatile struct trap_rec *r,
		     u64 traps, u64 pc)
{
	bool m = level[0] == 'm';

	chk_kv(m ? "mcause" : "scause", r->cause);
	chk_krel(m ? "mtval" : "stval", r->tval);
	put_epc(m ? "mepc" : "sepc", r->epc, pc);
	if (m)
		chk_kv("mpp", (r->status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
	else
		chk_kv("spp", (r->status & MSTATUS_SPP) >> 8);
	if (traps != 1)
		chk_kv("traps", traps);
}

void chk_trap(const char *name, u64 count_before, u64 pc)
{
	u64 traps = m_trap.count - count_before;

	chk_begin(name);
	if (traps)
		put_trap("m", &m_trap, traps, pc);
	else
		puts_(" no trap");
	chk_end();
}

void snap_begin(void)
{
	snap.m_before = m_trap.count;
	snap.s_before = s_trap.count;
}

static void snap_copy(struct trap_rec *to, const volatile struct trap_rec *r)
{
	to->count = r->count;
	to->cause = r->cause;
	to->tval = r->tval;
	to->epc = r->epc;
	to->status = r->status;
	to->vec = r->vec;
	to->irq = r->irq;
	to->irq_status = r->irq_status;
	to->irq_count = r->irq_count;
}

void snap_end(u64 pc)
{
	snap_copy(&snap.m, &m_trap);
	snap_copy(&snap.s, &s_trap);
	snap.pc = pc;
}

void chk_snap(const char *name)
{
	u64 m = snap.m.count - snap.m_before;
	u64 s = snap.s.count - snap.s_before;

	chk_begin(name);
	if (m)
		put_trap("m", &snap.m, m, snap.pc);
	if (s)
		put_trap("s", &snap.s, s, snap.pc);
	if (!m && !s)
		puts_(" no trap");
	chk_end();
}

void chk_lower(const char *name, u64 mode, u64 (*fn)(u64), u64 arg)
{
	run_lower(mode, fn, arg);
	chk_snap(name);
}

u64 chk_total(void)
{
	return total;
}

/* Not compared between runs: facts that may legitimately differ. */
void info_hex(const char *name, u64 val)
{
	puts_("INFO ");
	puts_(name);
	puts_(": ");
	puthex(val);
	putc_('\n');
}
