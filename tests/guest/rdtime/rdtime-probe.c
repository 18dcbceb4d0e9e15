// SPDX-License-Identifier: BSD-2-Clause
/*
 * rdtime-probe LABEL [N]: reads the time CSR from U-mode N times (default
 * 10000). With scounteren.TM set the hart answers; with it clear the read
 * traps to M-mode and is answered there: by OpenSBI, or under Rampart by
 * the monitor's fast path or, with fastpath=0, by OpenSBI through a world
 * switch (tests/guest/checks/rdtime.sh runs it both ways). Prints:
 *
 *   RAMPART-GUEST: rdtime LABEL reads N monotonic yes|no consistent yes|no
 *   RAMPART-GUEST: rdtime LABEL ticks T
 *   RAMPART-GUEST: rdtime LABEL best-1000 B
 *
 * monotonic: N reads in a row never go back and the last is later than the
 * first; consistent: the kernel's own read of time (S-mode, never trapped,
 * /sys/kernel/sbibench/time) falls between two U-mode reads around it. The
 * first line is the same whoever answers. T is the time the N reads took,
 * in timer ticks: under QEMU -icount one tick (10 MHz) is 100
 * instructions. B is the fastest 1,000 reads in a row (printed if N >=
 * 1,000): the reads alone, without the kernel's timer ticks and whatever
 * they scheduled, which fall into some stretches of the loop and not
 * others; make bench prices a read from it. Exit status 1 if
 * either check says no.
 *
 * No libc: raw Linux system calls, so it builds with the cross compiler
 * alone and stays small.
 */
#include <stdint.h>

#define SYS_OPENAT 56
#define SYS_CLOSE 57
#define SYS_READ 63
#define SYS_WRITE 64
#define SYS_EXIT 93
#define AT_FDCWD (-100)
#define STRETCH 1000 /* reads per stretch timed for the best figure */

static long syscall3(long n, long a, long b, long c)
{
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;
	register long a7 __asm__("a7") = n;

	__asm__ volatile("ecall"
			 : "+r"(a0)
			 : "r"(a1), "r"(a2), "r"(a7)
			 : "memory");
	return a0;
}

static uint64_t rdtime(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

static char out[256];
static unsigned int len;

static void put(const char *s)
{
	while (*s && len < sizeof(out))
		out[len++] = *s++;
}

static void put_u64(uint64_t v)
{
	char d[21];
	int i = 20;

	d[i] = 0;
	do
		d[--i] = (char)('0' + v % 10);
	while (v /= 10);
	put(d + i);
}

static void flush(void)
{
	syscall3(SYS_WRITE, 1, (long)out, len);
	len = 0;
}

static uint64_t parse_u64(const char *s)
{
	uint64_t v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (uint64_t)(*s++ - '0');
	return v;
}

/* The kernel's time CSR now, or 0 if the file cannot be read. */
static uint64_t kernel_time(void)
{
	char buf[32];
	long fd, n;

	fd = syscall3(SYS_OPENAT, AT_FDCWD, (long)"/sys/kernel/sbibench/time",
		      0);
	if (fd < 0)
		return 0;
	n = syscall3(SYS_READ, fd, (long)buf, sizeof(buf) - 1);
	syscall3(SYS_CLOSE, fd, 0, 0);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	return parse_u64(buf);
}

static int probe(const char *label, uint64_t n)
{
	uint64_t before, kernel, after, first, prev, t, i;
	uint64_t stretch, best = ~0ull, left = STRETCH;
	int monotonic = 1, consistent;

	before = rdtime();
	kernel = kernel_time();
	after = rdtime();
	consistent = kernel && before <= kernel && kernel <= after;

	first = prev = stretch = rdtime();
	for (i = 0; i < n; i++) {
		t = rdtime();
		if (t < prev)
			monotonic = 0;
		prev = t;
		if (!--left) {
			if (t - stretch < best)
				best = t - stretch;
			stretch = t;
			left = STRETCH;
		}
	}
	if (prev <= first)
		monotonic = 0;

	put("RAMPART-GUEST: rdtime ");
	put(label);
	put(" reads ");
	put_u64(n);
	put(monotonic ? " monotonic yes" : " monotonic no");
	put(consistent ? " consistent yes\n" : " consistent no\n");
	put("RAMPART-GUEST: rdtime ");
	put(label);
	put(" ticks ");
	put_u64(prev - first);
	put("\n");
	if (n >= STRETCH) {
		put("RAMPART-GUEST: rdtime ");
		put(label);
		put(" best-1000 ");
		put_u64(best);
		put("\n");
	}
	flush();
	return monotonic && consistent ? 0 : 1;
}

/* argc, argv from the initial stack (ELF ABI), then exit. */
__attribute__((used)) static void start_c(long *sp)
{
	long argc = sp[0];
	char **argv = (char **)(sp + 1);
	const char *label = argc > 1 ? argv[1] : "reads";
	uint64_t n = argc > 2 ? parse_u64(argv[2]) : 10000;

	syscall3(SYS_EXIT, probe(label, n ? n : 1), 0, 0);
}

__asm__(".globl _start\n"
	"_start:\n"
	"	.option push\n"
	"	.option norelax\n"
	"	la gp, __global_pointer$\n"
	"	.option pop\n"
	"	mv a0, sp\n"
	"	andi sp, sp, -16\n"
	"	call start_c\n");
