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
#include "../core/platform.h"
#include "ipi.h"
#include "../../include/rampart/errno.h"

static int live_read(u16 csr, u64 *val)
{
	switch (csr) {
	case CSR_SSTATUS: *val = csr_read(CSR_SSTATUS); break;
	case CSR_STVEC: *val = csr_read(CSR_STVEC); break;
	case CSR_SCOUNTEREN: *val = csr_read(CSR_SCOUNTEREN); break;
	case CSR_SENVCFG: *val = csr_read(CSR_SENVCFG); break;
	case CSR_SSCRATCH: *val = csr_read(CSR_SSCRATCH); break;
	case CSR_SEPC: *val = csr_read(CSR_SEPC); break;
	case CSR_SCAUSE: *val = csr_read(CSR_SCAUSE); break;
	case CSR_STVAL: *val = csr_read(CSR_STVAL); break;
	case CSR_MIP: *val = ipi_mip((unsigned int)csr_read(CSR_MHARTID)); break;
	case CSR_TIME: *val = csr_read(CSR_TIME); break;
	case CSR_CYCLE:
	case CSR_MCYCLE: *val = csr_read(CSR_MCYCLE); break;
	case CSR_INSTRET:
	case CSR_MINSTRET: *val = csr_read(CSR_MINSTRET); break;
	case CSR_STIMECMP:
		if (!platform->has_sstc)
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
	case CSR_SSTATUS: csr_write(CSR_SSTATUS, val); break;
	case CSR_STVEC: csr_write(CSR_STVEC, val); break;
	case CSR_SCOUNTEREN: csr_write(CSR_SCOUNTEREN, val); break;
	case CSR_SENVCFG: csr_write(CSR_SENVCFG, val); break;
	case CSR_SSCRATCH: csr_write(CSR_SSCRATCH, val); break;
	case CSR_SEPC: csr_write(CSR_SEPC, val); break;
	case CSR_SCAUSE: csr_write(CSR_SCAUSE, val); break;
	case CSR_STVAL: csr_write(CSR_STVAL, val); break;
	case CSR_STIMECMP:
		if (!platform->has_sstc)
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
