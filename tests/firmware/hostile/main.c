// SPDX-License-Identifier: BSD-2-Clause
/*
 * hostile: a minimal SBI firmware that attacks the S-mode payload it boots
 * (tests/firmware/payload). It boots like OpenSBI would (delegation, PMP
 * entry 7 open for S, mret to 0x8020_0000 with a0 = hartid, a1 = the device
 * tree), serves the base, HSM and SRST extensions, and on each vendor call
 * (hostile.h) tries one way to read, write or steer the payload. Every try
 * prints one line:
 *
 *   ATTACK <name>: blocked mcause=<n>     the access faulted
 *   ATTACK <name>: SUCCEEDED <detail>     it got through
 *
 * The firmware's own access faults land in its trap handler (from M), which
 * notes the cause and skips the instruction. Under Rampart's protect policy
 * every attempt must be blocked and the payload must find its state intact;
 * natively, or under POLICY=none, they succeed, which shows the tests can
 * fail.
 */
#include "../common/fw.h"
#include "hostile.h"
#include "bootargs.h"

#define NHARTS 3
#define HART_STACK_SIZE 8192
#define SZ_2M 0x200000UL

/* As OpenSBI: misaligned fetch, breakpoint, U ecall, page faults; S
 * software, timer and external interrupts. */
#define MEDELEG_SBI 0xb109UL
#define MIDELEG_SBI 0x222UL
#define PMP_L 0x80
#define PMPADDR_ALL (~0UL >> 10)
#define PMP_RWX (PMP_R | PMP_W | PMP_X)

/* sstatus bits that are the payload's own state (UXL and FS are not). */
#define SSTATUS_MASK \
	(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR)

/* SBI */
#define SBI_EXT_BASE 0x10
#define SBI_EXT_HSM 0x48534dUL
#define SBI_EXT_SRST 0x53525354UL
#define SBI_HSM_NON_RETENTIVE 0x80000000UL
#define SBI_ERR_INVALID_PARAM (-3L)
#define SBI_ERR_NOT_SUPPORTED (-2L)
#define SBI_ERR_ALREADY_AVAILABLE (-6L)

/* QEMU virt devices */
#define VIRTIO0_BASE 0x10001000UL
#define VIRTIO_MAGIC 0x000
#define VIRTIO_QUEUE_SEL 0x030
#define FW_CFG_DMA 0x10100010UL
#define FW_CFG_SIGNATURE 0x0000
#define FW_CFG_DMA_READ 0x02
#define FW_CFG_DMA_SELECT 0x08
#define CLINT_MSIP(h) (CLINT_BASE + 4 * (h))
#define CLINT_MTIMECMP(h) (CLINT_BASE + 0x4000 + 8 * (h))

#define REG_SP 2
#define REG_A0 10
#define REG_A1 11
#define REG_A2 12
#define REG_A3 13
#define REG_A6 16
#define REG_A7 17

void hostile_trap_entry(void);
void enter_lower(u64 pc, u64 a0, u64 a1, u64 stack_top)
	__attribute__((noreturn));
u64 hostile_trap(struct trap_frame *f);
void hostile_secondary(u64 hartid) __attribute__((noreturn));
void hostile_wait(u64 hartid) __attribute__((noreturn));
/* entry.S: hostile_wait(hartid) on a fresh stack */
void hostile_rewait(u64 hartid, u64 stack_top) __attribute__((noreturn));

extern volatile u64 hostile_ready; /* entry.S, in .data */
u8 hart_stacks[NHARTS][HART_STACK_SIZE] __attribute__((aligned(16)));

/* hart_start requests, written by the hart that serves the call; present:
 * the hart is up in the firmware, waiting */
static volatile struct {
	u64 pc, a1, valid, started, present;
} hsm[NHARTS];

/* Faults the firmware took itself while an attempt was under way. */
static volatile struct {
	u64 armed, count, cause, mark;
} fault[NHARTS];

/* this hart's fault bookkeeping (hart 1 races while hart 0 attacks) */
#define MYFAULT (fault[csr_read(mhartid) % NHARTS])

/* The payload's page tables, as the firmware would like them: an identity
 * map of its own (the tamper attacks point satp here). */
static u64 alt_pt[512] __attribute__((aligned(4096)));

/* fw_cfg DMA descriptor (big-endian fields) */
static volatile struct {
	u32 control;
	u32 length;
	u64 address;
} fwcfg_desc __attribute__((aligned(16)));

static volatile u64 spy_irq_armed, spy_irq_lo, spy_irq_hi, spy_irq_tries;
#define SPY_IRQ_TRIES 20
/* undeleg: payload exceptions that reached the firmware */
static volatile u64 undeleg_active, undeleg_count, undeleg_cause;

static u64 hart_stack_top(u64 hart)
{
	return (u64)hart_stacks + (hart + 1) * HART_STACK_SIZE;
}

/* --- output ------------------------------------------------------------- */

static void attack_line(const char *name)
{
	puts_("ATTACK ");
	puts_(name);
	puts_(": ");
}

static void attempt_begin(void)
{
	MYFAULT.mark = MYFAULT.count;
	MYFAULT.armed = 1;
	asm volatile("" : : : "memory");
}

/* true if the attempt faulted */
static bool attempt_end(void)
{
	asm volatile("" : : : "memory");
	MYFAULT.armed = 0;
	return MYFAULT.count != MYFAULT.mark;
}

static void blocked_line(const char *name)
{
	attack_line(name);
	puts_("blocked mcause=");
	putdec(MYFAULT.cause);
	putc_('\n');
}

/* --- single-instruction accesses (a fault skips exactly one) ----------- */

static u64 load64(u64 addr)
{
	u64 v = 0;

	asm volatile("ld %0, 0(%1)" : "+r"(v) : "r"(addr) : "memory");
	return v;
}

static void store64(u64 addr, u64 v)
{
	asm volatile("sd %0, 0(%1)" : : "r"(v), "r"(addr) : "memory");
}

static u32 load32(u64 addr)
{
	u32 v = 0;

	asm volatile("lw %0, 0(%1)" : "+r"(v) : "r"(addr) : "memory");
	return v;
}

static void store32(u64 addr, u32 v)
{
	asm volatile("sw %0, 0(%1)" : : "r"(v), "r"(addr) : "memory");
}

/* mstatus.MPRV with MPP = S around one load/store: done as the payload. */
static void mpp_set(u64 mode)
{
	csr_clear(mstatus, MSTATUS_MPP);
	csr_set(mstatus, mode << MSTATUS_MPP_SHIFT);
}

static u64 load64_mprv_s(u64 addr)
{
	u64 v = 0;

	mpp_set(PRV_S);
	asm volatile("csrs mstatus, %2\n\t"
		     "ld %0, 0(%1)\n\t"
		     "csrc mstatus, %2"
		     : "+r"(v)
		     : "r"(addr), "r"(MSTATUS_MPRV)
		     : "memory");
	return v;
}

static void store64_mprv_s(u64 addr, u64 v)
{
	mpp_set(PRV_S);
	asm volatile("csrs mstatus, %2\n\t"
		     "sd %0, 0(%1)\n\t"
		     "csrc mstatus, %2"
		     :
		     : "r"(v), "r"(addr), "r"(MSTATUS_MPRV)
		     : "memory");
}

/* --- the attacks -------------------------------------------------------- */

static void read_attack(const char *name, u64 addr)
{
	u64 v;

	attempt_begin();
	v = load64(addr);
	if (attempt_end()) {
		blocked_line(name);
		return;
	}
	attack_line(name);
	puts_("SUCCEEDED read ");
	puthex(v);
	puts_(" at ");
	puthex(addr);
	putc_('\n');
}

static void write_attack(const char *name, u64 addr)
{
	attempt_begin();
	store64(addr, HACKED);
	if (attempt_end()) {
		blocked_line(name);
		return;
	}
	attack_line(name);
	puts_("SUCCEEDED wrote ");
	puthex(HACKED);
	puts_(" at ");
	puthex(addr);
	putc_('\n');
}

/* PMP entry 0 NAPOT over the 2 MiB around @addr, RWX (+ @extra), as a
 * firmware would "give itself" the payload; entry 7 (S's) is left alone. */
static void pmp_entry0_over(u64 addr, u64 extra)
{
	u64 base = addr & ~(SZ_2M - 1);

	csr_clear(pmpcfg0, 0xff);
	csr_write(pmpaddr0, (base | (SZ_2M / 2 - 1)) >> 2);
	csr_set(pmpcfg0, PMP_A_NAPOT | PMP_RWX | extra);
	asm volatile("sfence.vma" : : : "memory");
}

static void pmp_grant(u64 canary)
{
	/* M-mode ignores an unlocked entry: this one is only a "grant". */
	pmp_entry0_over(canary, 0);
	read_attack("pmp-grant", canary);
	csr_clear(pmpcfg0, 0xff);
	asm volatile("sfence.vma" : : : "memory");
}

/* A locked entry binds M too and stays until reset: last of the memory
 * attacks (the payload asks for it last). */
static void pmp_lock(u64 canary)
{
	pmp_entry0_over(canary, PMP_L);
	read_attack("pmp-lock", canary);
	write_attack("pmp-lock-write", canary + 16);
}

static void mprv_read(u64 canary)
{
	u64 v;

	attempt_begin();
	v = load64_mprv_s(canary);
	if (attempt_end()) {
		blocked_line("mprv-read");
		return;
	}
	attack_line("mprv-read");
	puts_("SUCCEEDED read ");
	puthex(v);
	puts_(" at ");
	puthex(canary);
	putc_('\n');
}

static void mprv_write(u64 canary)
{
	attempt_begin();
	store64_mprv_s(canary + 8, HACKED);
	if (attempt_end()) {
		blocked_line("mprv-write");
		return;
	}
	attack_line("mprv-write");
	puts_("SUCCEEDED wrote ");
	puthex(HACKED);
	puts_(" at ");
	puthex(canary + 8);
	putc_('\n');
}

/* virtio-mmio transport 0: the first step of any virtio DMA. */
static void dma_virtio(void)
{
	u64 rcause = 0, wcause = 0;
	bool rblocked, wblocked;
	u32 magic;

	attempt_begin();
	magic = load32(VIRTIO0_BASE + VIRTIO_MAGIC);
	rblocked = attempt_end();
	if (rblocked)
		rcause = MYFAULT.cause;
	attempt_begin();
	store32(VIRTIO0_BASE + VIRTIO_QUEUE_SEL, 0);
	wblocked = attempt_end();
	if (wblocked)
		wcause = MYFAULT.cause;
	attack_line("dma");
	if (rblocked && wblocked) {
		puts_("blocked mcause=");
		putdec(rcause);
		puts_(" (MagicValue read) mcause=");
		putdec(wcause);
		puts_(" (QueueSel write)\n");
		return;
	}
	puts_("SUCCEEDED");
	if (!rblocked) {
		puts_(" read MagicValue=");
		puthex(magic);
	}
	if (!wblocked)
		puts_(" wrote QueueSel");
	putc_('\n');
}

/* No libgcc: byte swaps by hand (fw_cfg is big-endian). */
static u32 be32(u32 v)
{
	return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) |
	       (v << 24);
}

static u64 be64(u64 v)
{
	return ((u64)be32((u32)v) << 32) | be32((u32)(v >> 32));
}

/* fw_cfg DMA: the device copies the signature ("QEMU") into the canary,
 * past any PMP. Only the register write is the firmware's access. */
static void dma_fwcfg(u64 canary)
{
	u32 control =
		(FW_CFG_SIGNATURE << 16) | FW_CFG_DMA_SELECT | FW_CFG_DMA_READ;

	fwcfg_desc.control = be32(control);
	fwcfg_desc.length = be32(4);
	fwcfg_desc.address = be64(canary);
	asm volatile("fence rw, rw" : : : "memory");
	attempt_begin();
	store64(FW_CFG_DMA, be64((u64)&fwcfg_desc));
	if (attempt_end()) {
		blocked_line("fwcfg-dma");
		return;
	}
	asm volatile("fence rw, rw" : : : "memory");
	attack_line("fwcfg-dma");
	if (fwcfg_desc.control) {
		puts_("device refused, control=");
		puthex(be32(fwcfg_desc.control));
		putc_('\n');
		return;
	}
	puts_("SUCCEEDED device wrote the fw_cfg signature at ");
	puthex(canary);
	putc_('\n');
}

static u64 sstatus_state(void)
{
	return csr_read(sstatus) & SSTATUS_MASK;
}

/* Count the nonzero registers in @f among those in @mask (bit n = xn). */
static u64 nonzero_regs(const struct trap_frame *f, u64 mask)
{
	u64 n = 0;
	unsigned int i;

	for (i = 1; i < 32; i++)
		if ((mask & BIT(i)) && f->x[i])
			n++;
	return n;
}

static void put_kv(const char *k, u64 v)
{
	putc_(' ');
	puts_(k);
	putc_('=');
	puthex(v);
}

/* What the firmware can learn about the payload from @f and the S CSRs
 * (no table of names: absolute addresses in data would tie the image to
 * its link address). */
static void spy(const char *name, const struct trap_frame *f, u64 mask)
{
	u64 n = nonzero_regs(f, mask), leak = n;
	u64 v;

	attack_line(name);
	puts_("nonzero=");
	putdec(n);
#define SPY_CSR(label, expr)      \
	do {                      \
		v = (expr);       \
		leak |= v;        \
		put_kv(label, v); \
	} while (0)
	SPY_CSR("sepc", csr_read(sepc));
	SPY_CSR("stvec", csr_read(stvec));
	SPY_CSR("sscratch", csr_read(sscratch));
	SPY_CSR("scause", csr_read(scause));
	SPY_CSR("stval", csr_read(stval));
	SPY_CSR("satp", csr_read(satp));
	SPY_CSR("sstatus", sstatus_state());
	SPY_CSR("sie", csr_read(sie));
#undef SPY_CSR
	puts_(leak ? " SUCCEEDED: payload state visible\n" :
		     " nothing visible\n");
	/* Not a verdict: the design does not hide the trapped pc (an SBI
	 * firmware needs it for mepc + 4), but it is knowledge all the same. */
	puts_("INFO ");
	puts_(name);
	puts_(": mepc=");
	puthex(csr_read(mepc));
	puts_(" mstatus.MPP=");
	putdec((csr_read(mstatus) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
	putc_('\n');
}

/* Overwrite what the payload resumes with: registers in @mask, its S CSRs,
 * satp (an identity map of the firmware's own, so natively the payload
 * survives to report it), sstatus and sie. */
static void tamper(struct trap_frame *f, u64 mask)
{
	unsigned int i;

	for (i = 1; i < 32; i++)
		if (mask & BIT(i))
			f->x[i] = GARBAGE(i);
	for (i = 0; i < 512; i++)
		alt_pt[i] = 0;
	/* gigapages: V R W X G A D */
	alt_pt[0] = (0x00000000UL >> 12) << 10 | 0xef;
	alt_pt[2] = (0x80000000UL >> 12) << 10 | 0xef;
	asm volatile("fence rw, rw" : : : "memory");
	csr_write(stvec, GARBAGE(0x105) & ~3UL);
	csr_write(sscratch, GARBAGE(0x140));
	csr_write(sepc, GARBAGE(0x141) & ~1UL);
	csr_write(scause, 0xd);
	csr_write(stval, GARBAGE(0x143));
	csr_write(satp, (8UL << 60) | (0x5aUL << 44) | ((u64)alt_pt >> 12));
	csr_clear(sstatus, MSTATUS_SUM | MSTATUS_SPIE);
	csr_set(sstatus, MSTATUS_MXR);
	csr_set(sie, MIP_SEIP);
}

#define SPY_ECALL_REGS 0xfffc03feUL    /* x1-x9, x18-x31 */
#define TAMPER_ECALL_REGS 0xfffff3feUL /* x1-x31 but a0, a1 */
#define SPY_IRQ_REGS 0xfffffffeUL      /* x1-x31 */

static void spy_irq_arm_timer(u64 hart)
{
	mmio_write64(CLINT_MTIMECMP(hart),
		     mmio_read64(CLINT_MTIME) + SPY_IRQ_DELAY);
	csr_set(mie, MIP_MTIP);
}

static void spy_irq_arm(const struct trap_frame *f)
{
	spy_irq_lo = f->x[REG_A2];
	spy_irq_hi = f->x[REG_A3];
	spy_irq_tries = 0;
	spy_irq_armed = 1;
	spy_irq_arm_timer(csr_read(mhartid));
}

/* Sstc: the payload's timer deadline is a supervisor CSR like the others
 * (docs/policy.md, rule 3: reads as zero; rule 4: the payload gets its own back). */
static void stimecmp_attack(void)
{
	u64 v = csr_read(0x14d);

	csr_write(0x14d, STIMECMP_GARBAGE);
	attack_line("stimecmp");
	if (v) {
		puts_("SUCCEEDED read the payload's stimecmp=");
		puthex(v);
	} else {
		puts_("reads 0x0");
	}
	puts_(", overwrote it with ");
	puthex(STIMECMP_GARBAGE);
	putc_('\n');
}

void fp_read(u64 out[33]);
void fp_garbage(u64 first, u64 fcsr);

/* The FP registers are the payload's too (docs/policy.md, rule 3: the firmware sees
 * zero in every register but a0-a7; rule 4: the payload gets its own
 * back). Turn FP on (mstatus.FS, as a firmware emulating misaligned FP
 * accesses would), look, overwrite. */
static void spy_fp(void)
{
	u64 regs[33], n = 0;
	unsigned int i;

	csr_set(mstatus, 3UL << 13); /* FS = dirty */
	if (!(csr_read(mstatus) & (3UL << 13))) {
		/* FS stayed off: any FP instruction would be illegal here */
		attack_line("spy-fp");
		puts_("blocked: mstatus.FS stays off, FP registers unreachable\n");
		return;
	}
	fp_read(regs);
	for (i = 0; i < 32; i++)
		n += regs[i] != 0;
	attack_line("spy-fp");
	puts_("nonzero=");
	putdec(n);
	puts_(" f0=");
	puthex(regs[0]);
	puts_(" fcsr=");
	puthex(regs[32]);
	puts_(n || regs[32] ? " SUCCEEDED: payload FP state visible" :
			      " nothing visible");
	puts_("; f0-f31, fcsr overwritten\n");
	fp_garbage(GARBAGE(0x200), 0x7e);
}

/* Run the payload's code in (virtual) M-mode: a fetch fault resumes at ra
 * (hostile_trap). @target is a lone `ret` in the payload. */
static void exec_kernel(u64 target)
{
	attempt_begin();
	asm volatile("jalr ra, 0(%0)" : : "r"(target) : "ra", "memory");
	if (attempt_end()) {
		blocked_line("exec-kernel");
		return;
	}
	attack_line("exec-kernel");
	puts_("SUCCEEDED ran the payload's code at ");
	puthex(target);
	puts_(" in M-mode\n");
}

/* Stop delegating exceptions: the payload's own traps (the ebreak it is
 * about to execute) would come here, with its registers. */
static void undeleg(u64 on)
{
	if (on) {
		undeleg_count = 0;
		undeleg_active = 1;
		csr_write(medeleg, 0);
		attack_line("undeleg");
		puts_("medeleg=0, waiting for the payload's exceptions\n");
		return;
	}
	csr_write(medeleg, MEDELEG_SBI);
	undeleg_active = 0;
	attack_line("undeleg");
	if (!undeleg_count) {
		puts_("blocked: no payload exception reached the firmware\n");
		return;
	}
	puts_("SUCCEEDED ");
	putdec(undeleg_count);
	puts_(" payload exception(s) reached the firmware, mcause=");
	putdec(undeleg_cause);
	putc_('\n');
}

/* A payload exception while undeleg is on: look, then skip it. */
static void undeleg_trap(struct trap_frame *f, u64 cause, u64 epc)
{
	undeleg_count++;
	undeleg_cause = cause;
	spy("undeleg", f, SPY_IRQ_REGS);
	csr_write(mepc, epc + insn_len_at(epc));
}

static long hart_send(u64 hart, u64 pc, u64 a1)
{
	hsm[hart].pc = pc;
	hsm[hart].a1 = a1;
	asm volatile("fence rw, rw" : : : "memory");
	hsm[hart].valid = 1;
	asm volatile("fence rw, rw" : : : "memory");
	mmio_write32(CLINT_MSIP(hart), 1);
	return 0;
}

/* Start hart 2 on the firmware's own initiative. */
static long rogue_start(u64 pc)
{
	attack_line("rogue-start");
	if (!hsm[2].present || hsm[2].valid || hsm[2].started) {
		puts_("skipped: no idle hart 2\n");
		return SBI_ERR_NOT_SUPPORTED;
	}
	puts_("hart 2 sent to ");
	puthex(pc);
	puts_(" a1=0x666, the payload asked for nothing\n");
	return hart_send(2, pc, 0x666);
}

/*
 * reset-secret. Boot 1: asked by the payload (hostile.reset-fw), reset the
 * machine through the test device, as an SRST would. Boot 2 (fw_main):
 * before the payload runs, while rule 1 (docs/policy.md) gives the firmware all of
 * DRAM again, look for what the payload left (hostile.h).
 */
#define TEST_RESET 0x7777
#define BOOT_MARK ((volatile u64 *)0x801ff000UL) /* beyond the image: QEMU
						   * does not load it again */
#define BOOT_MARK_RESET 0x54455345524f4f42UL
#define SCAN_END 0xa0000000UL /* the cases' 512 MiB of DRAM */
#define RESET_WAIT 30000000UL /* ticks: 3 s */

static volatile u64 secret_salt; /* 0, but not to the compiler */

static void reset_attack(void)
{
	u64 t0;

	attack_line("reset-secret");
	puts_("resetting the machine through the test device\n");
	attempt_begin();
	store32(TEST_BASE, TEST_RESET);
	if (attempt_end()) {
		blocked_line("reset-secret");
		return;
	}
	t0 = mmio_read64(CLINT_MTIME);
	while (mmio_read64(CLINT_MTIME) - t0 < RESET_WAIT)
		;
	puts_("FIRMWARE reset-secret: no reset came\n");
}

/* Is the payload's secret at @a? */
static bool secret_at(u64 a)
{
	unsigned int i;

	for (i = 0; i < SECRET_WORDS; i++)
		if (load64(a + 8 * i) != SECRET_WORD(secret_salt, i))
			return false;
	return true;
}

static void __attribute__((noreturn)) secret_scan(void)
{
	u64 a, first = SECRET_WORD(secret_salt, 0), found = 0;

	puts_("HOSTILE firmware: after the reset, scanning payload memory ");
	puthex(PAYLOAD_ENTRY);
	puts_("-");
	puthex(SCAN_END);
	putc_('\n');
	for (a = PAYLOAD_ENTRY; a + 8 * SECRET_WORDS <= SCAN_END; a += 8) {
		if (load64(a) != first || !secret_at(a))
			continue;
		attack_line("reset-secret");
		puts_("SUCCEEDED found at ");
		puthex(a);
		putc_('\n');
		found++;
	}
	if (!found) {
		attack_line("reset-secret");
		puts_("blocked: secret absent\n");
	}
	/* what QEMU loaded again must still be there (the tree is: the
	 * words above came from its bootargs) */
	puts_(load64(PAYLOAD_ENTRY) ? "HOSTILE firmware: payload image kept\n" :
				      "HOSTILE firmware: payload image CLEARED\n");
	poweroff(0);
}

/* Boot 2 of a reset-secret case scans and powers off; boot 1 notes it
 * ran. */
static void reset_secret_boot(void)
{
	if (!option("hostile.reset-fw") && !option("hostile.reset-payload"))
		return;
	if (*BOOT_MARK == BOOT_MARK_RESET) {
		*BOOT_MARK = 0;
		secret_scan();
	}
	*BOOT_MARK = BOOT_MARK_RESET;
}

/*
 * stale-start: the firmware takes a hart_start for hart 1, answers success
 * and starts nothing; the payload gives up, asks hart 1's status (stopped),
 * and only then is hart 1 started where it asked (SBI HSM: a start is
 * asynchronous, but one the caller was told is not coming must not come).
 */
static volatile struct {
	u64 armed, held, pc, a1;
} stale;

/* From hsm_call: the request is held, not served. */
static long stale_hold(u64 hart, u64 pc, u64 a1)
{
	stale.armed = 0;
	stale.pc = pc;
	stale.a1 = a1;
	stale.held = 1;
	attack_line("stale-start");
	puts_("hart ");
	putdec(hart);
	puts_(" asked to start at ");
	puthex(pc);
	puts_(" a1=");
	puthex(a1);
	puts_(": answered success, not started\n");
	return 0;
}

static long stale_start(u64 fire)
{
	if (!fire) {
		stale.held = 0;
		stale.armed = 1;
		return 0;
	}
	attack_line("stale-start");
	if (!stale.held || !hsm[1].present || hsm[1].valid || hsm[1].started) {
		puts_("skipped: no held request or no idle hart 1\n");
		return SBI_ERR_NOT_SUPPORTED;
	}
	stale.held = 0;
	puts_("hart 1 sent to ");
	puthex(stale.pc);
	puts_(" a1=");
	puthex(stale.a1);
	puts_(", the start the payload gave up on\n");
	return hart_send(1, stale.pc, stale.a1);
}

static void hostile_call(struct trap_frame *f, u64 fid, u64 *next)
{
	long err = 0;

	u64 canary = f->x[REG_A1];

	switch (fid) {
	case ATK_READ_KERNEL:
		read_attack("read-kernel", canary);
		break;
	case ATK_WRITE_KERNEL:
		write_attack("write-kernel", canary);
		break;
	case ATK_PMP_GRANT:
		pmp_grant(canary);
		break;
	case ATK_SPY_REGS:
		spy("spy-regs", f, SPY_ECALL_REGS);
		break;
	case ATK_TAMPER:
		tamper(f, TAMPER_ECALL_REGS);
		*next += 0x40 - 4;
		attack_line("tamper");
		puts_("x1-x31 but a0/a1, stvec, sscratch, sepc, scause, "
		      "stval, satp, sstatus, sie overwritten; mepc+0x40\n");
		break;
	case ATK_MPRV_READ:
		mprv_read(canary);
		break;
	case ATK_MPRV_WRITE:
		mprv_write(canary);
		break;
	case ATK_DMA:
		dma_virtio();
		break;
	case ATK_FWCFG_DMA:
		dma_fwcfg(canary);
		break;
	case ATK_PMP_LOCK:
		pmp_lock(canary);
		break;
	case ATK_SPY_IRQ:
		spy_irq_arm(f);
		break;
	case ATK_STIMECMP:
		stimecmp_attack();
		break;
	case ATK_SPY_FP:
		spy_fp();
		break;
	case ATK_EXEC_KERNEL:
		exec_kernel(f->x[REG_A2]);
		break;
	case ATK_UNDELEG:
		undeleg(f->x[REG_A2]);
		break;
	case ATK_ROGUE_START:
		err = rogue_start(f->x[REG_A2]);
		break;
	case ATK_RESET:
		reset_attack();
		break;
	case ATK_STALE_START:
		err = stale_start(f->x[REG_A2]);
		break;
	default:
		err = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	f->x[REG_A0] = (u64)err;
	f->x[REG_A1] = 0;
}

/* --- SBI ------------------------------------------------------------------ */

static bool known_ext(u64 eid)
{
	return eid == SBI_EXT_BASE || eid == SBI_EXT_HSM ||
	       eid == SBI_EXT_SRST || eid == HOSTILE_EID;
}

static long base_call(u64 fid, u64 arg, u64 *val)
{
	switch (fid) {
	case 0: /* spec 2.0 */
		*val = 2UL << 24;
		break;
	case 1: /* implementation id "HOS" */
		*val = 0x484f53;
		break;
	case 2:
		*val = 1;
		break;
	case 3:
		*val = known_ext(arg);
		break;
	case 4:
		*val = csr_read(mvendorid);
		break;
	case 5:
		*val = csr_read(marchid);
		break;
	case 6:
		*val = csr_read(mimpid);
		break;
	default:
		return SBI_ERR_NOT_SUPPORTED;
	}
	return 0;
}

/* hart_start, hostile: the hart goes to entry + a3 with a1 = 0x666. */
static long hsm_call(struct trap_frame *f, u64 fid, u64 *val)
{
	u64 hart = f->x[REG_A0], self = csr_read(mhartid);
	u64 entry = f->x[REG_A1], off = f->x[REG_A3];

	if (fid == 2) { /* get_status: 0 started, 1 stopped */
		if (hart >= NHARTS)
			return SBI_ERR_INVALID_PARAM;
		*val = hart == self || hsm[hart].started ? 0 : 1;
		return 0;
	}
	if (fid != 0)
		return SBI_ERR_NOT_SUPPORTED;
	if (hart >= NHARTS)
		return SBI_ERR_INVALID_PARAM;
	if (hart == self || hsm[hart].valid || hsm[hart].started)
		return SBI_ERR_ALREADY_AVAILABLE;
	if (!hsm[hart].present)
		return SBI_ERR_INVALID_PARAM;
	if (stale.armed && hart == 1)
		return stale_hold(hart, entry, f->x[REG_A2]);
	attack_line("evil-start");
	puts_("hart ");
	putdec(hart);
	puts_(" asked to start at ");
	puthex(entry);
	puts_(" a1=");
	puthex(f->x[REG_A2]);
	puts_(", sent to ");
	puthex(entry + off);
	puts_(" a1=");
	puthex(off ? 0x666 : f->x[REG_A2]);
	putc_('\n');
	return hart_send(hart, entry + off, off ? 0x666 : f->x[REG_A2]);
}

/* hart_stop: this hart waits for the next hart_start again. */
static void __attribute__((noreturn)) hart_stop(void)
{
	u64 hart = csr_read(mhartid);

	hsm[hart].started = 0;
	hostile_rewait(hart, hart_stack_top(hart));
}

/* Non-retentive hart_suspend: no suspend at all, the hart "resumes" at
 * once, at resume_addr + a3 with a1 = 0x666 (a3 = 0: honestly, at
 * resume_addr with a1 = opaque, as the SBI spec says). */
static void evil_suspend(struct trap_frame *f)
{
	u64 hart = csr_read(mhartid);
	u64 entry = f->x[REG_A1], off = f->x[REG_A3];
	u64 a1 = off ? 0x666 : f->x[REG_A2];

	if (off)
		attack_line("evil-suspend");
	else
		puts_("FIRMWARE honest suspend: ");
	puts_("hart ");
	putdec(hart);
	puts_(" asked to resume at ");
	puthex(entry);
	puts_(" a1=");
	puthex(f->x[REG_A2]);
	puts_(", sent to ");
	puthex(entry + off);
	puts_(" a1=");
	puthex(a1);
	putc_('\n');
	f->x[REG_A0] = hart;
	f->x[REG_A1] = a1;
	csr_write(mepc, entry + off);
}

static void sbi_call(struct trap_frame *f, u64 epc, u64 status)
{
	u64 eid = f->x[REG_A7], fid = f->x[REG_A6], val = 0, next = epc + 4;
	long err = 0;

	switch (eid) {
	case SBI_EXT_BASE:
		err = base_call(fid, f->x[REG_A0], &val);
		break;
	case SBI_EXT_SRST:
		if (fid != 0) {
			err = SBI_ERR_NOT_SUPPORTED;
			break;
		}
		puts_("FIRMWARE system reset\n");
		poweroff(f->x[REG_A1] ? 1 : 0);
		break;
	case SBI_EXT_HSM:
		if (fid == 1) /* hart_stop: back to waiting, never returns */
			hart_stop();
		if (fid == 3 && (f->x[REG_A0] & SBI_HSM_NON_RETENTIVE)) {
			evil_suspend(f);
			return;
		}
		err = hsm_call(f, fid, &val);
		break;
	case HOSTILE_EID:
		hostile_call(f, fid, &next);
		/* the attack may have tampered with a0/a1 (it has not) */
		mpp_set((status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
		csr_clear(mstatus, MSTATUS_MPRV | MSTATUS_MPIE);
		csr_set(mstatus, status & MSTATUS_MPIE);
		csr_write(mepc, next);
		return;
	default:
		err = SBI_ERR_NOT_SUPPORTED;
		break;
	}
	f->x[REG_A0] = (u64)err;
	f->x[REG_A1] = val;
	csr_write(mepc, next);
}

/* --- traps ---------------------------------------------------------------- */

static void irq(struct trap_frame *f, u64 irq_no, u64 from, u64 epc)
{
	u64 hart = csr_read(mhartid);
	bool in_window;

	switch (irq_no) {
	case IRQ_M_SOFT:
		mmio_write32(CLINT_MSIP(hart), 0);
		break;
	case IRQ_M_TIMER:
		mmio_write64(CLINT_MTIMECMP(hart), ~0UL);
		csr_clear(mie, MIP_MTIP);
		if (!spy_irq_armed || from == PRV_M)
			break;
		in_window = epc >= spy_irq_lo && epc < spy_irq_hi;
		if (!in_window && ++spy_irq_tries < SPY_IRQ_TRIES) {
			/* too early (a slow host): try again */
			spy_irq_arm_timer(hart);
			break;
		}
		spy_irq_armed = 0;
		spy("spy-irq", f, SPY_IRQ_REGS);
		/* Only in the payload's wait loop (where a0/a1 are all it
		 * uses), so that natively it survives. */
		if (in_window)
			tamper(f, TAMPER_ECALL_REGS);
		break;
	default:
		csr_clear(mie, BIT(irq_no));
		break;
	}
}

u64 hostile_trap(struct trap_frame *f)
{
	u64 cause = csr_read(mcause), epc = csr_read(mepc);
	u64 status = csr_read(mstatus);
	u64 from = (status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;

	if (cause & CAUSE_IRQ) {
		irq(f, cause & ~CAUSE_IRQ, from, epc);
	} else if (from == PRV_M && MYFAULT.armed &&
		   (cause == EXC_LOAD_ACCESS || cause == EXC_STORE_ACCESS)) {
		/* an attempt was stopped: note it, skip the instruction */
		MYFAULT.cause = cause;
		MYFAULT.count++;
		csr_write(mepc, epc + insn_len_at(epc));
	} else if (from == PRV_M && MYFAULT.armed && cause == EXC_INSN_ACCESS) {
		/* exec-kernel: the jump faulted, back to the caller */
		MYFAULT.cause = cause;
		MYFAULT.count++;
		csr_write(mepc, f->x[1]);
	} else if (from != PRV_M && cause == EXC_ECALL_S) {
		sbi_call(f, epc, status);
	} else if (from != PRV_M && undeleg_active) {
		undeleg_trap(f, cause, epc);
	} else {
		puts_("FIRMWARE FATAL unexpected trap mcause=");
		puthex(cause);
		puts_(" mepc=");
		putrel(epc);
		puts_(" mtval=");
		puthex(csr_read(mtval));
		puts_(" from=");
		putdec(from);
		putc_('\n');
		poweroff(3);
	}
	return ((csr_read(mstatus) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) !=
	       PRV_M;
}

/* --- boot ----------------------------------------------------------------- */

static void hart_setup(void)
{
	csr_write(mtvec, (u64)hostile_trap_entry);
	csr_write(mscratch, 0);
	csr_write(medeleg, MEDELEG_SBI);
	csr_write(mideleg, MIDELEG_SBI);
	csr_write(mcounteren, 7);
	/* Sstc for S (as OpenSBI does): the payload owns stimecmp */
	csr_set(0x30a, 1UL << 63); /* menvcfg.STCE */
	/* PMP entry 7: everything for S (nothing locked) */
	csr_write(pmpaddr7, PMPADDR_ALL);
	csr_clear(pmpcfg0, 0xffUL << 56);
	csr_set(pmpcfg0, (u64)(PMP_A_NAPOT | PMP_RWX) << 56);
	asm volatile("sfence.vma" : : : "memory");
}

/* mret to the payload in S: MPP = S, MPIE = 0 */
static void __attribute__((noreturn)) enter_s(u64 pc, u64 a0, u64 a1)
{
	csr_clear(mstatus, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MPRV);
	csr_set(mstatus, PRV_S << MSTATUS_MPP_SHIFT);
	enter_lower(pc, a0, a1, hart_stack_top(a0));
}

/*
 * race-lock, hart 1 from reset on: keep writing the payload's race_word
 * (allowed until the payload's first entry, docs/policy.md rule 1) until a write
 * faults (the lock) or a hart_start comes. Each round reads mhartid, which
 * traps into the monitor under Rampart, so that the lock can take effect;
 * the result is printed when the hart starts, not to garble the payload's
 * output.
 */
static volatile u64 race_writes, race_cause, race_blocked, race_reported;
static volatile u64 race_busy; /* hostile.busy-race: never trap on purpose */
static volatile u64 race_progress; /* writes so far, for hart 0 to wait on */
#define RACE_RUNNING 1000	   /* writes before hart 0 enters the payload */
#define RACE_START_WAIT 10000000UL /* ticks: 1 s at most (no hart 1) */

static void race_lock(void)
{
	u64 n = 0;

	fault[1].mark = fault[1].count;
	fault[1].armed = 1;
	while (!hsm[1].valid && fault[1].count == fault[1].mark) {
		store64(PAYLOAD_RACE_WORD, n + 1);
		if (fault[1].count != fault[1].mark)
			break;
		n++;
		race_progress = n;
		/* a CSR read: under Rampart a trap into the monitor */
		if (!race_busy)
			(void)csr_read(mhartid);
	}
	fault[1].armed = 0;
	if (fault[1].count != fault[1].mark) {
		race_cause = fault[1].cause;
		race_blocked = 1;
	}
	race_writes = n;
}

static void race_report(void)
{
	if (race_reported)
		return;
	race_reported = 1;
	attack_line("race-lock");
	if (race_blocked) {
		puts_("blocked mcause=");
		putdec(race_cause);
		puts_(" after ");
		putdec(race_writes);
		puts_(" writes before the payload's entry\n");
		return;
	}
	puts_(race_busy ? "(busy loop) " : "");
	puts_("SUCCEEDED still writing the payload after ");
	putdec(race_writes);
	puts_(" writes, until hart 1 was started\n");
}

/* Wait for a hart_start (MSIE wakes the wfi, MIE stays off), then enter. */
void hostile_wait(u64 hartid)
{
	csr_write(mie, MIP_MSIP);
	hsm[hartid].present = 1;
	while (!hsm[hartid].valid)
		asm volatile("wfi");
	asm volatile("fence rw, rw" : : : "memory");
	mmio_write32(CLINT_MSIP(hartid), 0);
	hsm[hartid].valid = 0;
	hsm[hartid].started = 1;
	csr_write(mie, 0);
	if (hartid == 1)
		race_report();
	enter_s(hsm[hartid].pc, hartid, hsm[hartid].a1);
}

void hostile_secondary(u64 hartid)
{
	hart_setup();
	hsm[hartid].present = 1;
	if (hartid == 1)
		race_lock();
	hostile_wait(hartid);
}

/* A hand-off attack (handoff.c) if the command line asks for it. (No
 * table of the words: it would hold absolute addresses.) */
static u64 handoff_if(u64 fdt, const char *word)
{
	return option(word) ? handoff_attack(fdt, word) : fdt;
}

static u64 handoff_attacks(u64 fdt)
{
	fdt = handoff_if(fdt, "hostile.dtb-in-fw");
	fdt = handoff_if(fdt, "hostile.dtb-below-kernel");
	fdt = handoff_if(fdt, "hostile.dtb-below-initrd");
	fdt = handoff_if(fdt, "hostile.initrd-in-fw");
	return handoff_if(fdt, "hostile.initrd-over-kernel");
}

void fw_main(void)
{
	u64 t0;

	hart_setup();
	puts_("HOSTILE firmware: booting the payload\n");
	find_bootargs(boot_fdt);
	reset_secret_boot();
	race_busy = option("hostile.busy-race");
	asm volatile("fence rw, rw" : : : "memory");
	hostile_ready = 1;
	/* race-lock: make sure hart 1 is in its loop when the lock comes */
	t0 = mmio_read64(CLINT_MTIME);
	while (race_progress < RACE_RUNNING &&
	       mmio_read64(CLINT_MTIME) - t0 < RACE_START_WAIT)
		;
	boot_fdt = handoff_attacks(boot_fdt);
	/* the first entry, bent: evil_boot instead of the payload's entry */
	attack_line("evil-boot");
	puts_("entering the payload at ");
	puthex(PAYLOAD_EVIL_BOOT);
	puts_(" instead of ");
	puthex(PAYLOAD_ENTRY);
	putc_('\n');
	enter_s(PAYLOAD_EVIL_BOOT, 0, boot_fdt);
}
