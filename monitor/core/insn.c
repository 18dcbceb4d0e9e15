// SPDX-License-Identifier: BSD-2-Clause
/*
 * Decoder for the instructions the monitor emulates. Encodings from the
 * RISC-V Unprivileged spec chapters 2, 16 (C extension) and 24 (opcode map).
 */
#include "insn.h"
#include "../../include/rampart/errno.h"

#define OPC_LOAD 0x03
#define OPC_LOAD_FP 0x07
#define OPC_STORE 0x23
#define OPC_STORE_FP 0x27
#define OPC_SYSTEM 0x73

#define RAW_ECALL 0x00000073u
#define RAW_EBREAK 0x00100073u
#define RAW_SRET 0x10200073u
#define RAW_MRET 0x30200073u
#define RAW_WFI 0x10500073u

static u32 bits(u32 raw, unsigned int hi, unsigned int lo)
{
	return (raw >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static s64 sext(u64 val, unsigned int width)
{
	u64 sign = 1ULL << (width - 1);

	return (s64)((val ^ sign) - sign);
}

unsigned int insn_length(u16 low)
{
	return (low & 3) == 3 ? 4 : 2;
}

static void set_mem(struct insn *out, enum insn_kind kind, u8 width,
		    bool is_signed, bool is_fp)
{
	out->kind = kind;
	out->width = width;
	out->is_signed = is_signed;
	out->is_fp = is_fp;
}

static int decode_load(u32 raw, struct insn *out, bool fp)
{
	u32 f3 = bits(raw, 14, 12);

	out->rd = (u8)bits(raw, 11, 7);
	out->rs1 = (u8)bits(raw, 19, 15);
	out->imm = sext(bits(raw, 31, 20), 12);
	if (fp) {
		if (f3 != 2 && f3 != 3)
			return -RAMPART_EINVAL;
		set_mem(out, INSN_LOAD, (u8)(1u << f3), false, true);
		return 0;
	}
	if (f3 == 7)
		return -RAMPART_EINVAL;
	/* funct3: 0 lb 1 lh 2 lw 3 ld 4 lbu 5 lhu 6 lwu */
	set_mem(out, INSN_LOAD, (u8)(1u << (f3 & 3)), f3 < 4, false);
	return 0;
}

static int decode_store(u32 raw, struct insn *out, bool fp)
{
	u32 f3 = bits(raw, 14, 12);

	out->rs1 = (u8)bits(raw, 19, 15);
	out->rs2 = (u8)bits(raw, 24, 20);
	out->imm = sext((bits(raw, 31, 25) << 5) | bits(raw, 11, 7), 12);
	if (fp ? (f3 != 2 && f3 != 3) : f3 > 3)
		return -RAMPART_EINVAL;
	set_mem(out, INSN_STORE, (u8)(1u << f3), false, fp);
	return 0;
}

#define CSR_FFLAGS 0x001
#define CSR_FCSR 0x003

bool insn_is_fp(u32 raw)
{
	u32 f3 = bits(raw, 14, 12);

	if ((raw & 3) != 3) {
		/* quadrants 0 and 2, funct3 001 (fld) and 101 (fsd) on RV64 */
		f3 = bits(raw, 15, 13);
		return (raw & 3) != 1 && (f3 == 1 || f3 == 5);
	}
	switch (raw & 0x7f) {
	case 0x07: case 0x27:			/* LOAD-FP, STORE-FP */
	case 0x43: case 0x47: case 0x4b: case 0x4f: /* fused multiply-add */
	case 0x53:				/* OP-FP */
		return true;
	case 0x73:				/* SYSTEM: Zicsr */
		return (f3 & 3) && bits(raw, 31, 20) >= CSR_FFLAGS &&
		       bits(raw, 31, 20) <= CSR_FCSR;
	default:
		return false;
	}
}

static int decode_system(u32 raw, struct insn *out)
{
	u32 f3 = bits(raw, 14, 12);

	if (f3 == 0) {
		/* mret first: the firmware's at the end of every SBI call */
		if (raw == RAW_MRET)
			out->kind = INSN_MRET;
		else if (raw == RAW_ECALL)
			out->kind = INSN_ECALL;
		else if (raw == RAW_EBREAK)
			out->kind = INSN_EBREAK;
		else if (raw == RAW_SRET)
			out->kind = INSN_SRET;
		else if (raw == RAW_WFI)
			out->kind = INSN_WFI;
		else if (bits(raw, 31, 25) == 0x09 && bits(raw, 11, 7) == 0) {
			out->kind = INSN_SFENCE_VMA;
			out->rs1 = (u8)bits(raw, 19, 15);
			out->rs2 = (u8)bits(raw, 24, 20);
		} else {
			return -RAMPART_EINVAL;
		}
		return 0;
	}
	/* f3 4: hypervisor loads/stores, no H here */
	return insn_decode_csr(raw, out) ? 0 : -RAMPART_EINVAL;
}

/* C.LW/C.LD/C.FLD and stores: rd'/rs2' at 4:2, rs1' at 9:7 (Unpriv. 16.3). */
static int decode_c_q0(u32 raw, struct insn *out)
{
	u32 f3 = bits(raw, 15, 13);
	u32 wimm = (bits(raw, 12, 10) << 3) | (bits(raw, 6, 6) << 2) |
		   (bits(raw, 5, 5) << 6);
	u32 dimm = (bits(raw, 12, 10) << 3) | (bits(raw, 6, 5) << 6);
	bool word = (f3 & 3) == 2;

	out->rs1 = (u8)(8 + bits(raw, 9, 7));
	out->rd = out->rs2 = (u8)(8 + bits(raw, 4, 2));
	out->imm = word ? wimm : dimm;
	switch (f3) {
	case 1: set_mem(out, INSN_LOAD, 8, false, true); break;	  /* c.fld */
	case 2: set_mem(out, INSN_LOAD, 4, true, false); break;	  /* c.lw */
	case 3: set_mem(out, INSN_LOAD, 8, true, false); break;	  /* c.ld */
	case 5: set_mem(out, INSN_STORE, 8, false, true); break;  /* c.fsd */
	case 6: set_mem(out, INSN_STORE, 4, false, false); break; /* c.sw */
	case 7: set_mem(out, INSN_STORE, 8, false, false); break; /* c.sd */
	default: return -RAMPART_EINVAL;
	}
	return 0;
}

/* Stack-pointer-relative C.*LWSP/C.*LDSP/C.*SWSP/C.*SDSP (Unpriv. 16.3). */
static int decode_c_q2(u32 raw, struct insn *out)
{
	u32 f3 = bits(raw, 15, 13);
	u32 rd = bits(raw, 11, 7);
	u32 lw = (bits(raw, 12, 12) << 5) | (bits(raw, 6, 4) << 2) |
		 (bits(raw, 3, 2) << 6);
	u32 ld = (bits(raw, 12, 12) << 5) | (bits(raw, 6, 5) << 3) |
		 (bits(raw, 4, 2) << 6);
	u32 sw = (bits(raw, 12, 9) << 2) | (bits(raw, 8, 7) << 6);
	u32 sd = (bits(raw, 12, 10) << 3) | (bits(raw, 9, 7) << 6);

	out->rs1 = 2;
	out->rd = (u8)rd;
	out->rs2 = (u8)bits(raw, 6, 2);
	switch (f3) {
	case 1: out->imm = ld; set_mem(out, INSN_LOAD, 8, false, true); break;
	case 2: out->imm = lw; set_mem(out, INSN_LOAD, 4, true, false); break;
	case 3: out->imm = ld; set_mem(out, INSN_LOAD, 8, true, false); break;
	case 5: out->imm = sd; set_mem(out, INSN_STORE, 8, false, true); break;
	case 6: out->imm = sw; set_mem(out, INSN_STORE, 4, false, false); break;
	case 7: out->imm = sd; set_mem(out, INSN_STORE, 8, false, false); break;
	default: return -RAMPART_EINVAL;
	}
	/* c.lwsp and c.ldsp with rd = x0 are reserved encodings */
	if (out->kind == INSN_LOAD && !out->is_fp && rd == 0)
		return -RAMPART_EINVAL;
	return 0;
}

static int decode_compressed(u32 raw, struct insn *out)
{
	out->len = 2;
	switch (raw & 3) {
	case 0: return decode_c_q0(raw, out);
	case 2: return decode_c_q2(raw, out);
	default: return -RAMPART_EINVAL;
	}
}

int insn_decode(u32 raw, struct insn *out)
{
	struct insn zero = { 0 };
	int rc;

	*out = zero;
	if (insn_length((u16)raw) == 2) {
		rc = decode_compressed(raw & 0xffff, out);
	} else {
		out->len = 4;
		switch (raw & 0x7f) {
		case OPC_LOAD: rc = decode_load(raw, out, false); break;
		case OPC_LOAD_FP: rc = decode_load(raw, out, true); break;
		case OPC_STORE: rc = decode_store(raw, out, false); break;
		case OPC_STORE_FP: rc = decode_store(raw, out, true); break;
		case OPC_SYSTEM: rc = decode_system(raw, out); break;
		default: rc = -RAMPART_EINVAL; break;
		}
	}
	if (rc)
		out->kind = INSN_UNKNOWN;
	return rc;
}
