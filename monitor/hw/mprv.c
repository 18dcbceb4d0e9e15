// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory accesses with another mode's privilege and translation
 * (mstatus.MPRV, Priv. spec 3.1.6.3). MPRV is set and cleared around one
 * 4-byte load or store in a single asm block, so no other monitor access
 * runs translated; a fault is caught by an armed probe (trap.c), which
 * skips the instruction.
 */
#include "hw.h"
#include "probe.h"
#include "csr.h"

#define MPRV_ASM(insn)                                                      \
	".option push\n.option norvc\ncsrs mstatus, %[mprv]\n" insn        \
	" %[v], 0(%[a])\ncsrc mstatus, %[mprv]\n.option pop\n"

#define MPRV_LOAD(insn)                                                     \
	__asm__ volatile(MPRV_ASM(insn) : [v] "=&r"(v)                        \
			 : [a] "r"(addr), [mprv] "r"(MSTATUS_MPRV) : "memory")

#define MPRV_STORE(insn)                                                    \
	__asm__ volatile(MPRV_ASM(insn) : : [v] "r"(val), [a] "r"(addr),     \
			 [mprv] "r"(MSTATUS_MPRV) : "memory")

static void set_mpp(u64 mode)
{
	u64 st = csr_read(CSR_MSTATUS);

	st &= ~(MSTATUS_MPP | MSTATUS_MPRV);
	csr_write(CSR_MSTATUS, st | (mode << MSTATUS_MPP_SHIFT));
}

u64 hw_mprv_load(u64 mode, u64 addr, unsigned int width, u64 *val)
{
	u64 v = 0;

	set_mpp(mode);
	probe_arm();
	switch (width) {
	case 1: MPRV_LOAD("lbu"); break;
	case 2: MPRV_LOAD("lhu"); break;
	case 4: MPRV_LOAD("lwu"); break;
	default: MPRV_LOAD("ld"); break;
	}
	*val = v;
	return probe_disarm();
}

u64 hw_mprv_store(u64 mode, u64 addr, unsigned int width, u64 val)
{
	set_mpp(mode);
	probe_arm();
	switch (width) {
	case 1: MPRV_STORE("sb"); break;
	case 2: MPRV_STORE("sh"); break;
	case 4: MPRV_STORE("sw"); break;
	default: MPRV_STORE("sd"); break;
	}
	return probe_disarm();
}
