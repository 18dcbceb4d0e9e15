// SPDX-License-Identifier: BSD-2-Clause
/*
 * The placement plan (monitor/core/placement.c): every object the payload
 * receives inside payload memory, none overlapping; where the log region
 * goes; which parts of the firmware's range the tree must still reserve.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../include/rampart/errno.h"
#include "monitor/core/placement.h"

#define MEM_BASE 0x80200000ULL
#define MEM_END 0xa0000000ULL
#define LOG_SIZE 0x10000ULL

/* QEMU virt's hand-off under OpenSBI: kernel at the payload base, the tree
 * near the top, the initrd below it. */
static struct placement good(void)
{
	struct placement p = { .mem = { MEM_BASE, MEM_END - MEM_BASE } };

	p.obj[PLACE_KERNEL] = (struct place_range){ MEM_BASE, 0x277000 };
	p.obj[PLACE_INITRD] = (struct place_range){ 0x9fc00000, 0x11a000 };
	p.obj[PLACE_DTB] = (struct place_range){ 0x9fe00000, 0x2000 };
	p.obj[PLACE_LOG] = (struct place_range){ 0x9fdef000, LOG_SIZE };
	return p;
}

static void refused(const struct placement *p, int rc, enum place_obj obj,
		    enum place_obj other)
{
	struct place_fault f = { PLACE_COUNT, PLACE_COUNT };

	assert_int_equal(placement_check(p, &f), rc);
	assert_int_equal(f.obj, obj);
	assert_int_equal(f.other, other);
}

static void test_good_plan(void **state)
{
	struct placement p = good();
	struct place_fault f;

	(void)state;
	assert_int_equal(placement_check(&p, &f), 0);
	p.obj[PLACE_INITRD].size = 0; /* absent objects are fine */
	assert_int_equal(placement_check(&p, &f), 0);
}

/* Class 1: an object in the firmware's own region stays writable to it. */
static void test_in_firmware_region(void **state)
{
	struct placement p = good();

	(void)state;
	p.obj[PLACE_DTB] = (struct place_range){ 0x801f0000, 0x2000 };
	refused(&p, -RAMPART_EFAULT, PLACE_DTB, PLACE_COUNT);
	p = good();
	p.obj[PLACE_INITRD] = (struct place_range){ 0x80180000, 0x10000 };
	refused(&p, -RAMPART_EFAULT, PLACE_INITRD, PLACE_COUNT);
	/* ends exactly at the payload base: still outside */
	p = good();
	p.obj[PLACE_DTB] = (struct place_range){ MEM_BASE - 0x2000, 0x2000 };
	refused(&p, -RAMPART_EFAULT, PLACE_DTB, PLACE_COUNT);
	/* one byte into the firmware region */
	p = good();
	p.obj[PLACE_INITRD] = (struct place_range){ MEM_BASE - 1, 0x1000 };
	refused(&p, -RAMPART_EFAULT, PLACE_INITRD, PLACE_COUNT);
}

static void test_outside_dram(void **state)
{
	struct placement p = good();

	(void)state;
	p.obj[PLACE_INITRD] = (struct place_range){ MEM_END - 0x1000, 0x1001 };
	refused(&p, -RAMPART_EFAULT, PLACE_INITRD, PLACE_COUNT);
	p = good();
	p.obj[PLACE_INITRD] = (struct place_range){ 0x10000000, 0x1000 };
	refused(&p, -RAMPART_EFAULT, PLACE_INITRD, PLACE_COUNT);
	/* a size that wraps the address space lies nowhere */
	p = good();
	p.obj[PLACE_DTB] = (struct place_range){ 0x9fe00000, ~0ULL - 0x1000 };
	refused(&p, -RAMPART_EFAULT, PLACE_DTB, PLACE_COUNT);
	p = good();
	p.obj[PLACE_KERNEL].size = MEM_END - MEM_BASE + 1;
	refused(&p, -RAMPART_EFAULT, PLACE_KERNEL, PLACE_COUNT);
}

/* Class 2: the tree's growth room reaching the next object. */
static void test_overlaps(void **state)
{
	struct placement p = good();

	(void)state;
	/* tree (with its room) runs one byte into the initrd */
	p.obj[PLACE_DTB] = (struct place_range){ 0x9fc00000 - 0x1fff, 0x2000 };
	refused(&p, -RAMPART_EINVAL, PLACE_DTB, PLACE_INITRD);
	/* tree inside the kernel's bss */
	p = good();
	p.obj[PLACE_DTB] = (struct place_range){ MEM_BASE + 0x270000, 0x2000 };
	refused(&p, -RAMPART_EINVAL, PLACE_DTB, PLACE_KERNEL);
	/* initrd over the kernel's first page */
	p = good();
	p.obj[PLACE_INITRD] = (struct place_range){ MEM_BASE, 0x1000 };
	refused(&p, -RAMPART_EINVAL, PLACE_INITRD, PLACE_KERNEL);
	/* adjacent is not overlapping */
	p = good();
	p.obj[PLACE_DTB] = (struct place_range){ 0x9fc00000 - 0x2000, 0x2000 };
	p.obj[PLACE_LOG] = (struct place_range){ 0x9fa00000, LOG_SIZE };
	refused(&p, 0, PLACE_COUNT, PLACE_COUNT);
}

static void test_find_log(void **state)
{
	struct placement p = good();

	(void)state;
	/* below the tree, one page of space */
	assert_int_equal(placement_find_log(&p, LOG_SIZE), 0);
	assert_int_equal(p.obj[PLACE_LOG].base, 0x9fe00000 - 0x1000 - LOG_SIZE);
	/* no room below the tree (the initrd is there): top of memory */
	p = good();
	p.obj[PLACE_DTB] = (struct place_range){ 0x9fd1b000, 0x2000 };
	assert_int_equal(placement_find_log(&p, LOG_SIZE), 0);
	assert_int_equal(p.obj[PLACE_LOG].base, MEM_END - LOG_SIZE);
	/* tree at the very top, initrd right below it: above the kernel */
	p = good();
	p.obj[PLACE_DTB] = (struct place_range){ MEM_END - 0x2000, 0x2000 };
	p.obj[PLACE_INITRD] = (struct place_range){ 0x9fe00000,
						    MEM_END - 0x2000 - 0x9fe00000 };
	assert_int_equal(placement_find_log(&p, LOG_SIZE), 0);
	assert_int_equal(p.obj[PLACE_LOG].base, MEM_BASE + 0x277000 + 0x1000);
	/* tree right above the kernel, initrd at the top: nowhere */
	p.obj[PLACE_DTB] = (struct place_range){ MEM_BASE + 0x277000, 0x2000 };
	p.obj[PLACE_INITRD] = (struct place_range){ MEM_END - 0x100000,
						    0x100000 };
	assert_int_equal(placement_find_log(&p, LOG_SIZE), -RAMPART_ENOSPC);
	/* nothing fits: memory full */
	p = good();
	p.obj[PLACE_INITRD] = (struct place_range){ MEM_BASE + 0x277000,
					     MEM_END - MEM_BASE - 0x277000 };
	p.obj[PLACE_DTB] = (struct place_range){ 0, 0 };
	assert_int_equal(placement_find_log(&p, LOG_SIZE), -RAMPART_ENOSPC);
	assert_int_equal(p.obj[PLACE_LOG].size, 0);
}

static void test_gaps(void **state)
{
	struct place_range want = { 0x80000000, 0x200000 }, g[4];
	/* the monitor's 1 MiB and OpenSBI's own 512 KiB are reserved */
	struct place_range cov[] = { { 0x80000000, 0x100000 },
				     { 0x80100000, 0x80000 } };
	struct place_range wrap[] = { { 0x80100000, ~0ULL } };

	(void)state;
	assert_int_equal(placement_gaps(&want, cov, 2, g, 4), 1);
	assert_int_equal(g[0].base, 0x80180000);
	assert_int_equal(g[0].size, 0x80000);
	/* nothing covered: all of it */
	assert_int_equal(placement_gaps(&want, cov, 0, g, 4), 1);
	assert_int_equal(g[0].size, 0x200000);
	/* a firmware that dropped the monitor's node: two gaps */
	assert_int_equal(placement_gaps(&want, &cov[1], 1, g, 4), 2);
	assert_int_equal(g[0].base, 0x80000000);
	assert_int_equal(g[0].size, 0x100000);
	assert_int_equal(g[1].base, 0x80180000);
	/* a cover larger than the range, or wrapping, covers the rest */
	assert_int_equal(placement_gaps(&want, wrap, 1, g, 4), 1);
	assert_int_equal(g[0].size, 0x100000);
	/* more gaps than room */
	assert_int_equal(placement_gaps(&want, &cov[1], 1, g, 1),
			 -RAMPART_ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_plan),
		cmocka_unit_test(test_in_firmware_region),
		cmocka_unit_test(test_outside_dram),
		cmocka_unit_test(test_overlaps),
		cmocka_unit_test(test_find_log),
		cmocka_unit_test(test_gaps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
