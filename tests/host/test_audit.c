// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the audit log and chain (monitor/core/audit.c,
 * measure/audit_chain.c) and of the SBI functions that read them
 * (monitor/core/sbi_ext.c): every record is chained, the answer from any
 * cursor recomputes to the head, old records are summarised by a base that
 * still recomputes, and no buffer the kernel names is written outside.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "include/rampart/audit_chain.h"
#include "include/rampart/errno.h"
#include "monitor/core/audit.h"
#include "monitor/core/sbi_ext.h"
#include "monitor/core/switches.h"
#include "monitor/core/vcpu.h"

static struct audit_log *new_log(void)
{
	struct audit_log *log = calloc(1, sizeof(*log));

	assert_non_null(log);
	return log;
}

static void add(struct audit_log *log, u64 i)
{
	struct audit_chain_record r = { .hart = (u32)(i % 4),
					.access = (u32)(i % 3),
					.addr = 0x80200000 + 8 * i,
					.pc = 0x80000000 + i,
					.time = 1000 + i };

	audit_add(log, &r);
}

/* The head after records 0..n-1 as add() makes them, computed here. */
static void expected_head(u64 n, u8 head[32])
{
	u64 i;

	memset(head, 0, 32);
	for (i = 0; i < n; i++) {
		struct audit_chain_record r = { .hart = (u32)(i % 4),
						.access = (u32)(i % 3),
						.addr = 0x80200000 + 8 * i,
						.pc = 0x80000000 + i,
						.time = 1000 + i,
						.seq = i };

		audit_chain_step(head, &r);
	}
}

/* Parse @buf, recompute from its base over its records into @head. */
static void recompute(const u8 *buf, u64 len, struct audit_chain_answer *a,
		      u8 head[32])
{
	const char *why = NULL;
	u32 i;

	assert_int_equal(audit_chain_parse(buf, len, a, &why), 0);
	memcpy(head, a->base, 32);
	for (i = 0; i < a->count; i++) {
		struct audit_chain_record r;

		audit_chain_get_record(buf + AUDIT_CHAIN_HEADER_SIZE + 40 * i,
				       &r);
		audit_chain_step(head, &r);
	}
}

static void test_chain_complete(void **unused)
{
	struct audit_log *log = new_log();
	static u8 buf[AUDIT_CHAIN_ANSWER_MAX];
	struct audit_chain_answer a;
	u8 head[32], want[32];
	u64 len, needed, v;
	u32 i;

	(void)unused;
	for (i = 0; i < 5; i++)
		add(log, i);
	len = audit_chain_answer(log, 0, buf, sizeof(buf), &needed);
	assert_int_equal(len, 64 + 5 * 40);
	assert_int_equal(needed, len);
	recompute(buf, len, &a, head);
	assert_int_equal(a.total, 5);
	assert_int_equal(a.first, 0);
	assert_int_equal(a.count, 5);
	expected_head(5, want);
	assert_memory_equal(head, want, 32);
	assert_memory_equal(log->head, want, 32);
	/* counters: 0,3 read; 1,4 write; 2 exec */
	audit_count(log, AUDIT_TOTAL, &v);
	assert_int_equal(v, 5);
	audit_count(log, AUDIT_KIND_READ, &v);
	assert_int_equal(v, 2);
	audit_count(log, AUDIT_KIND_EXEC, &v);
	assert_int_equal(v, 1);
	assert_int_equal(audit_count(log, AUDIT_KINDS, &v), -RAMPART_EINVAL);
	/* from a cursor: the base is the head before it */
	len = audit_chain_answer(log, 3, buf, sizeof(buf), &needed);
	recompute(buf, len, &a, head);
	assert_int_equal(a.first, 3);
	assert_int_equal(a.count, 2);
	assert_memory_equal(head, want, 32);
	/* past the end: nothing listed, the base is the head */
	len = audit_chain_answer(log, 99, buf, sizeof(buf), &needed);
	recompute(buf, len, &a, head);
	assert_int_equal(a.first, 5);
	assert_int_equal(a.count, 0);
	assert_memory_equal(a.base, want, 32);
	free(log);
}

static void test_chain_empty(void **unused)
{
	struct audit_log *log = new_log();
	u8 buf[64], zero[32] = { 0 };
	struct audit_chain_answer a;
	u8 head[32];
	u64 needed;

	(void)unused;
	assert_int_equal(audit_chain_answer(log, 0, buf, 64, &needed), 64);
	recompute(buf, 64, &a, head);
	assert_int_equal(a.total, 0);
	assert_memory_equal(head, zero, 32);
	free(log);
}

/* More records than kept: the oldest are summarised, the rest still
 * recompute to the head from a base. */
static void test_chain_summarised(void **unused)
{
	struct audit_log *log = new_log();
	static u8 buf[AUDIT_CHAIN_ANSWER_MAX];
	struct audit_chain_answer a;
	struct audit_state s;
	u8 head[32], want[32];
	u64 len, needed, n = 3 * AUDIT_CHAIN_KEEP + 7;
	u64 i;

	(void)unused;
	for (i = 0; i < n; i++)
		add(log, i);
	audit_state(log, &s);
	assert_int_equal(s.kept_from, n - AUDIT_CHAIN_KEEP);
	assert_int_equal(s.count[AUDIT_TOTAL], n);
	len = audit_chain_answer(log, 0, buf, sizeof(buf), &needed);
	assert_int_equal(len, AUDIT_CHAIN_ANSWER_MAX);
	recompute(buf, len, &a, head);
	assert_int_equal(a.first, s.kept_from);
	assert_int_equal(a.count, AUDIT_CHAIN_KEEP);
	expected_head(n, want);
	assert_memory_equal(head, want, 32);
	assert_memory_equal(s.head, want, 32);
	/* a buffer for 3 records: the 3 from the cursor, needed says all */
	len = audit_chain_answer(log, n - 10, buf, 64 + 3 * 40 + 39, &needed);
	assert_int_equal(len, 64 + 3 * 40);
	assert_int_equal(needed, 64 + 10 * 40);
	recompute(buf, len, &a, head);
	assert_int_equal(a.first, n - 10);
	assert_int_equal(a.count, 3);
	/* no room for the header: nothing written */
	assert_int_equal(audit_chain_answer(log, 0, buf, 63, &needed), 0);
	free(log);
}

static void test_chain_parse_rejects(void **unused)
{
	struct audit_log *log = new_log();
	static u8 buf[AUDIT_CHAIN_ANSWER_MAX];
	struct audit_chain_answer a;
	const char *why = NULL;
	u64 len, needed;

	(void)unused;
	add(log, 0);
	add(log, 1);
	len = audit_chain_answer(log, 0, buf, sizeof(buf), &needed);
	assert_int_equal(audit_chain_parse(buf, len - 1, &a, &why), -1);
	assert_string_equal(why, "length does not match its record count");
	assert_int_equal(audit_chain_parse(buf, 10, &a, &why), -1);
	buf[64 + 40] ^= 1; /* second record's seq: 1 -> 0 */
	assert_int_equal(audit_chain_parse(buf, len, &a, &why), -1);
	assert_string_equal(why, "records out of sequence");
	buf[64 + 40] ^= 1;
	buf[8] = 1; /* total 1, two records listed */
	assert_int_equal(audit_chain_parse(buf, len, &a, &why), -1);
	assert_string_equal(why, "lists records beyond its total");
	buf[0] = 'X';
	assert_int_equal(audit_chain_parse(buf, len, &a, &why), -1);
	free(log);
}

static void test_rate_limit(void **unused)
{
	struct audit_log *log = new_log();
	struct audit_chain_record r = { 0 };
	unsigned int printed = 0, i;
	u64 v;

	(void)unused;
	for (i = 0; i < 3000; i++)
		printed += audit_add(log, &r);
	/* the first 32, then 1024 and 2048 */
	assert_int_equal(printed, AUDIT_PRINT_BURST + 2);
	audit_count(log, AUDIT_SUPPRESSED, &v);
	assert_int_equal(v, 3000 - printed);
	audit_count(log, AUDIT_TOTAL, &v);
	assert_int_equal(v, 3000);
	free(log);
}

/* --- the SBI functions -------------------------------------------------- */

static u8 payload[8192] __attribute__((aligned(8)));
static const u8 event_log_bytes[100] = { 1, 2, 3 };
static bool log_ready;

static void copy_out(u64 pa, const void *src, u64 len)
{
	memmove((void *)(uintptr_t)pa, src, len);
}

static const u8 *event_log(u64 *len)
{
	*len = sizeof(event_log_bytes);
	return log_ready ? event_log_bytes : NULL;
}

/* two harts' world switches (switches.h), summed as the monitor does */
static struct switch_table hart_switches[2];

static unsigned int switches(struct switch_record *out, unsigned int max)
{
	unsigned int n = 0;

	switch_merge(out, &n, max, &hart_switches[0]);
	switch_merge(out, &n, max, &hart_switches[1]);
	return n;
}

static struct sbi_ext_env env_for(struct audit_log *log)
{
	struct sbi_ext_env env = {
		.audit = log,
		.buf_base = (u64)(uintptr_t)payload,
		.buf_end = (u64)(uintptr_t)payload + sizeof(payload),
		.copy_out = copy_out,
		.event_log = event_log,
		.switches = switches,
	};
	return env;
}

static long call(const struct sbi_ext_env *env, u64 fid, u64 a0, u64 a1,
		 u64 a2, u64 *value)
{
	struct vcpu v = { .pc = 0x1000 };

	v.x[REG_A7] = SBI_EXT_RAMPART;
	v.x[REG_A6] = fid;
	v.x[REG_A0] = a0;
	v.x[REG_A1] = a1;
	v.x[REG_A2] = a2;
	assert_true(sbi_ext_handle(&v, env));
	assert_int_equal(v.pc, 0x1000 + ECALL_LEN);
	*value = v.x[REG_A1];
	return (long)v.x[REG_A0];
}

static void test_sbi_audit_chain(void **unused)
{
	struct audit_log *log = new_log();
	struct sbi_ext_env env = env_for(log);
	u64 base = env.buf_base, value;
	struct audit_chain_answer a;
	u8 head[32];
	u32 i;

	(void)unused;
	for (i = 0; i < 4; i++)
		add(log, i);
	memset(payload, 0xee, sizeof(payload));
	assert_int_equal(call(&env, SBI_RAMPART_AUDIT_CHAIN, 1, base,
			      sizeof(payload), &value), SBI_SUCCESS);
	assert_int_equal(value, 64 + 3 * 40);
	recompute(payload, value, &a, head);
	assert_int_equal(a.first, 1);
	assert_memory_equal(head, log->head, 32);
	assert_int_equal(payload[value], 0xee); /* nothing past the answer */
	/* too small: the size needed, nothing written */
	memset(payload, 0xee, sizeof(payload));
	assert_int_equal(call(&env, SBI_RAMPART_AUDIT_CHAIN, 0, base, 32,
			      &value), SBI_ERR_INVALID_PARAM);
	assert_int_equal(value, 64 + 4 * 40);
	assert_int_equal(payload[0], 0xee);
	/* misaligned, outside, running past the end: refused */
	assert_int_equal(call(&env, SBI_RAMPART_AUDIT_CHAIN, 0, base + 4, 512,
			      &value), SBI_ERR_INVALID_ADDRESS);
	assert_int_equal(call(&env, SBI_RAMPART_AUDIT_CHAIN, 0, base - 4096,
			      512, &value), SBI_ERR_INVALID_ADDRESS);
	assert_int_equal(call(&env, SBI_RAMPART_AUDIT_CHAIN, 0,
			      base + sizeof(payload) - 64, 128, &value),
			 SBI_ERR_INVALID_ADDRESS);
	assert_int_equal(call(&env, SBI_RAMPART_AUDIT_CHAIN, 0, base, ~0ull,
			      &value), SBI_ERR_INVALID_ADDRESS);
	free(log);
}

static void test_sbi_event_log(void **unused)
{
	struct audit_log *log = new_log();
	struct sbi_ext_env env = env_for(log);
	u64 base = env.buf_base, value;

	(void)unused;
	log_ready = false;
	assert_int_equal(call(&env, SBI_RAMPART_EVENT_LOG, base, 4096, 0,
			      &value), SBI_ERR_NOT_SUPPORTED);
	log_ready = true;
	memset(payload, 0, sizeof(payload));
	assert_int_equal(call(&env, SBI_RAMPART_EVENT_LOG, base, 4096, 0,
			      &value), SBI_SUCCESS);
	assert_int_equal(value, sizeof(event_log_bytes));
	assert_memory_equal(payload, event_log_bytes, sizeof(event_log_bytes));
	memset(payload, 0, sizeof(payload));
	assert_int_equal(call(&env, SBI_RAMPART_EVENT_LOG, base, 64, 0,
			      &value), SBI_ERR_INVALID_PARAM);
	assert_int_equal(value, sizeof(event_log_bytes));
	assert_int_equal(payload[0], 0);
	assert_int_equal(call(&env, SBI_RAMPART_EVENT_LOG, base + 1, 4096, 0,
			      &value), SBI_ERR_INVALID_ADDRESS);
	free(log);
}

/* SWITCHES: every hart's counts summed, 16-byte records; the buffer checks */
static void test_sbi_switches(void **unused)
{
	struct audit_log *log = new_log();
	struct sbi_ext_env env = env_for(log);
	u64 base = env.buf_base, value, rec[6];

	(void)unused;
	memset(hart_switches, 0, sizeof(hart_switches));
	switch_count(&hart_switches[0], SWITCH_KEY(SWITCH_ECALL, 0x504D55));
	switch_count(&hart_switches[1], SWITCH_KEY(SWITCH_INTERRUPT, 3));
	switch_count(&hart_switches[1], SWITCH_KEY(SWITCH_ECALL, 0x504D55));
	memset(payload, 0xee, sizeof(payload));
	assert_int_equal(call(&env, SBI_RAMPART_SWITCHES, base, 4096, 0,
			      &value), SBI_SUCCESS);
	assert_int_equal(value, 32);
	memcpy(rec, payload, sizeof(rec));
	assert_int_equal(rec[0], SWITCH_KEY(SWITCH_ECALL, 0x504D55));
	assert_int_equal(rec[1], 2);
	assert_int_equal(rec[2], SWITCH_KEY(SWITCH_INTERRUPT, 3));
	assert_int_equal(rec[3], 1);
	assert_int_equal(payload[32], 0xee); /* nothing past the answer */
	/* too small: the length needed, nothing written */
	memset(payload, 0xee, sizeof(payload));
	assert_int_equal(call(&env, SBI_RAMPART_SWITCHES, base, 16, 0, &value),
			 SBI_ERR_INVALID_PARAM);
	assert_int_equal(value, 32);
	assert_int_equal(payload[0], 0xee);
	/* misaligned, outside, past the end: refused */
	assert_int_equal(call(&env, SBI_RAMPART_SWITCHES, base + 4, 64, 0,
			      &value), SBI_ERR_INVALID_ADDRESS);
	assert_int_equal(call(&env, SBI_RAMPART_SWITCHES, base - 4096, 64, 0,
			      &value), SBI_ERR_INVALID_ADDRESS);
	assert_int_equal(call(&env, SBI_RAMPART_SWITCHES,
			      base + sizeof(payload) - 16, 32, 0, &value),
			 SBI_ERR_INVALID_ADDRESS);
	/* a monitor built without the counters says so */
	env.switches = NULL;
	assert_int_equal(call(&env, SBI_RAMPART_SWITCHES, base, 4096, 0,
			      &value), SBI_ERR_NOT_SUPPORTED);
	free(log);
}

/* AUDIT_RECORDS (24-byte records, newest first) from the same log */
static void test_sbi_audit_records(void **unused)
{
	struct audit_log *log = new_log();
	struct sbi_ext_env env = env_for(log);
	u64 value;
	u32 i;

	(void)unused;
	for (i = 0; i < 20; i++)
		add(log, i);
	assert_int_equal(call(&env, SBI_RAMPART_AUDIT_RECORDS, env.buf_base,
			      24 * 3, 0, &value), SBI_SUCCESS);
	assert_int_equal(value, 3);
	assert_int_equal(measure_get_le(payload + 8, 8), 0x80200000 + 8 * 19);
	assert_int_equal(measure_get_le(payload + 24 + 16, 8), 0x80000000 + 18);
	assert_int_equal(call(&env, SBI_RAMPART_AUDIT_RECORDS, env.buf_base,
			      4096, 0, &value), SBI_SUCCESS);
	assert_int_equal(value, AUDIT_RECORDS);
	free(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain_complete),
		cmocka_unit_test(test_chain_empty),
		cmocka_unit_test(test_chain_summarised),
		cmocka_unit_test(test_chain_parse_rejects),
		cmocka_unit_test(test_rate_limit),
		cmocka_unit_test(test_sbi_audit_chain),
		cmocka_unit_test(test_sbi_event_log),
		cmocka_unit_test(test_sbi_switches),
		cmocka_unit_test(test_sbi_audit_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
