// SPDX-License-Identifier: BSD-2-Clause
/*
 * payload: the S-mode victim of the hostile firmware (tests/firmware/hostile).
 * It runs with paging on (Sv39 identity map), known patterns in every
 * register and supervisor CSR, and a canary in its .data; it asks the
 * firmware for each attack (hostile.h) and checks afterwards that nothing
 * changed:
 *
 *   PAYLOAD after <attack>: state intact
 *   PAYLOAD after <attack>: CORRUPTED <what>
 *
 * then starts hart 1 through HSM at good_entry (the firmware sends it to
 * evil_entry), reads Rampart's audit counters when the monitor is there,
 * prints "PAYLOAD DONE" and powers off through SRST.
 */
#include "payload.h"
#include "../hostile/hostile.h"

#define UART_BASE 0x10000000UL
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define TEST_BASE 0x100000UL
#define TEST_FAIL 0x3333

#define SBI_EXT_BASE 0x10
#define SBI_EXT_HSM 0x48534dUL
#define SBI_EXT_SRST 0x53525354UL
#define SBI_EXT_RAMPART 0x0a525054UL
#define RAMPART_AUDIT_COUNT 1
#define RAMPART_AUDIT_RECORDS 2
#define RAMPART_EVIDENCE 3
#define RAMPART_EVENT_LOG 4
#define RAMPART_AUDIT_CHAIN 5
#define AUDIT_RECORD_SIZE 24
#define AUDIT_MAX_RECORDS 16

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_SUM (1UL << 18)
#define SSTATUS_MXR (1UL << 19)
#define SSTATUS_MASK \
	(SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP | SSTATUS_SUM | SSTATUS_MXR)
#define SIE_PATTERN 0x22UL /* SSIE | STIE; sstatus.SIE stays 0 */

/* far in the future: no timer interrupt (sstatus.SIE is 0 anyway) */
#define STIMECMP_PATTERN 0x7061740000001234UL
#define HART1_OPAQUE 0x1234UL
#define HART1_RESTART_OPAQUE 0x4321UL
#define HART1_STALE_OPAQUE 0x5757UL
#define STALE_GIVE_UP 1000000UL /* ticks: 100 ms, then the payload gives up */
#define HSM_STOPPED 1
#define HART_WAIT 30000000UL /* ticks: 3 s at 10 MHz */

#define REG_A0 10
#define REG_A1 11
#define REG_A2 12
#define REG_A3 13
#define REG_A6 16
#define REG_A7 17

#define csr_read(csr)                                                    \
	({                                                               \
		u64 __v;                                                 \
		asm volatile("csrr %0, " #csr : "=r"(__v) : : "memory"); \
		__v;                                                     \
	})
#define csr_write(csr, val) \
	({ asm volatile("csrw " #csr ", %0" : : "rK"((u64)(val)) : "memory"); })

void payload_main(u64 hartid, u64 fdt);
void hart1_good(u64 a0, u64 a1);
void hart_evil(u64 a0, u64 a1);
void hart1_restarted(u64 a0, u64 a1);
void hart1_stale(u64 a0, u64 a1);
void payload_fatal(u64 scause, u64 sepc, u64 stval) __attribute__((noreturn));

struct pdump dump;
static volatile u64 canary[CANARY_WORDS] = {
	CANARY_WORD(0), CANARY_WORD(1), CANARY_WORD(2), CANARY_WORD(3),
	CANARY_WORD(4), CANARY_WORD(5), CANARY_WORD(6), CANARY_WORD(7),
};
static u64 root_pt[512] __attribute__((aligned(4096)));
static struct pcall call;
/* per hart: 1 entered right, 2 good_entry with wrong a0/a1, 3 evil_entry */
static volatile u64 hart_seen[3];
static u8 audit_buf[AUDIT_MAX_RECORDS * AUDIT_RECORD_SIZE]
	__attribute__((aligned(8)));
static u64 satp_value, sstatus_value;
static u64 checks_failed;

/* --- console: the UART directly, no SBI --------------------------------- */

static void putc_(char c)
{
	volatile u8 *uart = (volatile u8 *)UART_BASE;

	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[0] = (u8)c;
}

static void puts_(const char *s)
{
	while (*s)
		putc_(*s++);
}

static void puthex(u64 v)
{
	int shift = 60;

	puts_("0x");
	while (shift > 0 && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		putc_("0123456789abcdef"[(v >> shift) & 0xf]);
}

static void putdec(u64 v)
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

void payload_fatal(u64 scause, u64 sepc, u64 stval)
{
	puts_("PAYLOAD FATAL trap scause=");
	puthex(scause);
	puts_(" sepc=");
	puthex(sepc);
	puts_(" stval=");
	puthex(stval);
	putc_('\n');
	*(volatile u32 *)TEST_BASE = TEST_FAIL | (4 << 16);
	for (;;)
		asm volatile("wfi");
}

static u64 rdtime(void)
{
	u64 t;

	asm volatile("rdtime %0" : "=r"(t));
	return t;
}

static void delay(u64 ticks)
{
	u64 t0 = rdtime();

	while (rdtime() - t0 < ticks)
		;
}

/* --- plain SBI calls (no attack): base, Rampart, SRST -------------------- */

struct sbiret {
	long err;
	u64 val;
};

static struct sbiret sbi4(u64 eid, u64 fid, u64 arg0, u64 arg1, u64 arg2,
			  u64 arg3)
{
	register u64 a0 asm("a0") = arg0;
	register u64 a1 asm("a1") = arg1;
	register u64 a2 asm("a2") = arg2;
	register u64 a3 asm("a3") = arg3;
	register u64 a6 asm("a6") = fid;
	register u64 a7 asm("a7") = eid;

	asm volatile("ecall"
		     : "+r"(a0), "+r"(a1)
		     : "r"(a2), "r"(a3), "r"(a6), "r"(a7)
		     : "memory");
	return (struct sbiret){ (long)a0, a1 };
}

static struct sbiret sbi3(u64 eid, u64 fid, u64 arg0, u64 arg1, u64 arg2)
{
	return sbi4(eid, fid, arg0, arg1, arg2, 0);
}

static struct sbiret sbi(u64 eid, u64 fid, u64 arg0, u64 arg1)
{
	return sbi3(eid, fid, arg0, arg1, 0);
}

/* --- options: words in the device tree's /chosen/bootargs (-append) ------ */

#include "../hostile/bootargs.h"

/* --- state ---------------------------------------------------------------- */

static u64 pattern(unsigned int i)
{
	return 0x7061740000000000UL ^ ((u64)i * 0x0101010101UL) ^
	       ((u64)i << 44);
}

static void canary_fill(void)
{
	unsigned int i;

	for (i = 0; i < CANARY_WORDS; i++)
		canary[i] = CANARY_WORD(i);
}

/* Sv39 identity map: gigapages for the devices (0-1 GiB) and DRAM (2-3
 * GiB), RWX, global, accessed and dirty. */
static void paging_on(void)
{
	root_pt[0] = ((0x00000000UL >> 12) << 10) | 0xef;
	root_pt[2] = ((0x80000000UL >> 12) << 10) | 0xef;
	asm volatile("fence rw, rw" : : : "memory");
	satp_value = (8UL << 60) | ((u64)root_pt >> 12);
	csr_write(satp, satp_value);
	asm volatile("sfence.vma" : : : "memory");
}

/* The S state every call starts from (and is put back after a check). */
static void s_state_set(void)
{
	u64 st = csr_read(sstatus) & ~SSTATUS_MASK;

	sstatus_value = SSTATUS_SUM | SSTATUS_SPIE | SSTATUS_SPP;
	csr_write(sstatus, st | sstatus_value);
	csr_write(sie, SIE_PATTERN);
	csr_write(satp, satp_value);
	asm volatile("sfence.vma" : : : "memory");
}

static void call_init(u64 eid, u64 fid)
{
	unsigned int i;

	for (i = 0; i < 32; i++)
		call.x[i] = pattern(i);
	call.x[0] = 0;
	call.x[REG_A0] = fid;
	call.x[REG_A1] = (u64)canary;
	call.x[REG_A6] = fid;
	call.x[REG_A7] = eid;
	call.stvec = (u64)payload_trap_entry;
	call.sscratch = pattern(0x40);
	call.sepc = pattern(0x41) & ~1UL;
	call.scause = 0x3;
	call.stval = pattern(0x43);
	call.stimecmp = STIMECMP_PATTERN;
	call.window = 0;
}

static void put_sep(bool *first)
{
	putc_(*first ? ' ' : ',');
	*first = false;
}

/* The S CSRs a check compares, in the order it names them. */
static void csrs_of(u64 out[9], u64 stvec, u64 sscratch, u64 sepc, u64 scause,
		    u64 stval, u64 satp, u64 sstatus, u64 sie, u64 stimecmp)
{
	out[0] = stvec;
	out[1] = sscratch;
	out[2] = sepc;
	out[3] = scause;
	out[4] = stval;
	out[5] = satp;
	out[6] = sstatus;
	out[7] = sie;
	out[8] = stimecmp;
}

/* check() flags: the payload's own ebreak handler ran (ebreak_call), so
 * sepc, scause and sstatus.SPP/SPIE are its doing, stval is QEMU's. */
#define CHK_TRAP 1

/* Compare what came back (dump) with what was there (call, canary). */
static void check_ex(const char *name, unsigned int flags)
{
	u64 want[9], got[9];
	u64 bad_regs = 0, first_reg = 0;
	bool bad = false, first = true;
	unsigned int i;

	for (i = 1; i < 32; i++) {
		if (i == REG_A0 || i == REG_A1 || dump.x[i] == call.x[i])
			continue;
		if (!bad_regs)
			first_reg = i;
		bad_regs++;
	}
	puts_("PAYLOAD after ");
	puts_(name);
	puts_(":");
	if (bad_regs) {
		puts_(" CORRUPTED regs=");
		putdec(bad_regs);
		puts_(" (x");
		putdec(first_reg);
		puts_("=");
		puthex(dump.x[first_reg]);
		puts_(first_reg == 2 ? " sp)" : ")");
		bad = true;
	}
	if (flags & CHK_TRAP) {
		call.sepc = (u64)ebreak_insn + 4;
		call.scause = 3;
		call.stval = dump.stval;
	}
	csrs_of(want, call.stvec, call.sscratch, call.sepc, call.scause,
		call.stval, call.satp, call.sstatus, call.sie, call.stimecmp);
	csrs_of(got, dump.stvec, dump.sscratch, dump.sepc, dump.scause,
		dump.stval, dump.satp, dump.sstatus, dump.sie, dump.stimecmp);
	for (i = 0; i < 9; i++) {
		u64 mask = i == 6 ? SSTATUS_MASK : ~0UL;
		const char *csr;

		if (i == 6 && (flags & CHK_TRAP))
			mask &= ~(SSTATUS_SPP | SSTATUS_SPIE);
		if ((want[i] & mask) == (got[i] & mask))
			continue;
		switch (i) {
		case 0:
			csr = "stvec";
			break;
		case 1:
			csr = "sscratch";
			break;
		case 2:
			csr = "sepc";
			break;
		case 3:
			csr = "scause";
			break;
		case 4:
			csr = "stval";
			break;
		case 5:
			csr = "satp";
			break;
		case 6:
			csr = "sstatus";
			break;
		case 7:
			csr = "sie";
			break;
		default:
			csr = "stimecmp";
			break;
		}
		if (!bad)
			puts_(" CORRUPTED");
		put_sep(&first);
		puts_(csr);
		putc_('=');
		puthex(got[i] & mask);
		bad = true;
	}
	if ((flags & CHK_TRAP) && !dump.trapped) {
		if (!bad)
			puts_(" CORRUPTED");
		puts_(" ebreak never reached the payload's handler");
		bad = true;
	}
	if (dump.landed) {
		if (!bad)
			puts_(" CORRUPTED");
		puts_(" pc=ecall+0x40");
		bad = true;
	}
	for (i = 0; i < CANARY_WORDS; i++) {
		if (canary[i] == CANARY_WORD(i))
			continue;
		if (!bad)
			puts_(" CORRUPTED");
		puts_(" canary[");
		putdec(i);
		puts_("]=");
		puthex(canary[i]);
		bad = true;
		break;
	}
	puts_(bad ? "\n" : " state intact\n");
	if (bad) {
		checks_failed++;
		canary_fill();
	}
	s_state_set();
}

static void check(const char *name)
{
	check_ex(name, 0);
}

static void attack(const char *name, u64 id)
{
	call_init(HOSTILE_EID, id);
	attack_call(&call);
	check(name);
}

/* The firmware arms its timer and, at the interrupt, spies on everything
 * and overwrites the registers (but a0/a1, the wait loop's) if the payload
 * is in its wait loop (a2..a3): nothing runs on garbage natively. No check
 * between arming and waiting keeps the interrupt inside the window. */
static void attack_irq(void)
{
	struct sbiret r;
	register u64 a2 asm("a2") = (u64)irq_window_loop;
	register u64 a3 asm("a3") = (u64)irq_window_end;
	register u64 a0 asm("a0") = ATK_SPY_IRQ;
	register u64 a1 asm("a1") = (u64)canary;
	register u64 a6 asm("a6") = ATK_SPY_IRQ;
	register u64 a7 asm("a7") = HOSTILE_EID;

	asm volatile("ecall"
		     : "+r"(a0), "+r"(a1)
		     : "r"(a2), "r"(a3), "r"(a6), "r"(a7)
		     : "memory");
	r.err = (long)a0;
	call_init(HOSTILE_EID, ATK_SPY_IRQ);
	call.window = SPY_IRQ_WINDOW;
	irq_window(&call);
	if (r.err)
		puts_("PAYLOAD spy-irq: arming failed\n");
	check("spy-irq");
}

/* --- FP registers ------------------------------------------------------------ */

void fp_fill(const u64 in[33]);
void fp_dump(u64 out[33]);

#define SSTATUS_FS (3UL << 13)
#define FCSR_PATTERN 0x21 /* frm = 1 (RTZ), fflags = NX */

/* f0-f31 and fcsr hold patterns across the call, like the x registers. */
static void attack_fp(void)
{
	u64 want[33], got[33], bad = 0;
	unsigned int i;

	csr_write(sstatus, csr_read(sstatus) | SSTATUS_FS);
	for (i = 0; i < 32; i++)
		want[i] = pattern(0x80 + i);
	want[32] = FCSR_PATTERN;
	fp_fill(want);
	call_init(HOSTILE_EID, ATK_SPY_FP);
	attack_call(&call);
	fp_dump(got);
	check("spy-fp");
	for (i = 0; i < 32; i++)
		bad += got[i] != want[i];
	puts_("PAYLOAD after spy-fp: FP registers ");
	if (!bad && got[32] == want[32]) {
		puts_("intact\n");
		return;
	}
	checks_failed++;
	puts_("CORRUPTED fregs=");
	putdec(bad);
	puts_(" fcsr=");
	puthex(got[32]);
	putc_('\n');
}

/* --- hart 1 ---------------------------------------------------------------- */

/* HSM hart_stop: does not return when it works. */
static void hart_stop(void)
{
	struct sbiret r = sbi(SBI_EXT_HSM, 1, 0, 0);

	puts_("PAYLOAD hart_stop returned err=");
	puthex((u64)r.err);
	putc_('\n');
}

void hart1_good(u64 a0, u64 a1)
{
	puts_("PAYLOAD hart1 entered at good_entry a1=");
	puthex(a1);
	if (a0 != 1) {
		puts_(" WRONG a0=");
		puthex(a0);
	}
	putc_('\n');
	asm volatile("fence rw, rw" : : : "memory");
	hart_seen[1] = a0 == 1 && a1 == HART1_OPAQUE ? 1 : 2;
	hart_stop();
}

void hart1_restarted(u64 a0, u64 a1)
{
	puts_("PAYLOAD hart1 restarted at restart_entry a1=");
	puthex(a1);
	if (a0 != 1) {
		puts_(" WRONG a0=");
		puthex(a0);
	}
	putc_('\n');
	asm volatile("fence rw, rw" : : : "memory");
	hart_seen[1] = a0 == 1 && a1 == HART1_RESTART_OPAQUE ? 1 : 2;
	hart_stop();
}

/* a0 is 1 or 2 (start.S) */
void hart_evil(u64 a0, u64 a1)
{
	puts_("PAYLOAD hart");
	putdec(a0);
	puts_(" EVIL ENTRY a1=");
	puthex(a1);
	putc_('\n');
	asm volatile("fence rw, rw" : : : "memory");
	hart_seen[a0] = 3;
	hart_stop();
}

static bool wait_hart(u64 hart)
{
	u64 t0 = rdtime();

	while (!hart_seen[hart] && rdtime() - t0 < HART_WAIT)
		;
	return hart_seen[hart] != 0;
}

static void evil_start(void)
{
	struct sbiret probe = sbi(SBI_EXT_BASE, 3, SBI_EXT_HSM, 0);

	if (probe.err || !probe.val) {
		puts_("PAYLOAD no HSM: hart 1 not started\n");
		return;
	}
	call_init(SBI_EXT_HSM, 0);
	call.x[REG_A0] = 1;
	call.x[REG_A1] = (u64)good_entry;
	call.x[REG_A2] = HART1_OPAQUE;
	call.x[REG_A3] = (u64)evil_entry - (u64)good_entry;
	attack_call(&call);
	/* hart 1 prints: wait for it before printing anything */
	if (!wait_hart(1))
		puts_("PAYLOAD hart1 never entered the payload\n");
	check("evil-start");
}

/* Hart 1 stopped itself; start it again at restart_entry (the firmware
 * sends it to evil_entry): the stop-then-start path of the monitor. */
static void evil_restart(void)
{
	u64 t0 = rdtime();
	struct sbiret r;

	do {
		r = sbi(SBI_EXT_HSM, 2, 1, 0);
	} while (!r.err && r.val != HSM_STOPPED && rdtime() - t0 < HART_WAIT);
	if (r.err || r.val != HSM_STOPPED) {
		puts_("PAYLOAD evil-restart: hart1 did not stop\n");
		return;
	}
	hart_seen[1] = 0;
	asm volatile("fence rw, rw" : : : "memory");
	call_init(SBI_EXT_HSM, 0);
	call.x[REG_A0] = 1;
	call.x[REG_A1] = (u64)restart_entry;
	call.x[REG_A2] = HART1_RESTART_OPAQUE;
	call.x[REG_A3] = (u64)evil_entry - (u64)restart_entry;
	attack_call(&call);
	if (!wait_hart(1))
		puts_("PAYLOAD hart1 never entered the payload again\n");
	check("evil-restart");
}

/* Entered only if the firmware used a start the payload gave up on. */
void hart1_stale(u64 a0, u64 a1)
{
	puts_("PAYLOAD hart");
	putdec(a0);
	puts_(" STALE ENTRY at stale_entry a1=");
	puthex(a1);
	putc_('\n');
	asm volatile("fence rw, rw" : : : "memory");
	hart_seen[1] = 3;
	hart_stop();
}

/* Hart @hart's HSM status, polled until it reads stopped (or time out). */
static bool wait_stopped(u64 hart)
{
	u64 t0 = rdtime();
	struct sbiret r;

	do {
		r = sbi(SBI_EXT_HSM, 2, hart, 0);
	} while (!r.err && r.val != HSM_STOPPED && rdtime() - t0 < HART_WAIT);
	return !r.err && r.val == HSM_STOPPED;
}

/* The firmware answers hart_start(1, stale_entry) with success and starts
 * nothing; the payload gives up and asks hart 1's status; then the
 * firmware starts hart 1 there after all (hostile.stale-start). */
static void stale_start(void)
{
	struct sbiret r;

	if (!wait_stopped(1) ||
	    sbi3(HOSTILE_EID, ATK_STALE_START, ATK_STALE_START, (u64)canary, 0)
		    .err) {
		puts_("PAYLOAD stale-start: no idle hart 1\n");
		return;
	}
	hart_seen[1] = 0;
	asm volatile("fence rw, rw" : : : "memory");
	r = sbi3(SBI_EXT_HSM, 0, 1, (u64)stale_entry, HART1_STALE_OPAQUE);
	delay(STALE_GIVE_UP);
	puts_("PAYLOAD stale-start: hart_start err=");
	puthex((u64)r.err);
	puts_(hart_seen[1] ? ", hart1 came\n" :
			     ", hart1 never came: given up\n");
	r = sbi(SBI_EXT_HSM, 2, 1, 0);
	puts_("PAYLOAD stale-start: hart1 status=");
	puthex(r.val);
	putc_('\n');
	sbi3(HOSTILE_EID, ATK_STALE_START, ATK_STALE_START, (u64)canary, 1);
	if (wait_hart(1)) {
		puts_("PAYLOAD stale-start: CORRUPTED hart1 entered at a start "
		      "given up on\n");
		checks_failed++;
		return;
	}
	puts_("PAYLOAD stale-start: hart1 kept out of the payload\n");
}

/* Non-retentive suspend (SBI: on success the hart resumes at resume_addr
 * with a0 = hartid, a1 = opaque, nothing else kept). @evil_off != 0: the
 * firmware resumes hart 0 at suspend_evil with a1 = 0x666 instead. */
static void suspend(const char *name, u64 evil_off)
{
	struct suspend_out out;

	suspend_call(&out, evil_off);
	s_state_set();
	puts_("PAYLOAD ");
	puts_(name);
	switch (out.how) {
	case 1:
		puts_(": resumed at suspend_resume");
		break;
	case 2:
		puts_(": EVIL RESUME at suspend_evil");
		break;
	default:
		puts_(": returned as an ecall, not resumed at suspend_resume:");
		break;
	}
	puts_(" a0=");
	puthex(out.a0);
	puts_(" a1=");
	puthex(out.a1);
	putc_('\n');
}

/* The firmware starts hart 2 at evil_entry though nobody asked: under
 * protect the monitor must park it (nothing to check it against). */
static void rogue_start(void)
{
	struct sbiret r = sbi3(HOSTILE_EID, ATK_ROGUE_START, ATK_ROGUE_START,
			       (u64)canary, (u64)evil_entry);

	if (r.err) {
		puts_("PAYLOAD rogue-start: no hart 2 to start\n");
		return;
	}
	if (!wait_hart(2))
		puts_("PAYLOAD hart2 kept out of the payload\n");
}

/* The payload's code run by the firmware: reaches the payload's `ret`. */
static void exec_kernel(void)
{
	call_init(HOSTILE_EID, ATK_EXEC_KERNEL);
	call.x[REG_A2] = (u64)payload_ret;
	attack_call(&call);
	check("exec-kernel");
}

/* The firmware stops delegating exceptions, the payload takes one of its
 * own (ebreak): it must still reach the payload's handler, not the
 * firmware (docs/policy.md, rule 5). */
static void undeleg(void)
{
	struct sbiret r =
		sbi3(HOSTILE_EID, ATK_UNDELEG, ATK_UNDELEG, (u64)canary, 1);

	call_init(HOSTILE_EID, ATK_UNDELEG);
	call.stvec = (u64)ebreak_trap_entry;
	ebreak_call(&call);
	check_ex("undeleg", CHK_TRAP);
	if (!r.err)
		r = sbi3(HOSTILE_EID, ATK_UNDELEG, ATK_UNDELEG, (u64)canary, 0);
	if (r.err)
		puts_("PAYLOAD undeleg: call failed\n");
}

/* --- audit ----------------------------------------------------------------- */

static void audit(void)
{
	static const char *const access_name = "read\0\0write\0exec\0\0?";
	struct sbiret r = sbi(SBI_EXT_BASE, 3, SBI_EXT_RAMPART, 0);
	u64 v[4], n, i;

	if (r.err || r.val != 1) {
		puts_("PAYLOAD rampart absent\n");
		return;
	}
	for (i = 0; i < 4; i++) {
		r = sbi(SBI_EXT_RAMPART, RAMPART_AUDIT_COUNT, i, 0);
		v[i] = r.err ? ~0UL : r.val;
	}
	puts_("PAYLOAD audit total=");
	putdec(v[0]);
	puts_(" read=");
	putdec(v[1]);
	puts_(" write=");
	putdec(v[2]);
	puts_(" exec=");
	putdec(v[3]);
	putc_('\n');
	r = sbi(SBI_EXT_RAMPART, RAMPART_AUDIT_RECORDS, (u64)audit_buf,
		sizeof(audit_buf));
	if (r.err) {
		puts_("PAYLOAD audit records error ");
		puthex((u64)r.err);
		putc_('\n');
		return;
	}
	n = r.val;
	for (i = 0; i < n; i++) {
		const u8 *rec = audit_buf + i * AUDIT_RECORD_SIZE;
		u32 hart = *(const u32 *)rec, access = *(const u32 *)(rec + 4);
		u64 addr = *(const u64 *)(rec + 8);

		puts_("PAYLOAD audit record hart=");
		putdec(hart);
		puts_(" access=");
		puts_(access_name + 6 * (access < 3 ? access : 3));
		puts_(" addr=");
		puthex(addr);
		if (addr >= (u64)canary && addr < (u64)(canary + CANARY_WORDS))
			puts_(" (canary)");
		else if (addr == (u64)evil_entry)
			puts_(" (evil_entry)");
		else if (addr == (u64)stale_entry)
			puts_(" (stale_entry)");
		else if (addr == (u64)suspend_evil)
			puts_(" (suspend_evil)");
		else if (addr == (u64)payload_ret)
			puts_(" (payload_ret)");
		else if (addr == PAYLOAD_RACE_WORD)
			puts_(" (race_word)");
		else if (addr == PAYLOAD_EVIL_BOOT)
			puts_(" (evil_boot)");
		putc_('\n');
	}
}

/* --- attestation after the attacks --------------------------------------- */

/*
 * What a remote verifier would fetch once the firmware has attacked: fresh
 * evidence over a fixed nonce (bytes 0xa0..0xaf), the event log and the
 * audit chain from 0, as hex dumps ("PAYLOAD attest-X begin N", lines,
 * "end"). tests/qemu/checks/verify-boot.sh checks them: every attack the
 * firmware made after boot must be listed, and nothing else.
 */
static u8 attest_nonce[16] __attribute__((aligned(8)));
static u8 attest_buf[8192] __attribute__((aligned(8)));

static void dump_hex(const char *what, const u8 *p, u64 len)
{
	u64 i;

	puts_("PAYLOAD attest-");
	puts_(what);
	puts_(" begin ");
	putdec(len);
	for (i = 0; i < len; i++) {
		if (i % 64 == 0) {
			puts_("\nPAYLOAD attest-");
			puts_(what);
			putc_(' ');
		}
		putc_("0123456789abcdef"[p[i] >> 4]);
		putc_("0123456789abcdef"[p[i] & 15]);
	}
	puts_("\nPAYLOAD attest-");
	puts_(what);
	puts_(" end\n");
}

static void attest_dump(void)
{
	struct sbiret r = sbi(SBI_EXT_BASE, 3, SBI_EXT_RAMPART, 0);
	unsigned int i;

	if (r.err || r.val != 1)
		return; /* natively: nothing to attest */
	for (i = 0; i < sizeof(attest_nonce); i++)
		attest_nonce[i] = (u8)(0xa0 + i);
	r = sbi4(SBI_EXT_RAMPART, RAMPART_EVIDENCE, (u64)attest_nonce,
		 sizeof(attest_nonce), (u64)attest_buf, sizeof(attest_buf));
	if (r.err)
		goto fail;
	dump_hex("evidence", attest_buf, r.val);
	r = sbi(SBI_EXT_RAMPART, RAMPART_EVENT_LOG, (u64)attest_buf,
		sizeof(attest_buf));
	if (r.err)
		goto fail;
	dump_hex("eventlog", attest_buf, r.val);
	r = sbi3(SBI_EXT_RAMPART, RAMPART_AUDIT_CHAIN, 0, (u64)attest_buf,
		 sizeof(attest_buf));
	if (r.err)
		goto fail;
	dump_hex("chain", attest_buf, r.val);
	return;
fail:
	puts_("PAYLOAD attest error ");
	puthex((u64)r.err);
	putc_('\n');
}

extern volatile u64 race_word;
extern u64 boot_mark;

#define RACE_WAIT 1000000UL /* ticks: 100 ms */

/* --- reset-secret: does a secret survive a reset? ------------------------ */

#define TEST_RESET 0x7777

/* The secret's places: in the image's .data (QEMU loads it again at a
 * reset) and .bss (it does not), and two pages higher up. */
static volatile u64 secret_data[SECRET_WORDS] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static volatile u64 secret_bss[SECRET_WORDS];
static volatile u64 secret_salt; /* 0, but not to the compiler */

static void secret_put(volatile u64 *at)
{
	unsigned int i;

	for (i = 0; i < SECRET_WORDS; i++)
		at[i] = SECRET_WORD(secret_salt, i);
	puts_(" ");
	puthex((u64)at);
}

/*
 * hostile.reset-fw: the firmware resets the machine when asked (through
 * Rampart after the lock); hostile.reset-payload: the payload writes the
 * test device itself, a reset no one mediates (the hostile firmware's PMP
 * lets it). The next boot's firmware looks for the secret; this boot
 * never comes back here.
 */
static void reset_secret(void)
{
	bool by_payload = option("hostile.reset-payload");

	puts_("PAYLOAD reset-secret: secret at");
	secret_put(secret_data);
	secret_put(secret_bss);
	secret_put((volatile u64 *)SECRET_HIGH);
	secret_put((volatile u64 *)SECRET_TOP);
	puts_(by_payload ? ", resetting through the test device\n" :
			   ", asking the firmware to reset\n");
	asm volatile("fence rw, rw" : : : "memory");
	if (by_payload)
		*(volatile u32 *)TEST_BASE = TEST_RESET;
	else
		sbi(HOSTILE_EID, ATK_RESET, ATK_RESET, 0);
	delay(HART_WAIT);
	puts_("PAYLOAD reset-secret: no reset came\n");
	*(volatile u32 *)TEST_BASE = TEST_FAIL | (6 << 16);
	for (;;)
		asm volatile("wfi");
}

void payload_main(u64 hartid, u64 fdt)
{
	/* race-lock: does the firmware's hart 1 still write race_word now
	 * that the payload runs? Nothing printed meanwhile: the monitor
	 * prints hart 1's audit line. */
	u64 race0 = race_word, race1;

	delay(RACE_WAIT);
	race1 = race_word;
	puts_("PAYLOAD start hart=");
	putdec(hartid);
	puts_(" a1=");
	puthex(fdt);
	puts_(" canary=");
	puthex((u64)canary);
	putc_('\n');
	if (boot_mark == EVIL_BOOT_MARK) {
		puts_("PAYLOAD evil-boot: EVIL BOOT entered at evil_boot\n");
		checks_failed++;
	} else {
		puts_("PAYLOAD evil-boot: entered at _start\n");
	}
	if (race0 != race1 || race_word != race1) {
		puts_("PAYLOAD race-lock: CORRUPTED race_word still changing (");
		puthex(race0);
		puts_(" -> ");
		puthex(race1);
		puts_(")\n");
		checks_failed++;
	} else {
		puts_("PAYLOAD race-lock: race_word stable at ");
		puthex(race1);
		putc_('\n');
	}
	find_bootargs(fdt);
	if (option("hostile.reset-fw") || option("hostile.reset-payload"))
		reset_secret();
	paging_on();
	s_state_set();
	canary_fill();

	attack("read-kernel", ATK_READ_KERNEL);
	attack("write-kernel", ATK_WRITE_KERNEL);
	attack("pmp-grant", ATK_PMP_GRANT);
	attack("spy-regs", ATK_SPY_REGS);
	attack("tamper", ATK_TAMPER);
	attack("mprv-read", ATK_MPRV_READ);
	attack("mprv-write", ATK_MPRV_WRITE);
	exec_kernel();
	attack("dma", ATK_DMA);
	attack("fwcfg-dma", ATK_FWCFG_DMA);
	attack_irq();
	/* optional: the monitor at this commit is known to fail it */
	if (option("hostile.stimecmp"))
		attack("stimecmp", ATK_STIMECMP);
	if (option("hostile.fp"))
		attack_fp();
	undeleg();
	evil_start();
	evil_restart();
	if (option("hostile.stale-start"))
		stale_start();
	suspend("honest-suspend", 0);
	suspend("evil-suspend", (u64)suspend_evil - (u64)suspend_resume);
	rogue_start();
	/* last: a locked PMP entry cannot be undone */
	attack("pmp-lock", ATK_PMP_LOCK);

	audit();
	attest_dump();
	puts_("PAYLOAD checks failed=");
	putdec(checks_failed);
	putc_('\n');
	puts_("PAYLOAD DONE\n");
	sbi(SBI_EXT_SRST, 0, 0, 0);
	puts_("PAYLOAD SRST returned\n");
	*(volatile u32 *)TEST_BASE = TEST_FAIL | (5 << 16);
	for (;;)
		asm volatile("wfi");
}
