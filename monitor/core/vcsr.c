// SPDX-License-Identifier: BSD-2-Clause
/*
 * Virtual M-mode CSRs. WARL behaviour follows what QEMU 7.2's virt hart
 * does, so that a firmware sees the same values natively and under Rampart
 * (the conformance firmware checks this). Payload-owned S-mode CSRs, mip and
 * the counters are live in the hart and reached through v->ops.
 */
#include "vcsr.h"
#include "../../include/rampart/errno.h"
#include "riscv.h"
#include "vcpu.h"

/*
 * Delegable exceptions as QEMU 7.2 implements them (conformance firmware,
 * native run): all-ones reads back as 0xbbff. QEMU keeps bit 10 (VS ecall)
 * and bit 11 (ecall from M), which the spec makes read-only zero; matching
 * it keeps the firmware's view identical, and neither can take effect
 * below M-mode.
 */
#define MEDELEG_WRITABLE 0xbbffULL
#define MIE_WRITABLE (MIP_M_BITS | MIP_S_BITS)
#define MENVCFG_WRITABLE                                                 \
	(MENVCFG_FIOM | MENVCFG_CBIE | MENVCFG_CBCFE | MENVCFG_CBZE |     \
	 MENVCFG_PBMTE | MENVCFG_STCE)
#define MSTATUS_XL_64 ((2ULL << 32) | (2ULL << 34)) /* UXL = SXL = 64 */
/*
 * What the firmware may change in sstatus. Not FS or VS: the virtual misa
 * has no F, D or V, and turning them on would hand the firmware the
 * payload's FP and vector registers (a hostile-firmware case showed it).
 * They keep the hart's value, as WARL read-only fields.
 */
#define SSTATUS_WRITABLE                                                 \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM |        \
	 MSTATUS_MXR)
#define SATP_MODE_SHIFT 60
#define SATP_ASID_PPN ((1ULL << 60) - 1)

bool vcsr_is_read_only(u16 csr)
{
	return (csr >> 10) == 3;
}

static bool in_range(u16 csr, u16 first, unsigned int count)
{
	return csr >= first && csr < first + count;
}

static u64 mstatus_read(const struct vcpu *v)
{
	u64 s = 0;

	v->ops->csr_read(CSR_SSTATUS, &s);
	return (v->csr.mstatus & VMSTATUS_FIELDS) | (s & SSTATUS_FIELDS) |
	       MSTATUS_XL_64;
}

static void mstatus_write(struct vcpu *v, u64 val)
{
	/* QEMU 7.2 keeps MPP = 2 (reserved) as written; mret treats it as U
	 * (vtrap.c), so it never yields a mode the monitor does not know. */
	u64 cur = 0;

	v->csr.mstatus = val & VMSTATUS_FIELDS;
	v->ops->csr_read(CSR_SSTATUS, &cur);
	v->ops->csr_write(CSR_SSTATUS, (cur & ~SSTATUS_WRITABLE) |
					       (val & SSTATUS_WRITABLE));
}

static bool pmp_is_locked(const struct vcpu *v, unsigned int i)
{
	return i < VPMP_COUNT && (vcsr_pmp_cfg(v, i) & PMP_L);
}

u8 vcsr_pmp_cfg(const struct vcpu *v, unsigned int i)
{
	return (u8)(v->csr.pmpcfg >> (8 * i));
}

/* Priv. 3.7.1: a locked entry ignores writes to its cfg and address, and a
 * locked TOR entry also protects the address of the entry below it. */
static void pmpcfg_write(struct vcpu *v, u64 val)
{
	u64 next = 0;
	unsigned int i;

	for (i = 0; i < VPMP_COUNT; i++) {
		/* QEMU 7.2 keeps the reserved bits 5-6 as written */
		u64 byte = pmp_is_locked(v, i) ? vcsr_pmp_cfg(v, i) :
						 (val >> (8 * i)) & 0xff;

		next |= byte << (8 * i);
	}
	v->csr.pmpcfg = next;
}

static void pmpaddr_write(struct vcpu *v, unsigned int i, u64 val)
{
	bool next_tor_locked = pmp_is_locked(v, i + 1) &&
			       (vcsr_pmp_cfg(v, i + 1) & PMP_A) == PMP_A_TOR;

	/* QEMU 7.2 keeps all 64 bits; the hart's own entry does the same */
	if (!pmp_is_locked(v, i) && !next_tor_locked)
		v->csr.pmpaddr[i] = val;
}

static bool satp_mode_ok(u64 val)
{
	u64 mode = val >> SATP_MODE_SHIFT;

	return mode == 0 || (mode >= 8 && mode <= 10); /* bare, sv39/48/57 */
}

/* CSRs the hart keeps live for the payload: forwarded as they are. */
static bool is_live_csr(u16 csr)
{
	switch (csr) {
	case CSR_SSTATUS:
	case CSR_STVEC:
	case CSR_SCOUNTEREN:
	case CSR_SENVCFG:
	case CSR_SSCRATCH:
	case CSR_SEPC:
	case CSR_SCAUSE:
	case CSR_STVAL:
	case CSR_STIMECMP:
	case CSR_CYCLE:
	case CSR_TIME:
	case CSR_INSTRET:
	case CSR_MCYCLE:
	case CSR_MINSTRET:
		return true;
	default:
		return false;
	}
}

static int pmp_read(const struct vcpu *v, u16 csr, u64 *val)
{
	if (in_range(csr, CSR_PMPADDR0, VPMP_COUNT)) {
		*val = v->csr.pmpaddr[csr - CSR_PMPADDR0];
		return 0;
	}
	if (csr == CSR_PMPCFG0) {
		*val = v->csr.pmpcfg;
		return 0;
	}
	/* The hart has 16 entries: the upper 8 read as hardwired zero.
	 * Odd pmpcfg numbers do not exist on RV64. */
	if (csr == CSR_PMPCFG0 + 2 || in_range(csr, CSR_PMPADDR0 + 8, 8)) {
		*val = 0;
		return 0;
	}
	return -RAMPART_EINVAL;
}

static int hpm_read(const struct vcpu *v, u16 csr, u64 *val)
{
	if (in_range(csr, CSR_MHPMCOUNTER3, VHPM_COUNT))
		*val = v->csr.mhpmcounter[csr - CSR_MHPMCOUNTER3];
	else if (in_range(csr, CSR_HPMCOUNTER3, VHPM_COUNT))
		*val = v->csr.mhpmcounter[csr - CSR_HPMCOUNTER3];
	else if (in_range(csr, CSR_MHPMEVENT3, VHPM_COUNT))
		*val = v->csr.mhpmevent[csr - CSR_MHPMEVENT3];
	else
		return -RAMPART_EINVAL;
	return 0;
}

static int vcsr_read(const struct vcpu *v, u16 csr, u64 *val)
{
	const struct vcsr *c = &v->csr;
	u64 mip = 0;

	if (is_live_csr(csr))
		return v->ops->csr_read(csr, val);
	switch (csr) {
	case CSR_MSTATUS: *val = mstatus_read(v); break;
	case CSR_MISA: *val = c->misa; break;
	case CSR_MEDELEG: *val = c->medeleg; break;
	case CSR_MIDELEG: *val = c->mideleg; break;
	case CSR_MIE: *val = c->mie; break;
	case CSR_SIE: *val = c->mie & c->mideleg; break;
	case CSR_MIP:
	case CSR_SIP:
		v->ops->csr_read(CSR_MIP, &mip);
		*val = csr == CSR_MIP ? mip : mip & c->mideleg;
		break;
	case CSR_MTVEC: *val = c->mtvec; break;
	case CSR_MCOUNTEREN: *val = c->mcounteren; break;
	case CSR_MENVCFG: *val = c->menvcfg; break;
	case CSR_MCOUNTINHIBIT: *val = c->mcountinhibit; break;
	case CSR_MSCRATCH: *val = c->mscratch; break;
	case CSR_MEPC: *val = c->mepc; break;
	case CSR_MCAUSE: *val = c->mcause; break;
	case CSR_MTVAL: *val = c->mtval; break;
	case CSR_SATP: *val = c->satp; break;
	case CSR_MHARTID: *val = c->mhartid; break;
	case CSR_MVENDORID: *val = c->mvendorid; break;
	case CSR_MARCHID: *val = c->marchid; break;
	case CSR_MIMPID: *val = c->mimpid; break;
	case CSR_MCONFIGPTR: *val = 0; break;
	default:
		if (in_range(csr, CSR_PMPCFG0, 64 + 16))
			return pmp_read(v, csr, val);
		return hpm_read(v, csr, val);
	}
	return 0;
}

static void mip_write(struct vcpu *v, u64 val, u64 writable)
{
	v->ops->mip_update(val & writable, ~val & writable);
}

static void hpm_write(struct vcpu *v, u16 csr, u64 val)
{
	if (in_range(csr, CSR_MHPMCOUNTER3, VHPM_COUNT))
		v->csr.mhpmcounter[csr - CSR_MHPMCOUNTER3] = val;
	else if (in_range(csr, CSR_MHPMEVENT3, VHPM_COUNT))
		v->csr.mhpmevent[csr - CSR_MHPMEVENT3] = val;
	else if (csr == CSR_PMPCFG0)
		pmpcfg_write(v, val);
	else if (in_range(csr, CSR_PMPADDR0, VPMP_COUNT))
		pmpaddr_write(v, csr - CSR_PMPADDR0, val);
	/* upper PMP entries and pmpcfg2: hardwired zero, writes ignored */
}

/*
 * Called only for CSRs vcsr_read() knows, so every case exists. @wr_mask
 * matters for mip alone: it is live, and a csrrs/csrrc must not write back
 * bits it did not name (the read value of SEIP includes the external line,
 * Priv. 3.1.9; writing it back would latch the software bit for good).
 */
static void vcsr_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	struct vcsr *c = &v->csr;

	if (csr == CSR_SSTATUS) {
		mstatus_write(v, (v->csr.mstatus & VMSTATUS_FIELDS) |
					 (val & ~VMSTATUS_FIELDS));
		return;
	}
	if (is_live_csr(csr)) {
		/* mcycle/minstret: the firmware does not steer the counters */
		if (csr != CSR_MCYCLE && csr != CSR_MINSTRET)
			v->ops->csr_write(csr, val);
		return;
	}
	switch (csr) {
	case CSR_MSTATUS: mstatus_write(v, val); break;
	case CSR_MEDELEG: c->medeleg = val & MEDELEG_WRITABLE; break;
	case CSR_MIDELEG: c->mideleg = val & MIP_S_BITS; break;
	case CSR_MIE: c->mie = val & MIE_WRITABLE; break;
	case CSR_SIE:
		c->mie = (c->mie & ~(c->mideleg & MIP_S_BITS)) |
			 (val & c->mideleg & MIP_S_BITS);
		break;
	case CSR_MIP: mip_write(v, val, MIP_S_BITS & wr_mask); break;
	case CSR_SIP: mip_write(v, val, MIP_SSIP & c->mideleg & wr_mask); break;
	case CSR_MTVEC:
		if ((val & 3) < 2) /* modes 2 and 3 are reserved: ignored */
			c->mtvec = val;
		break;
	case CSR_MCOUNTEREN: c->mcounteren = val; break; /* QEMU: 64 bits */
	case CSR_MENVCFG: c->menvcfg = val & MENVCFG_WRITABLE; break;
	case CSR_MCOUNTINHIBIT: c->mcountinhibit = val & 0xfffffffdULL; break;
	case CSR_MSCRATCH: c->mscratch = val; break;
	case CSR_MEPC: c->mepc = val; break; /* QEMU keeps bit 0; mret drops it */
	case CSR_MCAUSE: c->mcause = val; break;
	case CSR_MTVAL: c->mtval = val; break;
	case CSR_SATP:
		if (satp_mode_ok(val))
			c->satp = val;
		break;
	case CSR_MISA: break; /* misa is not writable on this hart */
	default: hpm_write(v, csr, val); break;
	}
}

int vcsr_access(struct vcpu *v, u16 csr, u64 new_val, u64 wr_mask, u64 *old)
{
	u64 cur;
	int rc;

	if (wr_mask && vcsr_is_read_only(csr))
		return -RAMPART_EINVAL;
	rc = vcsr_read(v, csr, &cur);
	if (rc)
		return rc;
	if (wr_mask)
		vcsr_write(v, csr, (cur & ~wr_mask) | (new_val & wr_mask),
			   wr_mask);
	*old = cur;
	return 0;
}
