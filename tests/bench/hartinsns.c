// SPDX-License-Identifier: BSD-2-Clause
/*
 * hartinsns: a QEMU 7.2 TCG plugin for `make bench` (docs/bench.md,
 * "Multi-hart figures"). It counts, for each hart, the instructions it
 * executed, split by where they ran:
 *
 *   m  the M-mode images: reset ROM (below 0x10000) and [0x80000000,
 *      0x80200000): native OpenSBI, or Rampart's monitor and the
 *      firmware it runs
 *   s  the kernel (0x80200000 and up: its physical load address before
 *      the MMU is on, its virtual addresses after)
 *   u  everything else: user space
 *
 * (by address, since the 7.2 plugin API cannot read the privilege mode),
 * and how many wfi each hart executed. Instructions a hart never executed
 * are not counted: the clock warps of -icount sleep=off, when every hart
 * waits in wfi, count in the machine-wide instret but not here.
 *
 * Each time a hart reads the counter (csrr rd, instret or minstret) the
 * plugin prints every hart's counts up to that instruction:
 *
 *   hartinsns: mark SEQ hart H csr instret|minstret pc 0xPC \
 *       [h0 M S U W] [h1 M S U W] ...
 *
 * so that two reads by the same code (the sbibench driver's, the
 * monitor's measured lines) bracket a per-hart figure: M S U are the
 * hart's instructions in each region, W its wfi. Arguments mark=0xADDR
 * (up to 8) make the instruction at ADDR a mark too ("csr pc"): code that
 * reads no counter can be bracketed by its entry and its return address.
 * At exit it prints "hartinsns: total ..." the same way.
 *
 * How a hart's count is kept exact: every instruction adds one to one
 * global counter (an inline add, before the instruction runs, so an
 * instruction that traps or an I/O instruction QEMU replays counts once),
 * and each block's start hands what accumulated since the previous block
 * start to the hart and region that ran that block. That needs the harts
 * to run on one thread, one after another: -icount guarantees it (QEMU
 * 7.2 refuses multi-threaded TCG with icount), and the plugin stops QEMU
 * with a message if callbacks come from a second thread.
 *
 * Output goes to QEMU's log: run with -d plugin -D FILE.
 * Build: cc -shared -fPIC -I DIR_OF_qemu-plugin.h -o hartinsns.so hartinsns.c
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

enum region { REG_M, REG_S, REG_U, REGIONS };

#define M_IMAGES_START 0x80000000ull
#define KERNEL_START 0x80200000ull
#define ROM_END 0x10000ull

/* csrr rd, CSR is csrrs rd, CSR, x0: everything but rd fixed. */
#define CSRR_MASK 0xfff0f07fu
#define CSRR(csr) (((uint32_t)(csr) << 20) | 0x2073u)
#define CSR_INSTRET 0xc02
#define CSR_MINSTRET 0xb02
#define INSN_WFI 0x10500073u

struct hart_count {
	uint64_t insns[REGIONS];
	uint64_t wfi;
};

static struct hart_count *counts;
static unsigned int nharts;
static uint64_t executed;	/* every instruction, all harts (inline add) */
static uint64_t handed;		/* the part of it already given to a hart */
static unsigned int cur_hart;	/* the hart that ran the current block */
static enum region cur_region;
static uint64_t marks;
#define MAX_MARKS 8
static uint64_t mark_at[MAX_MARKS];
static unsigned int nmark_at;
static pthread_t thread;
static int thread_known;

static void fail(const char *why)
{
	fprintf(stderr, "hartinsns: %s\n", why);
	exit(1);
}

static enum region region_of(uint64_t pc)
{
	if (pc >= KERNEL_START)
		return REG_S;
	if (pc >= M_IMAGES_START || pc < ROM_END)
		return REG_M;
	return REG_U;
}

/* Give what accumulated since the last hand-over to the current block. */
static void hand_over(void)
{
	counts[cur_hart].insns[cur_region] += executed - handed;
	handed = executed;
}

static void check_thread(void)
{
	if (!thread_known) {
		thread = pthread_self();
		thread_known = 1;
	} else if (!pthread_equal(thread, pthread_self())) {
		fail("harts run on several threads: use -icount (one thread)");
	}
}

static void block_start(unsigned int hart, void *region)
{
	check_thread();
	if (hart >= nharts)
		fail("hart index beyond the machine's harts");
	hand_over();
	cur_hart = hart;
	cur_region = (enum region)(uintptr_t)region;
}

static void print_counts(const char *head)
{
	/* "[h M S U W]" is at most 5 * 21 + 5 characters */
	size_t size = strlen(head) + (size_t)nharts * 112 + 2, n;
	char *line = malloc(size);
	unsigned int i;

	if (!line)
		fail("out of memory");
	n = (size_t)snprintf(line, size, "%s", head);
	for (i = 0; i < nharts; i++) {
		const struct hart_count *c = &counts[i];

		n += (size_t)snprintf(line + n, size - n,
				      " [%u %" PRIu64 " %" PRIu64 " %" PRIu64
				      " %" PRIu64 "]",
				      i, c->insns[REG_M], c->insns[REG_S],
				      c->insns[REG_U], c->wfi);
	}
	snprintf(line + n, size - n, "\n");
	qemu_plugin_outs(line);
	free(line);
}

static void counter_read(unsigned int hart, void *udata)
{
	uint64_t pc = (uintptr_t)udata & ~1ull;
	const char *csr = ((uintptr_t)udata & 1) ? "minstret" : "instret";
	char head[128];
	unsigned int i;

	for (i = 0; i < nmark_at; i++)
		if (mark_at[i] == pc)
			csr = "pc";

	check_thread();
	hand_over();
	snprintf(head, sizeof(head),
		 "hartinsns: mark %" PRIu64 " hart %u csr %s pc 0x%" PRIx64,
		 marks++, hart, csr, pc);
	print_counts(head);
}

static void wfi_exec(unsigned int hart, void *udata)
{
	(void)udata;
	if (hart < nharts)
		counts[hart].wfi++;
}

static uint32_t insn_word(const struct qemu_plugin_insn *insn)
{
	uint32_t w = 0;

	if (qemu_plugin_insn_size(insn) != 4)
		return 0;
	memcpy(&w, qemu_plugin_insn_data(insn), 4); /* RISC-V: little endian */
	return w;
}

static bool marked(uint64_t pc)
{
	unsigned int i;

	for (i = 0; i < nmark_at; i++)
		if (mark_at[i] == pc)
			return true;
	return false;
}

static void block_translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t i, n = qemu_plugin_tb_n_insns(tb);
	enum region r = region_of(qemu_plugin_tb_vaddr(tb));

	(void)id;
	qemu_plugin_register_vcpu_tb_exec_cb(tb, block_start,
					     QEMU_PLUGIN_CB_NO_REGS,
					     (void *)(uintptr_t)r);
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t pc = qemu_plugin_insn_vaddr(insn);
		uint32_t w = insn_word(insn);

		/* the mark first: it reports the counts before this read */
		if ((w & CSRR_MASK) == CSRR(CSR_INSTRET) ||
		    (w & CSRR_MASK) == CSRR(CSR_MINSTRET) || marked(pc))
			qemu_plugin_register_vcpu_insn_exec_cb(
				insn, counter_read, QEMU_PLUGIN_CB_NO_REGS,
				(void *)(uintptr_t)(pc |
				((w & CSRR_MASK) == CSRR(CSR_MINSTRET))));
		if (w == INSN_WFI)
			qemu_plugin_register_vcpu_insn_exec_cb(
				insn, wfi_exec, QEMU_PLUGIN_CB_NO_REGS, NULL);
		qemu_plugin_register_vcpu_insn_exec_inline(
			insn, QEMU_PLUGIN_INLINE_ADD_U64, &executed, 1);
	}
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	(void)id, (void)udata;
	hand_over();
	print_counts("hartinsns: total");
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info, int argc,
					   char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		char *end;

		if (strncmp(argv[i], "mark=", 5) != 0 || nmark_at == MAX_MARKS) {
			fprintf(stderr, "hartinsns: %s: only mark=0xADDR, "
				"at most %d\n", argv[i], MAX_MARKS);
			return -1;
		}
		mark_at[nmark_at] = strtoull(argv[i] + 5, &end, 0);
		if (*end || end == argv[i] + 5 || (mark_at[nmark_at] & 1)) {
			fprintf(stderr, "hartinsns: %s: not an instruction "
				"address\n", argv[i]);
			return -1;
		}
		nmark_at++;
	}
	if (!info->system_emulation || strcmp(info->target_name, "riscv64") != 0) {
		fprintf(stderr, "hartinsns: qemu-system-riscv64 only\n");
		return -1;
	}
	nharts = (unsigned int)info->system.max_vcpus;
	counts = calloc(nharts ? nharts : 1, sizeof(*counts));
	if (!counts) {
		fprintf(stderr, "hartinsns: out of memory\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, block_translated);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
