// SPDX-License-Identifier: BSD-2-Clause
/*
 * attack-monitor: the firmware tries to reach the monitor's region
 * (0x8000_0000, 1 MiB) every way virtual M-mode offers. Under Rampart every
 * attempt must fault (access fault injected into the firmware) and the run
 * must go on to "ATTACK DONE". Natively the image itself sits at 0x8000_0000,
 * so every attempt succeeds: what is read is written back unchanged and the
 * jump lands on a `ret` in this image.
 */
#include "../common/fw.h"

#define MONITOR_BASE 0x80000000UL
#define MONITOR_SIZE 0x100000UL

void attack_ret(void); /* ret.S: a lone `ret` */

static u64 trap_mark;

static void attempt_begin(void)
{
	trap_mark = m_trap.count;
}

static void attempt_end(const char *what)
{
	puts_("ATTACK ");
	puts_(what);
	if (m_trap.count != trap_mark) {
		puts_(": blocked mcause=");
		putdec(m_trap.cause);
	} else {
		puts_(": SUCCEEDED");
	}
	putc_('\n');
}

static u64 load(u64 addr)
{
	u64 v = 0;

	asm volatile("ld %0, 0(%1)" : "+r"(v) : "r"(addr) : "memory");
	return v;
}

static void store(u64 addr, u64 v)
{
	asm volatile("sd %0, 0(%1)" : : "r"(v), "r"(addr) : "memory");
}

/* Load with mstatus.MPRV = 1 and MPP = `mpp`: done with mpp's privilege. */
static u64 load_mprv(u64 addr, u64 mpp)
{
	u64 v = 0;

	csr_clear(mstatus, MSTATUS_MPP);
	csr_set(mstatus, mpp << MSTATUS_MPP_SHIFT);
	asm volatile("csrs mstatus, %2\n\t"
		     "ld %0, 0(%1)\n\t"
		     "csrc mstatus, %2"
		     : "+r"(v)
		     : "r"(addr), "r"(MSTATUS_MPRV)
		     : "memory");
	csr_clear(mstatus, MSTATUS_MPP);
	return v;
}

/* PMP entry 0: NAPOT over the whole monitor region, RWX (+ `extra`). */
static void pmp_open_monitor(u64 extra)
{
	csr_write(pmpcfg0, 0);
	csr_write(pmpaddr0, (MONITOR_BASE | (MONITOR_SIZE / 2 - 1)) >> 2);
	csr_write(pmpcfg0, PMP_A_NAPOT | PMP_R | PMP_W | PMP_X | extra);
	asm volatile("sfence.vma" : : : "memory");
}

static void attack_plain(void)
{
	u64 v;

	attempt_begin();
	v = load(MONITOR_BASE);
	attempt_end("read");
	attempt_begin();
	store(MONITOR_BASE, v);
	attempt_end("write");
}

static void attack_pmp(void)
{
	u64 v;

	pmp_open_monitor(0);
	attempt_begin();
	v = load(MONITOR_BASE + 8);
	attempt_end("pmp-read");
	attempt_begin();
	store(MONITOR_BASE + 8, v);
	attempt_end("pmp-write");
}

/* Jump into the monitor's region; a fetch fault resumes at ra (lib.c). */
static void attack_exec(void)
{
	u64 target = MONITOR_BASE + ((u64)attack_ret - image_base);

	attempt_begin();
	asm volatile("jalr ra, 0(%0)" : : "r"(target) : "ra", "memory");
	attempt_end("exec");
}

static void attack_mprv(void)
{
	attempt_begin();
	load_mprv(MONITOR_BASE + 16, PRV_M);
	attempt_end("mprv-m-read");
	attempt_begin();
	load_mprv(MONITOR_BASE + 24, PRV_S); /* PMP entry 0 grants S */
	attempt_end("mprv-s-read");
}

/* Last: a locked entry binds M too, and cannot be undone before reset. */
static void attack_locked_pmp(void)
{
	pmp_open_monitor(0x80);
	attempt_begin();
	load(MONITOR_BASE + 32);
	attempt_end("locked-pmp-read");
}

void fw_main(void)
{
	puts_("ATTACK START\n");
	attack_plain();
	attack_pmp();
	attack_exec();
	attack_mprv();
	attack_locked_pmp();
	puts_("ATTACK DONE\n");
	poweroff(0);
}
