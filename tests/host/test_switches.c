// SPDX-License-Identifier: BSD-2-Clause
/* Host tests of the world-switch counters (monitor/core/switches.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "monitor/core/riscv.h"
#include "monitor/core/sbi_ext.h"
#include "monitor/core/switches.h"

#define OTHER SWITCH_KEY(SWITCH_OTHER, 0)

static u64 count_of(const struct switch_record *r, unsigned int n, u64 key)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (r[i].key == key)
			return r[i].count;
	return 0;
}

/* ecalls by extension ID, exceptions and interrupts by their code */
static void test_keys(void **unused)
{
	(void)unused;
	assert_int_equal(switch_key(CAUSE_SUPERVISOR_ECALL, 0x504D55),
			 0x100504D55ull);
	assert_int_equal(switch_key(CAUSE_USER_ECALL, SBI_EXT_HSM),
			 SWITCH_KEY(SWITCH_ECALL, SBI_EXT_HSM));
	/* a7 beyond 32 bits is no extension: all ones, not a truncation */
	assert_int_equal(switch_key(CAUSE_SUPERVISOR_ECALL, 0x1000000010ull),
			 SWITCH_KEY(SWITCH_ECALL, 0xffffffffu));
	assert_int_equal(switch_key(CAUSE_ILLEGAL_INSN, 0x10),
			 SWITCH_KEY(SWITCH_EXCEPTION, CAUSE_ILLEGAL_INSN));
	assert_int_equal(switch_key(CAUSE_IRQ_FLAG | 3, 0x10), 0x300000003ull);
}

/* @key's count in @c, or -1 if it has no slot. */
static long long slot_count(const struct switch_counts *c, u64 key)
{
	unsigned int i;

	for (i = 0; i <= SWITCH_OTHER_SLOT; i++)
		if (c->slot[i].key == key)
			return (long long)c->slot[i].count;
	return -1;
}

/* Each cause its own slot, at its home while free; counts add up. */
static void test_count(void **unused)
{
	struct switch_table t;

	(void)unused;
	memset(&t, 0, sizeof(t));
	switch_count(&t, 0x100504D55ull);
	switch_count(&t, 0x300000003ull);
	switch_count(&t, 0x100504D55ull);
	assert_int_equal(t.world.slot[switch_home(0x100504D55ull)].key,
			 0x100504D55ull);
	assert_int_equal(slot_count(&t.world, 0x100504D55ull), 2);
	assert_int_equal(slot_count(&t.world, 0x300000003ull), 1);
	assert_int_equal(slot_count(&t.in_place, 0x100504D55ull), -1);
}

/* The causes answered in place on hot paths have homes of their own. */
static void test_homes(void **unused)
{
	static const u64 keys[] = {
		SWITCH_KEY(4, SBI_EXT_BASE), SWITCH_KEY(4, SBI_EXT_TIME),
		SWITCH_KEY(4, SBI_EXT_IPI), SWITCH_KEY(4, SBI_EXT_RFENCE),
		SWITCH_KEY(4, SBI_EXT_HSM), SWITCH_KEY(4, 0x4442434E) /* DBCN */,
		SWITCH_KEY(4, SBI_EXT_RAMPART),
		SWITCH_KEY(4, 0), SWITCH_KEY(4, 1), /* legacy timer, putchar */
		SWITCH_KEY(4, 4), SWITCH_KEY(4, 6), /* legacy IPI, fence */
		SWITCH_KEY(5, CAUSE_ILLEGAL_INSN), /* a time read */
		SWITCH_KEY(5, CAUSE_MISALIGNED_LOAD),
		SWITCH_KEY(5, CAUSE_MISALIGNED_STORE),
		SWITCH_KEY(6, IRQ_M_SOFT), SWITCH_KEY(6, IRQ_M_TIMER),
	};
	unsigned int seen = 0, i, home;

	(void)unused;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		home = switch_home(keys[i]);
		assert_int_equal(seen & (1u << home), 0);
		seen |= 1u << home;
	}
}

/* Two causes with one home: the second takes the next free slot, and
 * both count apart whatever order they come in. */
static void test_count_collision(void **unused)
{
	struct switch_table t;
	u64 a = SWITCH_KEY(SWITCH_ECALL, 1), b = 0;
	u32 code;

	(void)unused;
	memset(&t, 0, sizeof(t));
	for (code = 2; !b; code++)
		if (switch_home(SWITCH_KEY(SWITCH_ECALL, code)) == switch_home(a))
			b = SWITCH_KEY(SWITCH_ECALL, code);
	switch_count(&t, a);
	switch_count(&t, b);
	switch_count(&t, a);
	switch_count(&t, b);
	switch_count(&t, b);
	assert_int_equal(t.world.slot[switch_home(a)].key, a);
	assert_int_equal(t.world.slot[(switch_home(a) + 1) % SWITCH_SLOTS].key,
			 b);
	assert_int_equal(slot_count(&t.world, a), 2);
	assert_int_equal(slot_count(&t.world, b), 3);
}

/* Answered in place: kinds 4-6, in their own slots, summed apart. */
static void test_in_place(void **unused)
{
	struct switch_table t;
	struct switch_record r[4];
	unsigned int n = 0;
	u64 ipi = switch_key(CAUSE_SUPERVISOR_ECALL, SBI_EXT_IPI);

	(void)unused;
	memset(&t, 0, sizeof(t));
	assert_int_equal(SWITCH_IN_PLACE_KEY(ipi), 0x400735049ull);
	assert_int_equal(SWITCH_IN_PLACE_KEY(switch_key(CAUSE_IRQ_FLAG | 3, 0)),
			 0x600000003ull);
	switch_count(&t, SWITCH_IN_PLACE_KEY(ipi));
	switch_count(&t, ipi);
	switch_count(&t, SWITCH_IN_PLACE_KEY(ipi));
	assert_int_equal(slot_count(&t.in_place, SWITCH_IN_PLACE_KEY(ipi)), 2);
	assert_int_equal(slot_count(&t.in_place, ipi), -1);
	assert_int_equal(slot_count(&t.world, ipi), 1);
	switch_merge(r, &n, 4, &t);
	assert_int_equal(n, 2);
	assert_int_equal(count_of(r, n, ipi), 1);
	assert_int_equal(count_of(r, n, SWITCH_IN_PLACE_KEY(ipi)), 2);
}

/* A table full of causes counts the rest in its OTHER slot. */
static void test_count_overflow(void **unused)
{
	struct switch_table t;
	u64 k;

	(void)unused;
	memset(&t, 0, sizeof(t));
	for (k = 1; k <= SWITCH_SLOTS + 4; k++)
		switch_count(&t, SWITCH_KEY(SWITCH_ECALL, k));
	switch_count(&t, SWITCH_KEY(SWITCH_ECALL, 1));
	assert_int_equal(slot_count(&t.world, SWITCH_KEY(SWITCH_ECALL, 1)), 2);
	assert_int_equal(slot_count(&t.world, SWITCH_KEY(SWITCH_ECALL,
							 SWITCH_SLOTS)), 1);
	assert_int_equal(slot_count(&t.world, 0), -1);
	assert_int_equal(t.world.slot[SWITCH_OTHER_SLOT].key, OTHER);
	assert_int_equal(t.world.slot[SWITCH_OTHER_SLOT].count, 4);
	/* the in-place table has its own room, and its own OTHER (code 1) */
	for (k = 1; k <= SWITCH_SLOTS + 2; k++)
		switch_count(&t, SWITCH_IN_PLACE_KEY(SWITCH_KEY(SWITCH_ECALL, k)));
	assert_int_equal(t.in_place.slot[SWITCH_OTHER_SLOT].key,
			 SWITCH_KEY(SWITCH_OTHER, 1));
	assert_int_equal(t.in_place.slot[SWITCH_OTHER_SLOT].count, 2);
	assert_int_equal(t.world.slot[SWITCH_OTHER_SLOT].count, 4);
}

/* Harts' tables summed by cause; nothing lost when the answer is full. */
static void test_merge(void **unused)
{
	struct switch_table a, b;
	struct switch_record r[4];
	unsigned int n = 0, i;
	u64 total = 0;

	(void)unused;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	switch_count(&a, SWITCH_KEY(SWITCH_ECALL, 7));
	switch_count(&a, SWITCH_KEY(SWITCH_ECALL, 8));
	switch_count(&b, SWITCH_KEY(SWITCH_ECALL, 8));
	switch_count(&b, SWITCH_KEY(SWITCH_ECALL, 9));
	switch_merge(r, &n, 4, &a);
	switch_merge(r, &n, 4, &b);
	assert_int_equal(n, 3);
	assert_int_equal(count_of(r, n, SWITCH_KEY(SWITCH_ECALL, 8)), 2);
	/* two more causes, room for one: the answer's last record is OTHER */
	memset(&b, 0, sizeof(b));
	switch_count(&b, SWITCH_KEY(SWITCH_EXCEPTION, 2));
	switch_count(&b, SWITCH_KEY(SWITCH_EXCEPTION, 4));
	switch_count(&b, SWITCH_KEY(SWITCH_ECALL, 7));
	switch_merge(r, &n, 4, &b);
	assert_int_equal(n, 4);
	assert_int_equal(r[3].key, OTHER);
	assert_int_equal(r[3].count, 2);
	assert_int_equal(count_of(r, n, SWITCH_KEY(SWITCH_ECALL, 7)), 2);
	for (i = 0; i < n; i++)
		total += r[i].count;
	assert_int_equal(total, 7);
	/* a table's own OTHER joins the answer's */
	memset(&a, 0, sizeof(a));
	for (i = 1; i <= SWITCH_SLOTS + 1; i++)
		switch_count(&a, SWITCH_KEY(SWITCH_INTERRUPT, i));
	switch_merge(r, &n, 4, &a);
	assert_int_equal(n, 4);
	assert_int_equal(r[3].count, 3 + SWITCH_SLOTS);
}

/* One record: only OTHER fits, and it takes everything. */
static void test_merge_one_record(void **unused)
{
	struct switch_table a;
	struct switch_record r[1];
	unsigned int n = 0;

	(void)unused;
	memset(&a, 0, sizeof(a));
	switch_count(&a, SWITCH_KEY(SWITCH_ECALL, 7));
	switch_count(&a, SWITCH_KEY(SWITCH_ECALL, 8));
	switch_merge(r, &n, 1, &a);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].key, OTHER);
	assert_int_equal(r[0].count, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_homes),
		cmocka_unit_test(test_count_collision),
		cmocka_unit_test(test_count_overflow),
		cmocka_unit_test(test_in_place),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_merge_one_record),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
