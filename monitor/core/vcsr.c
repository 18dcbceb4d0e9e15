// SPDX-License-Identifier: BSD-2-Clause
/*
 * Virtual M-mode CSRs, as a table of CSR ranges and their handlers (as
 * KVM describes its system registers). WARL behaviour follows what QEMU
 * 7.2's virt hart does, so that a firmware sees the same values natively
 * and under Rampart (the conformance firmware checks this). Payload-owned
 * S-mode CSRs, mip and the counters are live in the hart and reached
 * through v->ops.
 */
#include "vcsr.h"
#include "../../include/rampart/errno.h"
#include "riscv.h"
#include "vcpu.h"
#include <stddef.h>

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
/* CY, IR and the 29 hpm counters; TM is read-only 0 (Priv. 3.1.12) */
#define MCOUNTINHIBIT_WRITABLE 0xfffffffdULL
#define SATP_MODE_SHIFT 60
#define SATP_ASID_PPN ((1ULL << 60) - 1)

bool vcsr_is_read_only(u16 csr)
{
	return (csr >> 10) == 3;
}

/* CSRs [first, first + count), handled alike. A NULL @read reads the field
 * at @field in struct vcsr (one u64 per CSR); a NULL @write writes the
 * field's @writable bits (none: writes ignored, WARL read-only). */
struct csr_desc {
	u16 first, count;
	u16 field;
	u64 writable;
	int (*read)(const struct vcpu *v, u16 csr, u64 *val);
	void (*write)(struct vcpu *v, u16 csr, u64 val, u64 wr_mask);
};

static u64 *field_of(const struct vcpu *v, const struct csr_desc *d, u16 csr)
{
	return (u64 *)((uintptr_t)&v->csr + d->field) + (csr - d->first);
}

static int zero_read(const struct vcpu *v, u16 csr, u64 *val)
{
	(void)v, (void)csr;
	*val = 0;
	return 0;
}

/* Live in the hart: the payload's S-mode CSRs and the counters. */
static int hart_csr_read(const struct vcpu *v, u16 csr, u64 *val)
{
	return v->ops->csr_read(csr, val);
}

static void hart_csr_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	(void)wr_mask;
	v->ops->csr_write(csr, val);
}

/* FS is writable when the hart has F or D (Priv. 3.1.6.6). */
static u64 fs_writable(const struct vcpu *v)
{
	return vcpu_has_fpu(v) ? MSTATUS_FS : 0;
}

/* The firmware's FS: the hart's while its FP registers are live there (the
 * hart turns it Dirty), else the virtual one. SD sums it up (3.1.6.6).
 * entry.S (mstatus_view) composes the same for the firmware's reads. */
static int mstatus_read(const struct vcpu *v, u16 csr, u64 *val)
{
	u64 s = 0, fs;

	(void)csr;
	v->ops->csr_read(CSR_SSTATUS, &s);
	if (!vcpu_has_s_mode(v))
		s = v->csr.mstatus; /* no sstatus: its fields are kept here */
	fs = (v->fp_live ? s : v->csr.mstatus) & MSTATUS_FS;
	*val = (v->csr.mstatus & VMSTATUS_FIELDS) | (s & MSTATUS_S_VIEW) | fs |
	       (fs == MSTATUS_FS ? MSTATUS_SD : 0) | MSTATUS_XL_64;
	return 0;
}

static int sstatus_read(const struct vcpu *v, u16 csr, u64 *val)
{
	mstatus_read(v, csr, val);
	*val &= SSTATUS_FIELDS;
	return 0;
}

static void mstatus_set(struct vcpu *v, u64 val)
{
	/* QEMU 7.2 keeps MPP = 2 (reserved) as written; mret treats it as U
	 * (vtrap.c), so it never yields a mode the monitor does not know. */
	u64 cur = 0;
	u64 to_hart = SSTATUS_WRITABLE | (v->fp_live ? MSTATUS_FS : 0);

	/* Without S-mode QEMU 7.2 still keeps mstatus's S fields as written
	 * (the spec would have them read-only zero): so does the virtual
	 * hart, in its own mstatus. */
	v->csr.mstatus = val & (VMSTATUS_FIELDS | fs_writable(v) |
				(vcpu_has_s_mode(v) ? 0 : SSTATUS_WRITABLE));
	v->ops->csr_read(CSR_SSTATUS, &cur);
	v->ops->csr_write(CSR_SSTATUS, (cur & ~to_hart) | (val & to_hart));
}

static void mstatus_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	(void)csr, (void)wr_mask;
	mstatus_set(v, val);
}

/* sstatus is mstatus seen from S: the M-mode fields stay. */
static void sstatus_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	(void)csr, (void)wr_mask;
	mstatus_set(v, (v->csr.mstatus & VMSTATUS_FIELDS) |
			       (val & ~VMSTATUS_FIELDS));
}

static int sie_read(const struct vcpu *v, u16 csr, u64 *val)
{
	(void)csr;
	*val = v->csr.mie & v->csr.mideleg;
	return 0;
}

static void sie_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	u64 s = v->csr.mideleg & MIP_S_BITS;

	(void)csr, (void)wr_mask;
	v->csr.mie = (v->csr.mie & ~s) | (val & s);
}

/* mip (and sip, its delegated part) is live. A csrrs/csrrc must not write
 * back bits it did not name (@wr_mask): the read value of SEIP includes
 * the external line (Priv. 3.1.9); writing it back would latch the
 * software bit for good. */
static int mip_read(const struct vcpu *v, u16 csr, u64 *val)
{
	u64 mip = 0;

	v->ops->csr_read(CSR_MIP, &mip);
	*val = csr == CSR_MIP ? mip : mip & v->csr.mideleg;
	return 0;
}

static void mip_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	u64 writable = csr == CSR_MIP ? MIP_S_BITS :
					MIP_SSIP & v->csr.mideleg;

	writable &= wr_mask;
	v->ops->mip_update(val & writable, ~val & writable);
}

/* The counter inhibit bits are the hart's too: natively they stop the
 * counters the payload reads (Priv. 3.1.12). */
static void mcountinhibit_write(struct vcpu *v, u16 csr, u64 val,
				u64 wr_mask)
{
	(void)wr_mask;
	v->csr.mcountinhibit = val & MCOUNTINHIBIT_WRITABLE;
	v->ops->csr_write(csr, v->csr.mcountinhibit);
}

static void mtvec_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	(void)csr, (void)wr_mask;
	if ((val & 3) < 2) /* modes 2 and 3 are reserved: ignored */
		v->csr.mtvec = val;
}

static void satp_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	u64 mode = val >> SATP_MODE_SHIFT;

	(void)csr, (void)wr_mask;
	if (mode == 0 || (mode >= 8 && mode <= 10)) /* bare, sv39/48/57 */
		v->csr.satp = val;
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
static void pmpcfg_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	u64 next = 0;
	unsigned int i;

	(void)csr, (void)wr_mask;
	for (i = 0; i < VPMP_COUNT; i++) {
		/* QEMU 7.2 keeps the reserved bits 5-6 as written */
		u64 byte = pmp_is_locked(v, i) ? vcsr_pmp_cfg(v, i) :
						 (val >> (8 * i)) & 0xff;

		next |= byte << (8 * i);
	}
	v->csr.pmpcfg = next;
	v->pmp_dirty = true;
}

static void pmpaddr_write(struct vcpu *v, u16 csr, u64 val, u64 wr_mask)
{
	unsigned int i = csr - CSR_PMPADDR0;
	bool next_tor_locked = pmp_is_locked(v, i + 1) &&
			       (vcsr_pmp_cfg(v, i + 1) & PMP_A) == PMP_A_TOR;

	(void)wr_mask;
	v->pmp_dirty = true;
	/* QEMU 7.2 keeps all 64 bits; the hart's own entry does the same */
	if (!pmp_is_locked(v, i) && !next_tor_locked)
		v->csr.pmpaddr[i] = val;
}

#define AT(name) offsetof(struct vcsr, name)
#define FIELD(csr, n, name, writable) { csr, n, AT(name), writable, NULL, NULL }
#define READ_ONLY(csr, n, name) { csr, n, AT(name), 0, NULL, NULL }
#define ZERO(csr, n) { csr, n, 0, 0, zero_read, NULL }
#define LIVE(csr) { csr, 1, 0, 0, hart_csr_read, hart_csr_write }
#define CUSTOM(csr, read, write) { csr, 1, 0, 0, read, write }

/* Every CSR virtual M-mode has. */
static const struct csr_desc csrs[] = {
	CUSTOM(CSR_MSTATUS, mstatus_read, mstatus_write),
	FIELD(CSR_MSCRATCH, 1, mscratch, ~0ULL),
	FIELD(CSR_MEPC, 1, mepc, ~0ULL), /* QEMU keeps bit 0; mret drops it */
	FIELD(CSR_MCAUSE, 1, mcause, ~0ULL),
	FIELD(CSR_MTVAL, 1, mtval, ~0ULL),
	CUSTOM(CSR_MIP, mip_read, mip_write),
	FIELD(CSR_MIE, 1, mie, MIE_WRITABLE),
	FIELD(CSR_MEDELEG, 1, medeleg, MEDELEG_WRITABLE),
	FIELD(CSR_MIDELEG, 1, mideleg, MIP_S_BITS),
	{ CSR_MTVEC, 1, AT(mtvec), 0, NULL, mtvec_write },
	FIELD(CSR_MCOUNTEREN, 1, mcounteren, ~0ULL), /* QEMU: 64 bits */
	FIELD(CSR_MENVCFG, 1, menvcfg, MENVCFG_WRITABLE),
	{ CSR_MCOUNTINHIBIT, 1, AT(mcountinhibit), 0, NULL,
	  mcountinhibit_write },
	{ CSR_SATP, 1, AT(satp), 0, NULL, satp_write },
	READ_ONLY(CSR_MISA, 1, misa), /* not writable on this hart */
	CUSTOM(CSR_SIE, sie_read, sie_write),
	CUSTOM(CSR_SIP, mip_read, mip_write),
	{ CSR_SSTATUS, 1, 0, 0, sstatus_read, sstatus_write },
	LIVE(CSR_STVEC),
	LIVE(CSR_SCOUNTEREN),
	LIVE(CSR_SENVCFG),
	LIVE(CSR_SSCRATCH),
	LIVE(CSR_SEPC),
	LIVE(CSR_SCAUSE),
	LIVE(CSR_STVAL),
	LIVE(CSR_STIMECMP), /* only with Sstc: v->ops says */
	LIVE(CSR_CYCLE),
	LIVE(CSR_TIME),
	LIVE(CSR_INSTRET),
	/* The counters are the hart's: what the firmware writes, the
	 * payload reads (natively one counter, Priv. 3.1.11). The event
	 * selectors stay virtual: an event the hart counted could raise an
	 * overflow interrupt (Sscofpmf) only M-mode handles. */
	LIVE(CSR_MCYCLE),
	LIVE(CSR_MINSTRET),
	{ CSR_MHPMCOUNTER3, VHPM_COUNT, 0, 0, hart_csr_read, hart_csr_write },
	{ CSR_HPMCOUNTER3, VHPM_COUNT, 0, 0, hart_csr_read, NULL },
	FIELD(CSR_MHPMEVENT3, VHPM_COUNT, mhpmevent, ~0ULL),
	{ CSR_PMPCFG0, 1, AT(pmpcfg), 0, NULL, pmpcfg_write },
	{ CSR_PMPADDR0, VPMP_COUNT, AT(pmpaddr), 0, NULL, pmpaddr_write },
	/* The hart has 16 entries: the upper 8 read as hardwired zero.
	 * Odd pmpcfg numbers do not exist on RV64. */
	ZERO(CSR_PMPCFG0 + 2, 1),
	ZERO(CSR_PMPADDR0 + VPMP_COUNT, 16 - VPMP_COUNT),
	READ_ONLY(CSR_MHARTID, 1, mhartid),
	READ_ONLY(CSR_MVENDORID, 1, mvendorid),
	READ_ONLY(CSR_MARCHID, 1, marchid),
	READ_ONLY(CSR_MIMPID, 1, mimpid),
	ZERO(CSR_MCONFIGPTR, 1),
};

/* CSRs a hart has only from a privileged spec version on (1.1x: x);
 * before it, the bare hart raises an illegal instruction for them. */
static const struct {
	u16 csr;
	u8 since;
} introduced[] = {
	{ CSR_MCOUNTINHIBIT, 11 },
	{ CSR_MENVCFG, 12 },
	{ CSR_SENVCFG, 12 },
	{ CSR_MCONFIGPTR, 12 },
};

/* CSR number -> 1 + its csrs[] entry (0: none), built from the table once
 * (vcsr_init): a lookup costs one load, as a switch would. */
static u8 slot[4096];

void vcsr_init(unsigned int priv_minor)
{
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(csrs); i++)
		for (n = 0; n < csrs[i].count; n++)
			slot[csrs[i].first + n] = (u8)(i + 1);
	for (i = 0; i < ARRAY_SIZE(introduced); i++)
		if (priv_minor < introduced[i].since)
			slot[introduced[i].csr] = 0;
}

static const struct csr_desc *find(u16 csr)
{
	csr &= 0xfff;
	return slot[csr] ? &csrs[slot[csr] - 1] : NULL;
}

int vcsr_access(struct vcpu *v, u16 csr, u64 new_val, u64 wr_mask, u64 *old)
{
	const struct csr_desc *d = find(csr);
	u64 cur, val;

	if (!d || (wr_mask && vcsr_is_read_only(csr)))
		return -RAMPART_EINVAL;
	/* S-mode CSRs (bits 9:8 = 01, Priv. 2.1) need a hart with S-mode */
	if (((csr >> 8) & 3) == 1 && !vcpu_has_s_mode(v))
		return -RAMPART_EINVAL;
	if (!d->read)
		cur = *field_of(v, d, csr);
	else if (d->read(v, csr, &cur))
		return -RAMPART_EINVAL;
	*old = cur;
	if (!wr_mask)
		return 0;
	val = (cur & ~wr_mask) | (new_val & wr_mask);
	if (d->write)
		d->write(v, csr, val, wr_mask);
	else if (d->writable)
		*field_of(v, d, csr) = val & d->writable;
	return 0;
}
