/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake hart behind struct vcpu_ops for host tests: the live CSRs (S-mode,
 * mip, counters) are an array, a CSR exists only while fake_hart.present[]
 * says so, and every access is counted. Header-only (static inline), so a
 * test needs no extra source in its HOST_TEST_SRCS line. The ops take no
 * context pointer, so the fake is one per test binary.
 */
#ifndef RAMPART_TESTS_FAKE_HART_H
#define RAMPART_TESTS_FAKE_HART_H

#include <string.h>

#include "../../include/rampart/errno.h"
#include "monitor/core/riscv.h"
#include "monitor/core/vcpu.h"

#define FAKE_CSR_COUNT 4096

struct fake_hart {
	u64 csr[FAKE_CSR_COUNT];
	bool present[FAKE_CSR_COUNT];
	unsigned int reads, writes;
	u16 last_write; /* CSR number of the last write */
	u64 seip_line;	/* the PLIC's S external line: read as SEIP, not stored */
};

static struct fake_hart fake_hart;

static inline int fake_csr_read(u16 csr, u64 *val)
{
	if (csr >= FAKE_CSR_COUNT || !fake_hart.present[csr])
		return -RAMPART_EINVAL;
	fake_hart.reads++;
	*val = fake_hart.csr[csr];
	if (csr == CSR_MIP)
		*val |= fake_hart.seip_line;
	/* hpmcounterN reads mhpmcounterN, as on the hart */
	if (csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER31)
		*val = fake_hart.csr[csr - CSR_HPMCOUNTER3 + CSR_MHPMCOUNTER3];
	return 0;
}

static inline int fake_csr_write(u16 csr, u64 val)
{
	if (csr >= FAKE_CSR_COUNT || !fake_hart.present[csr])
		return -RAMPART_EINVAL;
	fake_hart.writes++;
	fake_hart.last_write = csr;
	fake_hart.csr[csr] = val;
	return 0;
}

/* The hart's csrs/csrc on mip: only the named bits change. */
static inline void fake_mip_update(u64 set, u64 clear)
{
	fake_hart.writes++;
	fake_hart.last_write = CSR_MIP;
	fake_hart.csr[CSR_MIP] = (fake_hart.csr[CSR_MIP] | set) & ~clear;
}

static inline const struct vcpu_ops *fake_hart_ops(void)
{
	static const struct vcpu_ops ops = {
		.csr_read = fake_csr_read,
		.csr_write = fake_csr_write,
		.mip_update = fake_mip_update,
	};

	return &ops;
}

/* All CSRs zero; the live ones a QEMU virt hart with Sstc has exist. */
static inline void fake_hart_reset(void)
{
	static const u16 live[] = {
		CSR_SSTATUS,  CSR_STVEC,  CSR_SCOUNTEREN, CSR_SENVCFG,
		CSR_SSCRATCH, CSR_SEPC,	  CSR_SCAUSE,	  CSR_STVAL,
		CSR_STIMECMP, CSR_MIP,	  CSR_CYCLE,	  CSR_TIME,
		CSR_INSTRET,  CSR_MCYCLE, CSR_MINSTRET,
	};
	size_t i;

	memset(&fake_hart, 0, sizeof(fake_hart));
	for (i = 0; i < ARRAY_SIZE(live); i++)
		fake_hart.present[live[i]] = true;
	fake_hart.present[CSR_MCOUNTINHIBIT] = true;
	for (i = 0; i < 16; i++) { /* QEMU virt: hpm counters 3..18 */
		fake_hart.present[CSR_MHPMCOUNTER3 + i] = true;
		fake_hart.present[CSR_HPMCOUNTER3 + i] = true;
	}
}

/* A zeroed vcpu reset as hart @hartid of an rv64imafdch hart, on the fake. */
static inline void fake_vcpu_init(struct vcpu *v, u64 hartid)
{
	u64 misa = (2ULL << 62) | MISA_EXT('I') | MISA_EXT('M') |
		   MISA_EXT('A') | MISA_EXT('F') | MISA_EXT('D') |
		   MISA_EXT('C') | MISA_EXT('H') | MISA_EXT('S') |
		   MISA_EXT('U');

	fake_hart_reset();
	memset(v, 0, sizeof(*v));
	vcpu_reset(v, hartid, misa, fake_hart_ops());
	v->priv_minor = 12;
}

#endif
