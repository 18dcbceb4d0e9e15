// SPDX-License-Identifier: BSD-2-Clause
/*
 * The FPU between the two worlds, switched lazily. The payload's FP
 * registers stay in the hart while the firmware runs, with the hart's
 * FS (and VS) off, so the firmware's first FP instruction traps
 * (core/emulate.c: EMUL_FP_LOAD). Only then are the payload's registers
 * saved and the firmware's loaded; on the way back to the payload they are
 * swapped again. A firmware that never uses FP costs one csrrc on entry
 * and one csrs on exit: the payload's FS/VS, put aside and back.
 */
#include "hw.h"
#include "csr.h"
#include "../core/hart.h"
#include "../core/vcpu.h"

#define FP_ARCH ".option push\n\t.option arch, +d\n\t"
#define FP_REGS ".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18," \
		"19,20,21,22,23,24,25,26,27,28,29,30,31\n\t"

/*
 * Swap the hart's FP registers and fcsr with @r (the hart's FS must be on):
 * one save area serves both worlds, as only one world's registers are ever
 * out of the hart. Width from the probe (F only: the low 32 bits).
 */
static void fp_swap(struct fp_regs *r, unsigned int bytes)
{
	u64 t;

	if (bytes == 8)
		__asm__ volatile(FP_ARCH FP_REGS "ld %0, \\n*8(%1)\n\t"
				 "fsd f\\n, \\n*8(%1)\n\t"
				 "fmv.d.x f\\n, %0\n\t"
				 ".endr\n\t.option pop"
				 : "=&r"(t) : "r"(r->f) : "memory");
	else
		__asm__ volatile(FP_ARCH FP_REGS "ld %0, \\n*8(%1)\n\t"
				 "fsw f\\n, \\n*8(%1)\n\t"
				 "fmv.w.x f\\n, %0\n\t"
				 ".endr\n\t.option pop"
				 : "=&r"(t) : "r"(r->f) : "memory");
	__asm__ volatile("csrrw %0, 0x003, %0" : "+r"(r->fcsr) : : "memory");
}

void hw_fpu_enter_firmware(struct vcpu *v)
{
	u64 fsvs = MSTATUS_FS | MSTATUS_VS, old;

	__asm__ volatile("csrrc %0, sstatus, %1" : "=r"(old) : "r"(fsvs));
	hart_of(v)->payload_fsvs = old & fsvs;
}

/* The firmware's first FP instruction since it last entered: swap. */
void hw_fpu_firmware_load(struct vcpu *v)
{
	struct hart *h = hart_of(v);

	if (!h->facts.fp_bytes) /* misa says F/D, the hart does not */
		return;
	csr_set(CSR_SSTATUS, MSTATUS_FS);
	fp_swap(&h->fp_other, h->facts.fp_bytes);
	/* from here the hart keeps the firmware's FS (Dirty on a write) */
	csr_clear(CSR_SSTATUS, MSTATUS_FS & ~v->csr.mstatus);
	v->fp_live = true;
}

static void __attribute__((cold, noinline)) firmware_unload(struct vcpu *v)
{
	struct hart *h = hart_of(v);
	u64 fs = csr_read(CSR_SSTATUS) & MSTATUS_FS;

	csr_set(CSR_SSTATUS, MSTATUS_FS);
	fp_swap(&h->fp_other, h->facts.fp_bytes);
	csr_clear(CSR_SSTATUS, MSTATUS_FS);
	v->csr.mstatus = (v->csr.mstatus & ~MSTATUS_FS) | fs;
	v->fp_live = false;
}

void hw_fpu_enter_payload(struct vcpu *v)
{
	if (v->fp_live)
		firmware_unload(v);
	/* the hart's FS/VS are off here: the firmware cannot set them */
	if (hart_of(v)->payload_fsvs)
		csr_set(CSR_SSTATUS, hart_of(v)->payload_fsvs);
}
