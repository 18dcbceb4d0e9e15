// SPDX-License-Identifier: BSD-2-Clause
/*
 * The platform description from the device trees QEMU 7.2 itself gives
 * (monitor/hw/fdt_platform.c, issue 19): virt and sifive_u, dumped by
 * QEMU at build time (tests/host/build.mk), and copies with a node taken
 * out or broken, as another board's tree could be.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <libfdt.h>

#include "monitor/hw/fdt_platform.h"
#include "include/rampart/errno.h"

#define TREE_MAX (64 * 1024)
#define DUMP_MAX (2 * 1024 * 1024) /* QEMU pads its trees to 1 MiB */

static char tree[TREE_MAX], dump[DUMP_MAX];

/* build/host/NAME.dtb into tree[] (with room to edit it) */
static void load(const char *name)
{
	char path[128];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "build/host/%s.dtb", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	n = fread(dump, 1, sizeof(dump), f);
	fclose(f);
	assert_true(n > 0 && n < sizeof(dump));
	assert_int_equal(fdt_open_into(dump, tree, TREE_MAX), 0);
}

static void drop(const char *path)
{
	int node = fdt_path_offset(tree, path);

	assert_true(node >= 0);
	assert_int_equal(fdt_del_node(tree, node), 0);
}

static void test_virt(void **state)
{
	struct platform p = { 0 };

	(void)state;
	load("virt");
	assert_int_equal(fdt_platform_read(tree, &p), 0);
	assert_int_equal(p.nharts, 2);
	assert_int_equal(p.dram_base, 0x80000000);
	assert_int_equal(p.dram_size, 0x20000000);
	assert_int_equal(p.clint_base, 0x2000000);
	assert_int_equal(p.mtime_per_us, 10);
	assert_int_equal(p.plic_base, 0xc000000);
	assert_int_equal(p.plic_size, 0x800000); /* 6 MiB, one NAPOT window */
	assert_int_equal(p.uart_kind, UART_16550);
	assert_int_equal(p.uart_base, 0x10000000);
	assert_int_equal(p.uart_size, 0x100);
	assert_int_equal(p.reset_kind, RESET_TEST);
	assert_int_equal(p.reset_base, 0x100000);
	assert_int_equal(p.reset_size, 0x1000);
}

/* The HiFive Unleashed model: a SiFive UART (the first of two), no test
 * device but a gpio-restart node whose GPIO controller is the reset
 * device, a timebase of 1 MHz, five harts of which hart 0 is an E51. */
static void test_sifive_u(void **state)
{
	struct platform p = { 0 };

	(void)state;
	load("sifive_u");
	assert_int_equal(fdt_platform_read(tree, &p), 0);
	assert_int_equal(p.nharts, 5);
	assert_int_equal(p.dram_base, 0x80000000);
	assert_int_equal(p.dram_size, 0x20000000);
	assert_int_equal(p.clint_base, 0x2000000);
	assert_int_equal(p.mtime_per_us, 1);
	assert_int_equal(p.plic_base, 0xc000000);
	assert_int_equal(p.plic_size, 0x4000000);
	assert_int_equal(p.uart_kind, UART_SIFIVE);
	assert_int_equal(p.uart_base, 0x10010000);
	assert_int_equal(p.uart_size, 0x1000);
	assert_int_equal(p.reset_kind, RESET_GPIO);
	assert_int_equal(p.reset_base, 0x10060000);
	assert_int_equal(p.reset_size, 0x1000);
}

/* No reset device at all: allowed (the firmware can reach none either),
 * the monitor's stops park. */
static void test_no_reset_device(void **state)
{
	struct platform p = { 0 };

	(void)state;
	load("sifive_u");
	drop("/gpio-restart");
	assert_int_equal(fdt_platform_read(tree, &p), 0);
	assert_int_equal(p.reset_kind, RESET_NONE);
	assert_int_equal(p.reset_size, 0);
}

/* A gpio-restart naming no controller is refused, not guessed; the
 * console is still filled in, so the refusal can be printed. */
static void test_gpio_restart_dangling(void **state)
{
	struct platform p = { 0 };
	int node;
	fdt32_t gpios[3] = { cpu_to_fdt32(0x7777), cpu_to_fdt32(10),
			     cpu_to_fdt32(1) };

	(void)state;
	load("sifive_u");
	node = fdt_path_offset(tree, "/gpio-restart");
	assert_true(node >= 0);
	assert_int_equal(fdt_setprop(tree, node, "gpios", gpios,
				     sizeof(gpios)), 0);
	assert_int_equal(fdt_platform_read(tree, &p), -RAMPART_EINVAL);
	assert_int_equal(p.uart_kind, UART_SIFIVE);
	assert_int_equal(p.uart_base, 0x10010000);
}

/* No UART the monitor can print on: refused (and silent). */
static void test_no_console(void **state)
{
	struct platform p = { 0 };

	(void)state;
	load("sifive_u");
	drop("/soc/serial@10010000");
	drop("/soc/serial@10011000");
	assert_int_equal(fdt_platform_read(tree, &p), -RAMPART_EINVAL);
	assert_int_equal(p.uart_kind, UART_NONE);
}

/* A refusal that comes after the console (no CLINT) still has it. */
static void test_console_before_refusal(void **state)
{
	struct platform p = { 0 };

	(void)state;
	load("virt");
	drop("/soc/clint@2000000");
	assert_int_equal(fdt_platform_read(tree, &p), -RAMPART_EINVAL);
	assert_int_equal(p.uart_kind, UART_16550);
	assert_int_equal(p.reset_kind, RESET_TEST);
	assert_null(p.mtime);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_virt),
		cmocka_unit_test(test_sifive_u),
		cmocka_unit_test(test_no_reset_device),
		cmocka_unit_test(test_gpio_restart_dangling),
		cmocka_unit_test(test_no_console),
		cmocka_unit_test(test_console_before_refusal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
