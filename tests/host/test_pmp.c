// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of PMP arithmetic and world layouts (monitor/core/pmp.c).
 * Encodings from the Privileged spec 1.12, 3.7.1; layouts from pmp.h.
 * A small reference PMP (first matching entry wins, no match denies below
 * M) checks what each layout lets the firmware reach.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "monitor/core/pmp.h"
#include "monitor/core/vcsr.h"
#include "include/rampart/layout.h"
#include "monitor/core/platform.h"
#include "policy/allow.h"
#include "tests/host/fake_hart.h"

/* the platform's own addresses (monitor/hw/platform.h) */
#define MON_BASE ((u64)MONITOR_BASE)
#define MON_SIZE ((u64)MONITOR_SIZE)
#define CLINT_SIZE 0x10000ULL
#define CLINT_BASE 0x2000000ULL		/* QEMU virt's */
#define TEST_DEVICE_BASE 0x100000ULL
#define TEST_DEVICE_SIZE 0x1000ULL
#define PAYLOAD_SIZE 0x200000ULL
#define UART 0x10000000ULL

static struct vcpu v;
static struct pmp_layout l;
static struct pmp_entry policy[PMP_FW_POLICY_COUNT];

/* QEMU virt's, as its device tree gives them (the PLIC's 6 MiB covered by
 * one 8 MiB NAPOT window, monitor/hw/fdt_platform.c) */
static const struct platform virt = {
	.clint_base = CLINT_BASE,
	.plic_base = 0xc000000, .plic_size = 0x800000,
	.uart_base = UART, .uart_size = 0x100,
	.reset_base = TEST_DEVICE_BASE, .reset_size = TEST_DEVICE_SIZE,
	.reset_kind = RESET_TEST,
};

/* QEMU 7.2 sifive_u's, as its device tree gives them: a SiFive UART, the
 * PLIC's 64 MiB, and the GPIO controller gpio-restart drives */
#define SIFIVE_UART 0x10010000ULL
#define SIFIVE_GPIO 0x10060000ULL
static const struct platform sifive_u = {
	.clint_base = CLINT_BASE,
	.plic_base = 0xc000000, .plic_size = 0x4000000,
	.uart_base = SIFIVE_UART, .uart_size = 0x1000,
	.uart_kind = UART_SIFIVE,
	.reset_base = SIFIVE_GPIO, .reset_size = 0x1000,
	.reset_kind = RESET_GPIO,
};

static int setup(void **state)
{
	(void)state;
	platform_set(&virt);
	fake_vcpu_init(&v, 0);
	memset(&l, 0xa5, sizeof(l)); /* junk every plan must overwrite */
	memset(policy, 0, sizeof(policy));
	return 0;
}

/* Program virtual entry @i as the firmware would (lock bit included). */
static void vpmp(unsigned int i, u8 cfg, u64 addr)
{
	v.csr.pmpcfg &= ~(0xffULL << (8 * i));
	v.csr.pmpcfg |= (u64)cfg << (8 * i);
	v.csr.pmpaddr[i] = addr;
}

static void test_napot_addr(void **state)
{
	(void)state;
	/* address >> 2, then (size / 8 - 1) low ones */
	assert_int_equal(pmp_napot_addr(0x80000000, 0x100000), 0x2001ffff);
	assert_int_equal(pmp_napot_addr(0x1000, 8), 0x400);
	assert_int_equal(pmp_napot_addr(0x2000, 16), 0x801);
	assert_int_equal(pmp_napot_addr(0x2000000, 0x10000), 0x801fff);
	assert_int_equal(pmp_napot_addr(0x80200000, 0x200000), 0x200bffff);
	assert_int_equal(pmp_napot_addr(0, 1ULL << 32), 0x1fffffff);
}

static void test_is_napot(void **state)
{
	(void)state;
	assert_true(pmp_is_napot(0x80000000, 0x100000));
	assert_true(pmp_is_napot(0x1000, 8));
	assert_true(pmp_is_napot(0, 1ULL << 40));
	assert_false(pmp_is_napot(0x80080000, 0x100000)); /* misaligned */
	assert_false(pmp_is_napot(0x80000000, 0x300000)); /* not 2^n */
	assert_false(pmp_is_napot(0x1000, 4)); /* NAPOT is 8 bytes or more */
	assert_false(pmp_is_napot(0x1000, 0));
	assert_false(pmp_is_napot(0x1004, 8));
}

static void test_plan_common(void **state)
{
	(void)state;
	pmp_plan_common(&l, MON_BASE, MON_SIZE);
	assert_int_equal(l.e[PMP_MONITOR].addr, 0x2001ffff);
	assert_int_equal(l.e[PMP_MONITOR].cfg, PMP_A_NAPOT);
	assert_int_equal(l.e[PMP_TOR_FLOOR].addr, 0);
	assert_int_equal(l.e[PMP_TOR_FLOOR].cfg, PMP_A_OFF);
}

/* Virtual entries: 0 NAPOT unlocked, 1 L|TOR|R, 2 NAPOT RWX unlocked,
 * 7 L|NAPOT|X; 3..6 OFF. */
static void program_virtual(void)
{
	unsigned int i;

	for (i = 0; i < VPMP_COUNT; i++)
		vpmp(i, 0, 0x1000 + i);
	vpmp(0, PMP_A_NAPOT, 0x1000);
	vpmp(1, PMP_L | PMP_A_TOR | PMP_R, 0x1001);
	vpmp(2, PMP_A_NAPOT | PMP_R | PMP_W | PMP_X, 0x1002);
	vpmp(7, PMP_L | PMP_A_NAPOT | PMP_X, 0x1007);
}

#define RWX (PMP_R | PMP_W | PMP_X)

/*
 * A policy shaped like protect's after the lock (an allow list): the
 * monitor and firmware 2 MiB RWX, low devices RW, two odd entries; the
 * payload from PAYLOAD_BASE on matches nothing, so it is denied.
 */
static void plan_firmware(bool data_denied)
{
	policy[0].addr = pmp_napot_addr(MON_BASE, 2 * MON_SIZE);
	policy[0].cfg = PMP_A_NAPOT | RWX;
	policy[1].addr = pmp_napot_addr(0, 0x40000000);
	policy[1].cfg = PMP_A_NAPOT | PMP_R | PMP_W;
	policy[2].addr = 0x5678;
	policy[2].cfg = PMP_A_NAPOT | PMP_R;
	policy[3].addr = 0x9abc;
	policy[3].cfg = PMP_A_TOR | PMP_X;
	policy[4].addr = 0;
	policy[4].cfg = PMP_A_OFF;
	pmp_plan_common(&l, MON_BASE, MON_SIZE);
	pmp_plan_firmware(&l, &v, policy, CLINT_BASE, CLINT_SIZE, data_denied);
}

static void test_plan_firmware(void **state)
{
	unsigned int i;

	(void)state;
	program_virtual();
	plan_firmware(false);
	/* the shared entries are left as pmp_plan_common() made them */
	assert_int_equal(l.e[0].addr, 0x2001ffff);
	assert_int_equal(l.e[0].cfg, PMP_A_NAPOT);
	assert_int_equal(l.e[1].addr, 0);
	assert_int_equal(l.e[1].cfg, PMP_A_OFF);
	/* no firmware-programmed entry is active in its own world, locked
	 * or not (pmp.c: the policy alone decides); addresses stay, as the
	 * TOR bottom of the next */
	for (i = 0; i < VPMP_COUNT; i++) {
		assert_int_equal(l.e[2 + i].addr, 0x1000 + i);
		assert_int_equal(l.e[2 + i].cfg, PMP_A_OFF);
	}
	assert_int_equal(l.e[PMP_FW_CLINT].addr, 0x801fff);
	assert_int_equal(l.e[PMP_FW_CLINT].cfg, PMP_A_NAPOT);
	assert_int_equal(PMP_FW_POLICY_FIRST + PMP_FW_POLICY_COUNT, PMP_COUNT);
	for (i = 0; i < PMP_FW_POLICY_COUNT; i++) {
		assert_int_equal(l.e[11 + i].addr, policy[i].addr);
		assert_int_equal(l.e[11 + i].cfg, policy[i].cfg);
	}
}

/* MPRV emulation: the policy entries lose R and W, keep A and X. */
static void test_plan_firmware_data_denied(void **state)
{
	static const u8 want[PMP_FW_POLICY_COUNT] = {
		PMP_A_NAPOT | PMP_X, PMP_A_NAPOT, PMP_A_NAPOT,
		PMP_A_TOR | PMP_X,   PMP_A_OFF,
	};
	unsigned int i;

	(void)state;
	plan_firmware(true);
	for (i = 0; i < PMP_FW_POLICY_COUNT; i++) {
		assert_int_equal(l.e[11 + i].addr, policy[i].addr);
		assert_int_equal(l.e[11 + i].cfg, want[i]);
	}
	assert_int_equal(l.e[PMP_FW_CLINT].cfg, PMP_A_NAPOT);
}

static void test_plan_payload(void **state)
{
	unsigned int i;

	(void)state;
	program_virtual();
	for (i = PMP_FW_CLINT; i < PMP_COUNT; i++)
		l.e[i].addr = 0x5000 + i; /* the firmware world's, left */
	pmp_plan_common(&l, MON_BASE, MON_SIZE);
	pmp_plan_payload(&l, &v);
	assert_int_equal(l.e[0].addr, 0x2001ffff);
	assert_int_equal(l.e[0].cfg, PMP_A_NAPOT);
	for (i = 0; i < VPMP_COUNT; i++)
		assert_int_equal(l.e[2 + i].addr, 0x1000 + i);
	assert_int_equal(l.e[2].cfg, PMP_A_NAPOT);
	assert_int_equal(l.e[3].cfg, PMP_A_TOR | PMP_R);
	assert_int_equal(l.e[4].cfg, PMP_A_NAPOT | PMP_R | PMP_W | PMP_X);
	for (i = 5; i <= 8; i++)
		assert_int_equal(l.e[i].cfg, PMP_A_OFF);
	assert_int_equal(l.e[9].cfg, PMP_A_NAPOT | PMP_X);
	for (i = PMP_FW_CLINT; i < PMP_COUNT; i++) {
		assert_int_equal(l.e[i].addr, 0x5000 + i);
		assert_int_equal(l.e[i].cfg, PMP_A_OFF);
	}
	assert_int_equal(l.cfg[0], pmp_layout_cfg(&l, 0));
	assert_int_equal(l.cfg[1], pmp_layout_cfg(&l, 2));
}

/* Entry i is byte i % 8 of pmpcfg0 (0-7) or pmpcfg2 (8-15). */
static void test_layout_cfg_packing(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < PMP_COUNT; i++)
		l.e[i].cfg = (u8)(i + 1);
	assert_int_equal(pmp_layout_cfg(&l, 0), 0x0807060504030201ULL);
	assert_int_equal(pmp_layout_cfg(&l, 2), 0x100f0e0d0c0b0a09ULL);
	program_virtual();
	plan_firmware(false);
	assert_int_equal(pmp_layout_cfg(&l, 0), 0x0000000000000018ULL);
	assert_int_equal(pmp_layout_cfg(&l, 2), 0x000c191b1f180000ULL);
}

/* ---- reference PMP (Priv. 3.7.1), single-byte accesses below M ---- */

static bool entry_matches(const struct pmp_layout *pl, unsigned int i, u64 addr)
{
	u64 a = pl->e[i].addr, lo, size;
	unsigned int ones = 0;

	switch (pl->e[i].cfg & PMP_A) {
	case PMP_A_TOR:
		lo = i ? pl->e[i - 1].addr << 2 : 0;
		return addr >= lo && addr < a << 2;
	case PMP_A_NA4:
		return addr >> 2 == a;
	case PMP_A_NAPOT:
		while (ones < 54 && (a >> ones) & 1)
			ones++;
		size = 1ULL << (ones + 3);
		lo = (a & ~((1ULL << ones) - 1)) << 2;
		return addr >= lo && addr - lo < size;
	default:
		return false;
	}
}

static bool pmp_allows(const struct pmp_layout *pl, u64 addr, u8 perm)
{
	unsigned int i;

	for (i = 0; i < PMP_COUNT; i++)
		if (entry_matches(pl, i, addr))
			return (pl->e[i].cfg & perm) == perm;
	return false;
}

static void test_reference_model(void **state)
{
	(void)state;
	memset(&l, 0, sizeof(l));
	l.e[0].addr = pmp_napot_addr(0x1000, 0x1000);
	l.e[0].cfg = PMP_A_NAPOT | PMP_R;
	l.e[1].addr = 0x3000 >> 2;
	l.e[1].cfg = PMP_A_TOR | PMP_W;
	l.e[2].addr = 0x3000 >> 2;
	l.e[2].cfg = PMP_A_NA4 | PMP_X;
	assert_true(pmp_allows(&l, 0x1000, PMP_R));
	assert_true(pmp_allows(&l, 0x1fff, PMP_R));
	assert_false(pmp_allows(&l, 0x1fff, PMP_W));
	assert_true(pmp_allows(&l, 0x2000, PMP_W));
	assert_true(pmp_allows(&l, 0x3003, PMP_X));
	assert_false(pmp_allows(&l, 0x3004, PMP_X));
	assert_false(pmp_allows(&l, 0x0fff, PMP_R)); /* no match: denied */
}

/* Without firmware lock bits: monitor, CLINT and payload closed; the
 * firmware's own region and the UART as the policy says. */
static void test_firmware_world_reach(void **state)
{
	(void)state;
	plan_firmware(false);
	assert_false(pmp_allows(&l, MON_BASE, PMP_R));
	assert_false(pmp_allows(&l, MON_BASE + MON_SIZE - 1, PMP_X));
	assert_false(pmp_allows(&l, CLINT_BASE, PMP_R));
	assert_false(pmp_allows(&l, CLINT_BASE + 0x4000, PMP_W));
	assert_false(pmp_allows(&l, PAYLOAD_BASE, PMP_R));
	assert_false(pmp_allows(&l, PAYLOAD_BASE + PAYLOAD_SIZE - 1, PMP_W));
	assert_true(pmp_allows(&l, MON_BASE + MON_SIZE, RWX));
	assert_true(pmp_allows(&l, UART, PMP_R | PMP_W));
	assert_false(pmp_allows(&l, UART, PMP_X));
	plan_firmware(true);
	assert_false(pmp_allows(&l, MON_BASE + MON_SIZE, PMP_R));
	assert_false(pmp_allows(&l, MON_BASE + MON_SIZE, PMP_W));
	assert_true(pmp_allows(&l, MON_BASE + MON_SIZE, PMP_X));
	assert_false(pmp_allows(&l, UART, PMP_R));
}

/* A firmware's locked entry does not bind the firmware itself: only the
 * policy's entries decide what it reaches (pmp.c, place_virtual). */
static void test_firmware_locked_entry_binds_itself(void **state)
{
	(void)state;
	vpmp(0, PMP_L | PMP_A_NAPOT, pmp_napot_addr(0x80100000, 0x100000));
	plan_firmware(false);
	assert_int_equal(l.e[PMP_VIRT_FIRST].cfg, PMP_A_OFF);
	assert_false(pmp_allows(&l, PAYLOAD_BASE, PMP_R));
	assert_true(pmp_allows(&l, UART, PMP_R | PMP_W));
}

/*
 * ...but must not open what the monitor closes. The firmware sets the lock
 * bit whenever it likes; a locked RWX entry over all memory sits at
 * physical 2..9, before the CLINT (10) and policy (11..15) entries, and the
 * lowest-numbered matching entry decides (Priv. 3.7.1). The protect-payload
 * lock and the CLINT emulation must hold anyway.
 */
static void test_firmware_locked_entry_cannot_open_policy(void **state)
{
	(void)state;
	vpmp(0, PMP_L | PMP_A_NAPOT | RWX, PMPADDR_ALL);
	plan_firmware(false);
	assert_false(pmp_allows(&l, MON_BASE, PMP_R));
	assert_false(pmp_allows(&l, PAYLOAD_BASE, PMP_R));
	assert_false(pmp_allows(&l, PAYLOAD_BASE + 0x1000, PMP_W));
}

static void test_firmware_locked_entry_cannot_open_clint(void **state)
{
	(void)state;
	vpmp(3, PMP_L | PMP_A_NAPOT | PMP_R | PMP_W,
	     pmp_napot_addr(CLINT_BASE, CLINT_SIZE));
	plan_firmware(false);
	assert_false(pmp_allows(&l, CLINT_BASE, PMP_W));	  /* msip 0 */
	assert_false(pmp_allows(&l, CLINT_BASE + 0x4000, PMP_W)); /* mtimecmp */
}

/* The protect policy's allow list (policy/allow.c): the test device is
 * reachable before the lock and denied after it (the monitor mediates
 * every reset then), the other low devices stay reachable. */
static void test_allow_list_test_device(void **state)
{
	struct pmp_entry allow[PMP_FW_POLICY_COUNT];

	(void)state;
	firmware_allow_list(allow, DRAM_ALLOW_SIZE, 0, 0);
	pmp_plan_common(&l, MON_BASE, MON_SIZE);
	pmp_plan_firmware(&l, &v, allow, CLINT_BASE, CLINT_SIZE, false);
	assert_true(pmp_allows(&l, TEST_DEVICE_BASE, PMP_W));
	assert_true(pmp_allows(&l, PAYLOAD_BASE, PMP_W));
	firmware_allow_list(allow, PAYLOAD_BASE - MONITOR_BASE,
			    TEST_DEVICE_BASE, TEST_DEVICE_SIZE);
	pmp_plan_firmware(&l, &v, allow, CLINT_BASE, CLINT_SIZE, false);
	assert_false(pmp_allows(&l, TEST_DEVICE_BASE, PMP_W));
	assert_false(pmp_allows(&l, TEST_DEVICE_BASE + 0xffc, PMP_R));
	assert_true(pmp_allows(&l, TEST_DEVICE_BASE + 0x1000, PMP_R)); /* RTC */
	assert_true(pmp_allows(&l, TEST_DEVICE_BASE - 4, PMP_R));
	assert_true(pmp_allows(&l, 0x1000, PMP_X));	/* boot ROM */
	assert_true(pmp_allows(&l, UART, PMP_W));
	assert_true(pmp_allows(&l, UART + 0xfc, PMP_W));
	assert_false(pmp_allows(&l, UART + 0x100, PMP_R)); /* past the UART */
	assert_true(pmp_allows(&l, 0xc000000 + 0x5ffffc, PMP_W)); /* PLIC */
	assert_false(pmp_allows(&l, 0xc000000 + 0x800000, PMP_R));
	assert_false(pmp_allows(&l, PAYLOAD_BASE, PMP_R));
}

/* sifive_u (issue 19): the low window is still [0, CLINT), the UART and
 * PLIC are the tree's, and the GPIO controller (the reset device) is
 * reachable neither before nor after the lock: every access traps and the
 * monitor mediates it (hw/reset.c). */
static void test_allow_list_sifive_u(void **state)
{
	struct pmp_entry allow[PMP_FW_POLICY_COUNT];
	int locked;

	(void)state;
	platform_set(&sifive_u);
	assert_int_equal(firmware_low_devices_size(), CLINT_BASE);
	for (locked = 0; locked < 2; locked++) {
		firmware_allow_list(allow, locked ? PAYLOAD_BASE - MONITOR_BASE :
						    DRAM_ALLOW_SIZE,
				    SIFIVE_GPIO, locked ? 0x1000 : 0);
		pmp_plan_common(&l, MON_BASE, MON_SIZE);
		pmp_plan_firmware(&l, &v, allow, CLINT_BASE, CLINT_SIZE, false);
		assert_true(pmp_allows(&l, 0x1000, PMP_X));	/* boot ROM */
		assert_false(pmp_allows(&l, CLINT_BASE, PMP_W));
		assert_true(pmp_allows(&l, SIFIVE_UART + 0xffc, PMP_W));
		assert_false(pmp_allows(&l, SIFIVE_UART + 0x1000, PMP_R));
		assert_false(pmp_allows(&l, SIFIVE_GPIO, PMP_W));
		assert_false(pmp_allows(&l, 0x10000000, PMP_W)); /* PRCI */
		assert_true(pmp_allows(&l, 0xc000000 + 0x3fffffc, PMP_W));
		assert_true(pmp_allows(&l, PAYLOAD_BASE, PMP_W) == !locked);
	}
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_napot_addr),
		T(test_is_napot),
		T(test_plan_common),
		T(test_plan_firmware),
		T(test_plan_firmware_data_denied),
		T(test_plan_payload),
		T(test_layout_cfg_packing),
		T(test_reference_model),
		T(test_firmware_world_reach),
		T(test_firmware_locked_entry_binds_itself),
		T(test_firmware_locked_entry_cannot_open_policy),
		T(test_firmware_locked_entry_cannot_open_clint),
		T(test_allow_list_test_device),
		T(test_allow_list_sifive_u),
	};

	vcsr_init(12);

	return cmocka_run_group_tests(tests, NULL, NULL);
}
