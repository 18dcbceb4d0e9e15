// SPDX-License-Identifier: BSD-2-Clause
/*
 * Memory accesses with another mode's privilege and translation
 * (mstatus.MPRV, Priv. spec 3.1.6.3). MPRV is set and cleared around one
 * load or store (4-byte encodings) in a single asm block, so no other
 * monitor access runs translated; a fault is caught by an armed probe (trap.c), which
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

/* One access of @width bytes by ACCESS, with the instruction for each
 * width (the last for 8). */
#define MPRV_WIDTH(ACCESS, i1, i2, i4, i8)                                  \
	switch (width) {                                                    \
	case 1: ACCESS(i1); break;                                          \
	case 2: ACCESS(i2); break;                                          \
	case 4: ACCESS(i4); break;                                          \
	default: ACCESS(i8); break;                                         \
	}

/* MPP set to @mode (MPRV still clear) and a fault expected. */
static void mprv_begin(u64 mode)
{
	u64 st = csr_read(CSR_MSTATUS);

	st &= ~(MSTATUS_MPP | MSTATUS_MPRV);
	csr_write(CSR_MSTATUS, st | (mode << MSTATUS_MPP_SHIFT));
	probe_arm();
}

u64 hw_mprv_load(u64 mode, u64 addr, unsigned int width, u64 *val)
{
	u64 v = 0;

	mprv_begin(mode);
	MPRV_WIDTH(MPRV_LOAD, "lbu", "lhu", "lwu", "ld");
	*val = v;
	return probe_disarm();
}

u64 hw_mprv_store(u64 mode, u64 addr, unsigned int width, u64 val)
{
	mprv_begin(mode);
	MPRV_WIDTH(MPRV_STORE, "sb", "sh", "sw", "sd");
	return probe_disarm();
}
