/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared support for the bare-metal test firmwares: encodings, CSR access,
 * console, trap records and the lower-privilege runner.
 *
 * Every firmware is position independent: it runs at 0x8000_0000 (native
 * QEMU -bios) and at 0x8010_0000 (under Rampart). No absolute address may be
 * stored in initialised data; code takes addresses PC-relatively at run time.
 */
#ifndef FW_H
#define FW_H

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;
typedef _Bool bool;
#define true 1
#define false 0

#define BIT(n) (1UL << (n))

/* Privilege levels, as held in mstatus.MPP */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* mstatus / sstatus (Priv. spec 3.1.6) */
#define MSTATUS_SIE BIT(1)
#define MSTATUS_MIE BIT(3)
#define MSTATUS_SPIE BIT(5)
#define MSTATUS_MPIE BIT(7)
#define MSTATUS_SPP BIT(8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3UL << MSTATUS_MPP_SHIFT)
#define MSTATUS_MPRV BIT(17)
#define MSTATUS_SUM BIT(18)
#define MSTATUS_MXR BIT(19)
#define MSTATUS_TVM BIT(20)
#define MSTATUS_TW BIT(21)
#define MSTATUS_TSR BIT(22)

/* Interrupt numbers (mip/mie bits, mcause codes), Priv. spec 3.1.9 */
#define IRQ_S_SOFT 1
#define IRQ_M_SOFT 3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT 9
#define IRQ_M_EXT 11
#define MIP_SSIP BIT(IRQ_S_SOFT)
#define MIP_MSIP BIT(IRQ_M_SOFT)
#define MIP_STIP BIT(IRQ_S_TIMER)
#define MIP_MTIP BIT(IRQ_M_TIMER)
#define MIP_SEIP BIT(IRQ_S_EXT)
#define CAUSE_IRQ BIT(63)

/* Exception codes */
#define EXC_INSN_ACCESS 1
#define EXC_ILLEGAL 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_ECALL_S 9
#define EXC_ECALL_M 11

/* PMP configuration byte (Priv. spec 3.7.1) */
#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_A_TOR 0x08
#define PMP_A_NA4 0x10
#define PMP_A_NAPOT 0x18

/* Platform: QEMU virt */
#define UART_BASE 0x10000000UL
#define TEST_BASE 0x100000UL
#define CLINT_BASE 0x2000000UL
#define CLINT_MSIP0 (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP0 (CLINT_BASE + 0x4000)
#define CLINT_MTIME (CLINT_BASE + 0xbff8)

#define STR(x) #x
#define XSTR(x) STR(x)

#define csr_read(csr)                                                    \
	({                                                               \
		u64 __v;                                                 \
		asm volatile("csrr %0, " #csr : "=r"(__v) : : "memory"); \
		__v;                                                     \
	})
#define csr_write(csr, val) \
	({ asm volatile("csrw " #csr ", %0" : : "rK"((u64)(val)) : "memory"); })
#define csr_swap(csr, val)                            \
	({                                            \
		u64 __v = (u64)(val);                 \
		asm volatile("csrrw %0, " #csr ", %1" \
			     : "=r"(__v)              \
			     : "rK"(__v)              \
			     : "memory");             \
		__v;                                  \
	})
#define csr_set(csr, val) \
	({ asm volatile("csrs " #csr ", %0" : : "rK"((u64)(val)) : "memory"); })
#define csr_clear(csr, val) \
	({ asm volatile("csrc " #csr ", %0" : : "rK"((u64)(val)) : "memory"); })

/* Write `val`, read the CSR back, restore the old value: one asm block, so
 * nothing (no load, store or call) runs with the test value in place. */
#define csr_probe(csr, val)                               \
	({                                                \
		u64 __old, __rb;                          \
		asm volatile("csrrw %0, " #csr ", %2\n\t" \
			     "csrr %1, " #csr "\n\t"      \
			     "csrw " #csr ", %0"          \
			     : "=&r"(__old), "=&r"(__rb)  \
			     : "r"((u64)(val))            \
			     : "memory");                 \
		__rb;                                     \
	})

static inline u64 mmio_read64(u64 addr)
{
	return *(volatile u64 *)addr;
}

static inline void mmio_write64(u64 addr, u64 val)
{
	*(volatile u64 *)addr = val;
}

static inline u32 mmio_read32(u64 addr)
{
	return *(volatile u32 *)addr;
}

static inline void mmio_write32(u64 addr, u32 val)
{
	*(volatile u32 *)addr = val;
}

/* What the M-mode (or S-mode) trap handler saw on the most recent trap. */
struct trap_rec {
	u64 count; /* traps taken so far */
	u64 cause;
	u64 tval;
	u64 epc;
	u64 status;	/* mstatus (or sstatus) at entry */
	u64 vec;	/* mtvec slot used: -1 direct entry, else 0..15 */
	u64 irq;	/* cause of the most recent interrupt */
	u64 irq_status; /* mstatus (sstatus) when it was taken */
	u64 irq_count;	/* interrupts taken so far */
};

/* Registers saved by the trap entry; layout shared with start.S. */
struct trap_frame {
	u64 x[32]; /* x[0] unused; x[2] is the interrupted sp */
	u64 vec;
	u64 pad;
};

extern volatile struct trap_rec m_trap;
extern volatile struct trap_rec s_trap;

/* Ecall services the M handler offers to S/U code (a7 selects). */
#define SVC_EXIT 0	 /* leave run_lower(), a0 is its result */
#define SVC_NOP 1	 /* just return after the ecall */
#define SVC_CLEAR_STIP 2 /* clear mip.STIP (S cannot) */
#define SVC_SET_SSIP 3	 /* set mip.SSIP */
#define SVC_FIRMWARE 16	 /* and up: m_svc_firmware(), a firmware's own */

/* start.S */
void m_trap_entry(void);
void s_trap_entry(void);
void m_vec_table(void);
/* Run fn(arg) in privilege `mode` (PRV_S or PRV_U) until it returns or calls
 * SVC_EXIT; returns fn's result. PMP must already grant that mode access. */
u64 run_lower(u64 mode, u64 (*fn)(u64), u64 arg);
/* Calls fn from `lower_trampoline` in S or U mode, then ecalls SVC_EXIT. */
void lower_trampoline(void);

/* lib.c */
extern u64 image_base;
extern u64 reset_mtvec, reset_mscratch; /* as found at entry */
extern u64 boot_fdt, boot_info; /* hart 0's a1 and a2 at entry */
extern u64 lower_mstatus_set; /* ORed into mstatus at run_lower's mret */
/* non-zero: run_lower's next entry is an sret from M (SPP = mode, pc =
 * sepc), not an mret; cleared by it */
extern u64 lower_via_sret;
extern u64 s_timer_via_stimecmp;
void fw_init(void);
void putc_(char c);
void puts_(const char *s);
void puthex(u64 v);
void putdec(u64 v);
void putrel(u64 addr);
void poweroff(u32 code) __attribute__((noreturn));
u64 insn_len_at(u64 pc);
u64 ecall_svc(u64 svc, u64 arg);
/* The M handler's call for SVC_FIRMWARE and up (weak: nothing). */
void m_svc_firmware(struct trap_frame *f);

/* Each firmware's C entry, on hart 0 only. */
void fw_main(void);
/* Other harts enter here (start.S), without a stack; by default they park
 * (a weak default in start.S). */
void fw_secondary(void);

#endif
