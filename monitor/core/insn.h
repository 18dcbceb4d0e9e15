/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Instruction decoder: raw bits to a struct insn. Pure; knows only the
 * instructions the monitor emulates (system instructions, loads, stores).
 */
#ifndef RAMPART_INSN_H
#define RAMPART_INSN_H

#include "../../include/rampart/types.h"

enum insn_kind {
	INSN_UNKNOWN = 0,
	INSN_CSR,	/* csrrw/csrrs/csrrc and their immediate forms */
	INSN_ECALL,
	INSN_EBREAK,
	INSN_MRET,
	INSN_SRET,
	INSN_WFI,
	INSN_SFENCE_VMA,
	INSN_LOAD,	/* integer or FP load, any width */
	INSN_STORE,	/* integer or FP store, any width */
};

enum csr_op { CSR_OP_RW = 1, CSR_OP_RS = 2, CSR_OP_RC = 3 };

#define CSR_INSN_LEN 4	/* Zicsr has no compressed forms */

struct insn {
	enum insn_kind kind;
	u8 len;		/* 2 (compressed) or 4 bytes */
	u8 rd;		/* destination register (loads, CSR ops) */
	u8 rs1;		/* base register, or CSR source / 5-bit immediate */
	u8 rs2;		/* store source register */
	bool csr_imm;	/* CSR op takes rs1 as a zero-extended immediate */
	enum csr_op csr_op;
	u16 csr;
	s64 imm;	/* load/store address offset */
	u8 width;	/* load/store bytes: 1, 2, 4 or 8 */
	bool is_signed;	/* load sign-extends */
	bool is_fp;	/* rd/rs2 name an FP register */
};

/*
 * The CSR instructions (Zicsr: csrrw/csrrs/csrrc and their immediate
 * forms), the trap path's most frequent case, decoded inline; insn_decode()
 * decodes them through this too. True and @out filled (the fields a CSR
 * instruction has), or false if @raw is not one.
 */
static inline bool insn_decode_csr(u32 raw, struct insn *out)
{
	u32 f3 = (raw >> 12) & 7;

	if ((raw & 0x7f) != 0x73 || !(f3 & 3))
		return false;
	out->kind = INSN_CSR;
	out->len = CSR_INSN_LEN;
	out->rd = (u8)((raw >> 7) & 31);
	out->rs1 = (u8)((raw >> 15) & 31);
	out->csr = (u16)(raw >> 20);
	out->csr_imm = f3 & 4;
	out->csr_op = (enum csr_op)(f3 & 3);
	return true;
}

/* Does a CSR instruction write its CSR? (csrrs/csrrc with x0/0 do not.) */
static inline bool insn_csr_writes(const struct insn *in)
{
	return in->csr_op == CSR_OP_RW || in->rs1 != 0;
}

/*
 * Is @raw an instruction that needs mstatus.FS on (Unpriv. 13-16): an FP
 * load/store (also C.FLD/C.FSD/C.FLDSP/C.FSDSP), an FP operation or fused
 * multiply-add, or a CSR instruction on fflags, frm or fcsr. (The vector
 * loads and stores share the FP opcodes: they answer true too.)
 */
bool insn_is_fp(u32 raw);

/* Length in bytes of the instruction whose low 16 bits are @low: 2 or 4. */
unsigned int insn_length(u16 low);

/*
 * Decode @raw (a 16-bit compressed instruction in its low half, or a 32-bit
 * one). Returns 0 and fills @out, or -RAMPART_EINVAL for anything the
 * monitor does not emulate (@out->kind is then INSN_UNKNOWN).
 */
int insn_decode(u32 raw, struct insn *out);

#endif
