// SPDX-License-Identifier: BSD-2-Clause
/*
 * The live CSRs the virtual M-mode model reaches (struct vcpu_ops): the
 * payload's S-mode CSRs, mip and the counters. csr instructions take the
 * CSR number as an immediate, hence one case per CSR.
 */
#include "hw.h"
#include "../core/vcpu.h"
#include "csr.h"
#include "platform.h"
#include "../core/hart.h"
#include "ipi.h"
#include "probe.h"
#include "../../include/rampart/errno.h"

/* The payload's S-mode CSRs, read and written as they are. */
#define PLAIN_S_CSRS(X)                                                    \
	X(CSR_SSTATUS) X(CSR_STVEC) X(CSR_SCOUNTEREN) X(CSR_SENVCFG)       \
	X(CSR_SSCRATCH) X(CSR_SEPC) X(CSR_SCAUSE) X(CSR_STVAL)
#define WRITE_CASE(c) case c: csr_write(c, val); break;
/* The hpm counters (csr.h): read through mhpmcounterN for both names, as
 * mcycle is for cycle. */
#define HPM_READ(n)                                                       \
	case CSR_MHPMCOUNTER3 - 3 + (n):                                  \
	case CSR_HPMCOUNTER3 - 3 + (n):                                   \
		if ((n) - 3 >= hw_facts()->hpm_count)                     \
			return -RAMPART_EINVAL;                           \
		*val = csr_read(CSR_MHPMCOUNTER3 - 3 + (n));              \
		break;
#define HPM_WRITE(n)                                                      \
	case CSR_MHPMCOUNTER3 - 3 + (n):                                  \
		if ((n) - 3 >= hw_facts()->hpm_count)                     \
			return -RAMPART_EINVAL;                           \
		csr_write(CSR_MHPMCOUNTER3 - 3 + (n), val);               \
		break;
/* On a hart without S-mode (hw.h) they do not exist: the access fails
 * (and mstatus shows its S fields as zero, core/vcsr.c). */
#define S_READ_CASE(c)                     \
	case c:                            \
		if (!hw_hart_has_s_mode()) \
			return -RAMPART_EINVAL; \
		*val = csr_read(c);        \
		break;
#define S_WRITE_CASE(c)                    \
	case c:                            \
		if (!hw_hart_has_s_mode()) \
			return -RAMPART_EINVAL; \
		csr_write(c, val);         \
		break;

static int live_read(u16 csr, u64 *val)
{
	switch (csr) {
	PLAIN_S_CSRS(S_READ_CASE)
	case CSR_MIP: *val = ipi_mip((unsigned int)csr_read(CSR_MHARTID)); break;
	case CSR_TIME:
		/* the bare hart traps too: its firmware emulates it */
		if (!hw_facts()->has_time)
			return -RAMPART_EINVAL;
		*val = csr_read(CSR_TIME);
		break;
	case CSR_CYCLE:
	case CSR_MCYCLE: *val = csr_read(CSR_MCYCLE); break;
	case CSR_INSTRET:
	case CSR_MINSTRET: *val = csr_read(CSR_MINSTRET); break;
	HPM_COUNTERS(HPM_READ)
	case CSR_STIMECMP:
		if (!hw_facts()->has_sstc)
			return -RAMPART_EINVAL;
		*val = csr_read(CSR_STIMECMP);
		break;
	default:
		return -RAMPART_EINVAL;
	}
	return 0;
}

static int live_write(u16 csr, u64 val)
{
	switch (csr) {
	PLAIN_S_CSRS(S_WRITE_CASE)
	WRITE_CASE(CSR_MCYCLE)
	WRITE_CASE(CSR_MINSTRET)
	WRITE_CASE(CSR_MCOUNTINHIBIT) /* only on 1.11 on: vcsr_init */
	HPM_COUNTERS(HPM_WRITE)
	case CSR_STIMECMP:
		if (!hw_facts()->has_sstc)
			return -RAMPART_EINVAL;
		csr_write(CSR_STIMECMP, val);
		break;
	default:
		return -RAMPART_EINVAL;
	}
	return 0;
}

static void mip_update(u64 set, u64 clear)
{
	csr_set(CSR_MIP, set);
	csr_clear(CSR_MIP, clear);
}

const struct vcpu_ops hw_vcpu_ops = {
	.csr_read = live_read,
	.csr_write = live_write,
	.mip_update = mip_update,
};
