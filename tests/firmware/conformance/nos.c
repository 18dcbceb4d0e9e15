// SPDX-License-Identifier: BSD-2-Clause
/*
 * A hart without S-mode (misa.S clear: the E51 of QEMU sifive_u, run here
 * as `-cpu sifive-e51` on virt). It has no S-mode CSR: each access from M
 * is an illegal instruction on the bare hart, and must be under Rampart
 * too, not a write that vanishes. fw_main runs only these groups on such
 * a hart: the others need S-mode.
 */
#include "check.h"

#define MISA_S BIT('S' - 'A')

bool hart_has_s_mode(void)
{
	return csr_read(misa) & MISA_S;
}

/* Read and write of each S-mode CSR (the write of a value the CSR would
 * keep: a trap, or the value read back). */
#define NOS_CSR(name)                                                  \
	do {                                                           \
		CHECK_TRAP("nos." #name ".read", "csrr t0, " #name);   \
		CHECK_TRAP_ARG("nos." #name ".write",                  \
			       "csrw " #name ", t1", 0x2);             \
	} while (0)

void test_no_s(void)
{
	chk_yn("nos.misa.s", hart_has_s_mode());
	NOS_CSR(sstatus);
	NOS_CSR(sie);
	NOS_CSR(stvec);
	NOS_CSR(scounteren);
	NOS_CSR(sscratch);
	NOS_CSR(sepc);
	NOS_CSR(scause);
	NOS_CSR(stval);
	NOS_CSR(sip);
	NOS_CSR(satp);
	/* mstatus's S fields (SIE, SPIE, SPP, SUM, MXR): QEMU 7.2 keeps
	 * them as written without S-mode; the firmware sees the hart's. */
	{
		u64 s_fields = BIT(1) | BIT(5) | BIT(8) | BIT(18) | BIT(19);
		u64 old = csr_read(mstatus);

		csr_set(mstatus, s_fields);
		chk_hex("nos.mstatus.s-fields", csr_read(mstatus) & s_fields);
		csr_write(mstatus, old);
		chk_hex("nos.mstatus.s-fields.back",
			csr_read(mstatus) & s_fields);
	}
	CHECK_TRAP("nos.sfence.vma", "sfence.vma\n\tsfence.vma t1, x0");
	CHECK_TRAP("nos.sret", "sret");
}
