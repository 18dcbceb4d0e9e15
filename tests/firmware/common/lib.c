// SPDX-License-Identifier: BSD-2-Clause
/*
 * Console, poweroff and the default trap handlers of the test firmwares.
 * The handlers record what they saw (struct trap_rec) and resume after the
 * trapping instruction, so a test can provoke a trap and then print it.
 */
#include "fw.h"

#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define TEST_PASS 0x5555
#define TEST_FAIL 0x3333
#define TRAP_STORM 100000 /* more traps than any test takes: a loop */

extern char _start[];

u64 image_base;
u64 reset_mtvec, reset_mscratch;
u64 boot_fdt, boot_info;
volatile struct trap_rec m_trap;
volatile struct trap_rec s_trap;
/* Used by run_lower() in start.S. */
u64 lower_saved_sp;
u64 lower_mstatus_set;
u64 lower_via_sret;
void run_lower_return(void);
void m_trap_handler(struct trap_frame *f);
void s_trap_handler(struct trap_frame *f);

void fw_init(void)
{
	image_base = (u64)_start;
}

void putc_(char c)
{
	volatile u8 *uart = (volatile u8 *)UART_BASE;

	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[0] = (u8)c;
}

void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

/* Minimal hex: "0x0", "0x1f", ... */
void puthex(u64 v)
{
	int shift = 60;

	puts_("0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		putc_("0123456789abcdef"[(v >> shift) & 0xf]);
}

void putdec(u64 v)
{
	char buf[20];
	int n = 0;

	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		putc_(buf[--n]);
}

/* Addresses inside the image's 1 MiB print relative to its base, so that the
 * transcript is the same at 0x8000_0000 and 0x8010_0000. */
void putrel(u64 addr)
{
	if (addr >= image_base && addr - image_base < 0x100000) {
		puts_("base+");
		puthex(addr - image_base);
	} else {
		puthex(addr);
	}
}

void poweroff(u32 code)
{
	u32 val = code ? TEST_FAIL | (code << 16) : TEST_PASS;

	mmio_write32(TEST_BASE, val);
	for (;;)
		asm volatile("wfi");
}

/* Length of the instruction at pc, an address taken from mepc/sepc. */
u64 insn_len_at(u64 pc)
{
	/* NOLINTNEXTLINE(performance-no-int-to-ptr): pc comes from a CSR */
	const volatile u16 *insn = (const volatile u16 *)pc;

	return (*insn & 3) == 3 ? 4 : 2;
}

u64 ecall_svc(u64 svc, u64 arg)
{
	register u64 a0 asm("a0") = arg;
	register u64 a7 asm("a7") = svc;

	asm volatile(".option push\n\t.option norvc\n\tecall\n\t.option pop"
		     : "+r"(a0)
		     : "r"(a7)
		     : "memory");
	return a0;
}

static void record(volatile struct trap_rec *r, u64 cause, u64 tval, u64 epc,
		   u64 status, u64 vec)
{
	r->cause = cause;
	r->tval = tval;
	r->epc = epc;
	r->status = status;
	r->vec = vec;
	if (cause & CAUSE_IRQ) {
		r->irq = cause;
		r->irq_status = status;
		r->irq_count++;
	}
	r->count++;
	if (r->count > TRAP_STORM) {
		puts_("FATAL trap storm, cause ");
		puthex(cause);
		puts_("\n");
		poweroff(2);
	}
}

/* Quiet the source so that the interrupt is not taken again. */
static void m_irq_ack(u64 irq)
{
	switch (irq) {
	case IRQ_M_SOFT:
		mmio_write32(CLINT_MSIP0, 0);
		break;
	case IRQ_M_TIMER:
		mmio_write64(CLINT_MTIMECMP0, ~0UL);
		break;
	case IRQ_S_SOFT:
	case IRQ_S_TIMER:
		csr_clear(mip, BIT(irq));
		break;
	default:
		csr_clear(mie, BIT(irq));
		break;
	}
}

/* A firmware's own services (SVC_FIRMWARE and up): none by default. */
__attribute__((weak)) void m_svc_firmware(struct trap_frame *f)
{
	(void)f;
}

static void m_ecall(struct trap_frame *f, u64 epc)
{
	u64 from = (csr_read(mstatus) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;

	if (f->x[17] == SVC_EXIT && from != PRV_M) {
		/* Back to run_lower()'s caller, in M, with MPRV off. */
		csr_write(mepc, (u64)run_lower_return);
		csr_clear(mstatus, MSTATUS_MPRV);
		csr_set(mstatus, MSTATUS_MPP);
		return;
	}
	if (f->x[17] == SVC_CLEAR_STIP)
		csr_clear(mip, MIP_STIP);
	if (f->x[17] == SVC_SET_SSIP)
		csr_set(mip, MIP_SSIP);
	if (f->x[17] >= SVC_FIRMWARE)
		m_svc_firmware(f);
	csr_write(mepc, epc + 4);
}

void m_trap_handler(struct trap_frame *f)
{
	u64 cause = csr_read(mcause);
	u64 epc = csr_read(mepc);

	record(&m_trap, cause, csr_read(mtval), epc, csr_read(mstatus), f->vec);
	if (cause & CAUSE_IRQ) {
		m_irq_ack(cause & ~CAUSE_IRQ);
		return;
	}
	switch (cause) {
	case EXC_ECALL_U:
	case EXC_ECALL_S:
	case EXC_ECALL_M:
		m_ecall(f, epc);
		break;
	case EXC_INSN_ACCESS:
		/* A jump into forbidden memory: return to the caller. */
		csr_write(mepc, f->x[1]);
		break;
	default:
		csr_write(mepc, epc + insn_len_at(epc));
		break;
	}
}

/* S-mode timer interrupts are quieted through stimecmp when the test set
 * s_timer_via_stimecmp (Sstc), else by asking M to clear mip.STIP. */
u64 s_timer_via_stimecmp;

void s_trap_handler(struct trap_frame *f)
{
	u64 cause = csr_read(scause);
	u64 epc = csr_read(sepc);

	record(&s_trap, cause, csr_read(stval), epc, csr_read(sstatus), f->vec);
	if (cause == (CAUSE_IRQ | IRQ_S_SOFT)) {
		csr_clear(sip, MIP_SSIP);
	} else if (cause == (CAUSE_IRQ | IRQ_S_TIMER)) {
		if (s_timer_via_stimecmp)
			csr_write(0x14d, ~0UL); /* stimecmp */
		else
			ecall_svc(SVC_CLEAR_STIP, 0);
	} else if (cause & CAUSE_IRQ) {
		csr_clear(sie, BIT(cause & ~CAUSE_IRQ));
	} else if (cause == EXC_ECALL_U && f->x[17] == SVC_EXIT) {
		/* U's exit ecall delegated to S: pass it on to M. */
		ecall_svc(SVC_EXIT, f->x[10]);
	} else {
		csr_write(sepc, epc + insn_len_at(epc));
	}
}
