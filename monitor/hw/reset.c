// SPDX-License-Identifier: BSD-2-Clause
#include "reset.h"
#include "../../include/rampart/layout.h"
#include "console.h"
#include "csr.h"
#include "hw.h"
#include "ipi.h"
#include "../core/lock.h"
#include "../core/placement.h"
#include "../core/platform.h"
#include "../core/services.h"

#define TEST_FAIL 0x3333	/* QEMU hw/misc/sifive_test.c: ends QEMU */
#define TEST_PASS 0x5555	/* power off */
#define TEST_RESET 0x7777	/* reset the machine */
#define MARK_LIVE 0x4556494c50525052ULL	/* "RPRPLIVE" */
#define MAX_KEEP 4
/* how long the other harts get to halt: they only need to trap */
#define HALT_WAIT_US 10000

static volatile u64 *mark(void)
{
	return (volatile u64 *)(uintptr_t)(platform_dram_end() -
					   RESET_MARK_SIZE);
}

static volatile u32 *test_device(void)
{
	return (volatile u32 *)(uintptr_t)platform()->reset_base;
}

bool hw_is_reset_device(u64 addr)
{
	return platform()->reset_kind != RESET_NONE &&
	       addr >= platform()->reset_base &&
	       addr - platform()->reset_base < platform()->reset_size;
}

void hw_reset_mark_live(void)
{
	*mark() = MARK_LIVE;
	__asm__ volatile("fence rw, rw" : : : "memory");
}

/* Zero [base, base + size): single bytes up to 8-byte alignment (a kept
 * range may end anywhere), then 64 bytes a round, then the tail. */
static void zero(u64 base, u64 size)
{
	volatile u64 *p;
	u64 n, i = 0;

	for (; size && (base & 7); base++, size--)
		*(volatile u8 *)(uintptr_t)base = 0;
	p = (volatile u64 *)(uintptr_t)base;
	n = size / 8;
	for (; i + 8 <= n; i += 8) {
		p[i] = 0; p[i + 1] = 0; p[i + 2] = 0; p[i + 3] = 0;
		p[i + 4] = 0; p[i + 5] = 0; p[i + 6] = 0; p[i + 7] = 0;
	}
	for (; i < n; i++)
		p[i] = 0;
	for (i = n * 8; i < size; i++)
		*(volatile u8 *)(uintptr_t)(base + i) = 0;
}

/* Payload memory (and the mark's page) but the @keep ranges, zeroed. */
static void scrub(const struct place_range *keep, unsigned int n,
		  const char *why)
{
	struct place_range all = { PAYLOAD_BASE,
				   platform_dram_end() - PAYLOAD_BASE };
	struct place_range gaps[MAX_KEEP + 1];
	u64 insns = csr_read(CSR_MINSTRET), bytes = 0;
	int count = placement_gaps(&all, keep, n, gaps, MAX_KEEP + 1), i;

	/* more gaps than room cannot happen with MAX_KEEP keep ranges */
	for (i = 0; i < count; i++) {
		zero(gaps[i].base, gaps[i].size);
		bytes += gaps[i].size;
	}
	__asm__ volatile("fence rw, rw" : : : "memory");
	console_log("scrub: payload memory 0x%x-0x%lx cleared (0x%lx bytes) "
		    "%s (insns=%lu)", PAYLOAD_BASE, all.base + all.size, bytes,
		    why, csr_read(CSR_MINSTRET) - insns);
}

/* Every other hart into the monitor and parked, or given up on after
 * HALT_WAIT_US (one already parked never answers). */
static void halt_others(u64 self)
{
	u64 start = hw_clint_mtime();
	unsigned int i;

	for (i = 0; i < platform()->nharts; i++)
		if (i != self)
			ipi_kick(i, KICK_HALT);
	while (ipi_halted() + 1 < platform()->nharts &&
	       hw_clint_mtime() - start < HALT_WAIT_US * platform()->mtime_per_us)
		;
}

/* Once: every other hart halted, payload memory scrubbed. A second hart
 * that gets here while the first ends the machine halts too. */
static void end_begin(const char *why)
{
	static volatile u32 ending;

	if (__atomic_exchange_n(&ending, 1, __ATOMIC_ACQ_REL))
		ipi_halt(); /* another hart is ending it already */
	halt_others(csr_read(CSR_MHARTID));
	scrub(NULL, 0, why);
}

/* Halt, scrub, then let the test device end the machine with @value. */
static void __attribute__((noreturn)) end_machine(u32 value, const char *why)
{
	end_begin(why);
	*test_device() = value;
	hw_park("the machine did not stop");
}

/* After the lock: does writing @val at @addr start the machine's end? */
static bool ends_machine(u64 addr, u32 val)
{
	u32 op = val & 0xffff;

	if (platform()->reset_kind == RESET_GPIO)
		return true; /* which line means what is the firmware's */
	return addr == platform()->reset_base &&
	       (op == TEST_FAIL || op == TEST_PASS || op == TEST_RESET);
}

/* QEMU's models take 4-byte accesses, the test device 2-byte ones too
 * (OpenSBI 1.1 writes 16 bits) */
int hw_reset_device_access(u64 addr, unsigned int width, bool write, u64 *val)
{
	static volatile u32 gpio_ending;

	if (!hw_is_reset_device(addr) || (width != 2 && width != 4) ||
	    (addr & (width - 1)))
		return -1;
	if (write && lock_is_set() && ends_machine(addr, (u32)*val)) {
		if (platform()->reset_kind == RESET_TEST)
			end_machine((u32)*val, "before the firmware's reset");
		if (!__atomic_exchange_n(&gpio_ending, 1, __ATOMIC_ACQ_REL))
			end_begin("before the firmware's reset");
	}
	if (width == 2 && write)
		*(volatile u16 *)(uintptr_t)addr = (u16)*val;
	else if (width == 2)
		*val = *(volatile u16 *)(uintptr_t)addr;
	else if (write)
		*(volatile u32 *)(uintptr_t)addr = (u32)*val;
	else
		*val = *(volatile u32 *)(uintptr_t)addr;
	return 0;
}

/* QEMU's sifive,test1: 0x3333 | code << 16 ends the machine with @code.
 * Without it the monitor cannot end the machine: it parks (after the
 * lock, the other harts halted and payload memory scrubbed first). */
void hw_stop_machine(u32 code)
{
	if (platform()->reset_kind != RESET_TEST) {
		if (lock_is_set())
			end_begin("before the monitor's stop");
		hw_park("no device to stop the machine with");
	}
	if (lock_is_set())
		end_machine(TEST_FAIL | (code << 16), "before the monitor's stop");
	*test_device() = TEST_FAIL | (code << 16);
	hw_park("the machine did not stop");
}

void hw_park(const char *why)
{
	console_log("hart %lu parked: %s", csr_read(CSR_MHARTID), why);
	for (;;)
		__asm__ volatile("wfi");
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	console_vlog("fatal: ", fmt, ap);
	va_end(ap);
	/* a script sees it: QEMU exits with this status (docs/usage.md) */
	hw_stop_machine(MONITOR_FATAL_EXIT);
}

void hw_reset_scrub_at_boot(const struct place_range *keep, unsigned int n)
{
	if (*mark() != MARK_LIVE)
		return;
	scrub(keep, n < MAX_KEEP ? n : MAX_KEEP,
	      "at boot: a reset the monitor did not mediate left it");
	*mark() = 0;
}
