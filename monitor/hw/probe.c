// SPDX-License-Identifier: BSD-2-Clause
#include "probe.h"
#include "hw.h"
#include "console.h"
#include "csr.h"
#include "../core/hart.h"
#include "../core/platform.h"
#include "../core/pmp.h"
#include "../core/services.h"

void probe_arm(void)
{
	struct hart *h = &harts[csr_read(CSR_MHARTID)];

	h->probe_cause = 0;
	h->probe_armed = true;
}

u64 probe_disarm(void)
{
	struct hart *h = &harts[csr_read(CSR_MHARTID)];

	h->probe_armed = false;
	return h->probe_cause;
}

void monitor_trap(const u64 *frame)
{
	/* none before the boot hart placed them (main.c): a bug then too */
	struct hart *h = hart_get(csr_read(CSR_MHARTID));
	u64 cause = csr_read(CSR_MCAUSE);

	(void)frame;
	if (h && h->probe_armed && !(cause & CAUSE_IRQ_FLAG)) {
		h->probe_cause = cause;
		h->probe_armed = false;
		csr_write(CSR_MEPC, csr_read(CSR_MEPC) + 4);
		return;
	}
	fatal("BUG: monitor trap cause=0x%lx epc=0x%lx tval=0x%lx", cause,
	      csr_read(CSR_MEPC), csr_read(CSR_MTVAL));
}

bool hw_hart_has_s_mode(void)
{
	return hw_facts()->s_mode;
}

static bool has_s_mode(void)
{
	u64 misa = csr_read(CSR_MISA);

	/* a zero misa tells nothing (Priv. 3.1.1): the hart is believed */
	return !misa || (misa & MISA_EXT('S'));
}

static bool has_stimecmp(void)
{
	probe_arm();
	(void)csr_read(CSR_STIMECMP);
	return probe_disarm() == 0;
}

static bool has_time(void)
{
	probe_arm();
	(void)csr_read(CSR_TIME);
	return probe_disarm() == 0;
}

/* 1.12 added menvcfg, 1.11 mcountinhibit (Priv. spec, "Changes"):
 * reading each tells which spec the hart implements. */
static unsigned int priv_minor(void)
{
	probe_arm();
	(void)csr_read(CSR_MENVCFG);
	if (!probe_disarm())
		return 12;
	probe_arm();
	(void)csr_read(CSR_MCOUNTINHIBIT);
	return probe_disarm() ? 10 : 11;
}

#define FP_INSN(i) ".option push\n\t.option arch, +d\n\t" i "\n\t.option pop"

/* The FP registers' width, by running fmv.x.d, then fmv.x.w, with FS on
 * (misa may be read-only zero: the instructions tell). */
static unsigned int fp_bytes(void)
{
	unsigned int bytes = 8;

	csr_set(CSR_MSTATUS, MSTATUS_FS);
	probe_arm();
	__asm__ volatile(FP_INSN("fmv.x.d t0, f0") ::: "t0");
	if (probe_disarm()) {
		probe_arm();
		__asm__ volatile(FP_INSN("fmv.x.w t0, f0") ::: "t0");
		bytes = probe_disarm() ? 0 : 4;
	}
	csr_clear(CSR_MSTATUS, MSTATUS_FS);
	return bytes;
}

static bool has_zbb(void)
{
	probe_arm();
	/* rev8 t0, t0 (Zbb): an illegal instruction without it */
	__asm__ volatile(".insn i 0x13, 5, t0, t0, 0x6b8" ::: "t0");
	return probe_disarm() == 0;
}

static bool has_zknh(void)
{
	probe_arm();
	/* sha256sum0 t0, t0 (Zknh): an illegal instruction without it */
	__asm__ volatile(".insn i 0x13, 1, t0, t0, 0x100" ::: "t0");
	return probe_disarm() == 0;
}

/* pmpaddr@n reads back what was written if the entry exists (WARL: a
 * missing one is read-only zero; without PMP the CSR traps: 0 too); cfg
 * is still off, so nothing changes. */
#define PMPADDR_PROBE(n)                                        \
	case n:                                                 \
		probe_arm();                                    \
		csr_write(CSR_PMPADDR0 + (n), ~0ULL);           \
		if (probe_disarm())                             \
			return 0;                               \
		val = csr_read(CSR_PMPADDR0 + (n));             \
		csr_write(CSR_PMPADDR0 + (n), 0);               \
		break;

static u64 pmpaddr_probe(unsigned int n)
{
	u64 val = 0;

	switch (n) {
	PMPADDR_PROBE(0)
	PMP_ENTRIES_1_15(PMPADDR_PROBE)
	}
	return val;
}

void probe_hart(struct platform *p)
{
	u64 all = pmpaddr_probe(0);
	unsigned int g = 0;

	p->priv_minor = priv_minor();
	p->has_zbb = has_zbb();
	/* a device tree that lists Zknh is believed only if the hart agrees */
	if (p->has_zknh && !has_zknh()) {
		console_log("the device tree lists Zknh, the hart does not "
			    "run it: not used");
		p->has_zknh = false;
	}
	/* Priv. 3.7.1: all ones written to an OFF entry read back with bits
	 * G-1..0 clear, a granule of 4 << G bytes; nothing back, no PMP */
	while (g < 64 && !(all & (1ULL << g)))
		g++;
	p->pmp_granule = all ? 4ULL << g : 0;
	for (p->pmp_count = 0; p->pmp_count < PMP_COUNT &&
			       pmpaddr_probe(p->pmp_count);
	     p->pmp_count++)
		;
}

/* How many of mhpmcounter3..18 the hart has, from 3 up: the rest trap
 * in virtual M-mode as on the hart (a SiFive U54 has none). */
#define HPM_PROBE(n)                                                      \
	if (count == (n) - 3) {                                           \
		probe_arm();                                              \
		(void)csr_read(CSR_MHPMCOUNTER3 - 3 + (n));               \
		count += probe_disarm() == 0;                             \
	}
_Static_assert(VHPM_FIRST == 3 && VHPM_COUNT == 16, "HPM_COUNTERS lists them");

static unsigned int hpm_probe(void)
{
	unsigned int count = 0;

	HPM_COUNTERS(HPM_PROBE)
	return count;
}

void probe_hart_facts(struct hart_facts *f)
{
	f->s_mode = has_s_mode();
	f->has_sstc = has_stimecmp();
	f->has_time = has_time();
	f->fp_bytes = (u8)fp_bytes();
	f->hpm_count = (u8)hpm_probe();
}

void probe_hart_alike(u64 hartid)
{
	struct platform mine = { .has_zknh = platform()->has_zknh };

	probe_hart(&mine);
	if (mine.priv_minor != platform()->priv_minor ||
	    mine.has_zbb != platform()->has_zbb ||
	    mine.has_zknh != platform()->has_zknh ||
	    mine.pmp_count != platform()->pmp_count ||
	    mine.pmp_granule != platform()->pmp_granule)
		fatal("hart %lu differs from the boot hart in its privileged "
		      "spec, Zbb, Zknh or PMP: not booting", hartid);
}
