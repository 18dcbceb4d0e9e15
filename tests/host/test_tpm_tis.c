// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of measure/tpm_tis.c against a fake FIFO TPM: the PTP state
 * machine (Idle, Ready, Reception, Execution, Completion) with localities,
 * burstCount, Expect and dataAvail, plus knobs for every way a TPM can
 * misbehave. The fake counts protocol violations by the driver (a FIFO
 * access without the locality, tpmGo while the TPM expects more, ...) and
 * the virtual time the driver waited, so every timeout is checked to be
 * bounded and about the PTP's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "measure/tpm_tis.h"

#define ACCESS 0x000
#define STS 0x018
#define FIFO 0x024
#define IFACE 0x030
#define DID_VID 0xf00

enum state { IDLE, READY, RECEPTION, EXECUTION, COMPLETION };

static struct fake {
	/* knobs */
	uint32_t did_vid, iface;
	uint8_t access_valid;
	bool deny_locality;
	bool ready_stuck;   /* commandReady never comes */
	uint32_t burst_max; /* 0: burstCount stays 0 */
	bool expect_stuck;  /* Expect never clears */
	bool expect_early;  /* Expect clears after the header */
	int exec_delays;    /* delays until the response; -1: never */
	uint8_t rsp[4096];
	size_t fifo_len; /* bytes the FIFO holds after execution */
	/* state */
	bool active, requested;
	enum state st;
	uint8_t cmd[4096];
	size_t cmd_len, rd;
	int delays_left;
	/* observations */
	unsigned int mmio, delays, violations, executed;
	size_t written, read;	/* FIFO bytes, since the test began */
	uint8_t last_cmd[4096]; /* the command tpmGo executed last */
	size_t last_len;
	uint64_t waited_us;
} f;

static void violation(void)
{
	f.violations++;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static bool expecting(void)
{
	if (f.expect_stuck)
		return true;
	if (f.expect_early)
		return f.cmd_len < 10;
	return f.cmd_len < 6 || f.cmd_len < be32(f.cmd + 2);
}

static uint32_t min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static uint32_t sts_value(void)
{
	uint32_t room =
		min32(f.burst_max, (uint32_t)(sizeof(f.cmd) - f.cmd_len));
	uint32_t left = (uint32_t)(f.fifo_len - f.rd);

	switch (f.st) {
	case READY:
		return 0x40 | room << 8;
	case RECEPTION:
		return 0x80 | (expecting() ? 0x08 : 0) | room << 8;
	case EXECUTION:
		return 0x80;
	case COMPLETION:
		if (!left)
			return 0x80;
		return 0x80 | 0x10 | min32(f.burst_max, left) << 8;
	default:
		return 0;
	}
}

static uint8_t fake_read8(void *ctx, uint32_t off)
{
	assert_ptr_equal(ctx, &f);
	f.mmio++;
	if (off == ACCESS)
		return (uint8_t)(f.access_valid | (f.active ? 0x20 : 0));
	if (off != FIFO || !f.active || f.st != COMPLETION ||
	    f.rd >= f.fifo_len) {
		violation();
		return 0xff;
	}
	f.read++;
	return f.rsp[f.rd++]; /* past the response: zeros */
}

static uint32_t fake_read32(void *ctx, uint32_t off)
{
	assert_ptr_equal(ctx, &f);
	f.mmio++;
	switch (off) {
	case DID_VID:
		return f.did_vid;
	case IFACE:
		return f.iface;
	case STS:
		if (f.active)
			return sts_value();
		violation();
		return 0xffffffff;
	default:
		violation();
		return 0xffffffff;
	}
}

static void write_access(uint8_t v)
{
	if (v & 0x20) { /* relinquish, or withdraw a request */
		f.active = false;
		f.requested = false;
	}
	if (v & 0x02) {
		if (f.deny_locality)
			f.requested = true;
		else
			f.active = true;
	}
}

static void write_sts(uint8_t v)
{
	if (v == 0x40) {
		if (f.ready_stuck)
			return;
		f.st = READY;
		f.cmd_len = 0;
		f.rd = 0;
	} else if (v == 0x20 && f.st == RECEPTION && !expecting()) {
		f.st = EXECUTION;
		f.executed++;
		memcpy(f.last_cmd, f.cmd, f.cmd_len);
		f.last_len = f.cmd_len;
		f.delays_left = f.exec_delays;
		if (f.delays_left == 0)
			f.st = COMPLETION;
	} else {
		violation();
	}
}

static void fake_write8(void *ctx, uint32_t off, uint8_t v)
{
	assert_ptr_equal(ctx, &f);
	f.mmio++;
	if (off == ACCESS) {
		write_access(v);
		return;
	}
	if (!f.active) {
		violation();
		return;
	}
	if (off == STS) {
		write_sts(v);
	} else if (off == FIFO && (f.st == READY || f.st == RECEPTION) &&
		   f.cmd_len < sizeof(f.cmd)) {
		f.st = RECEPTION;
		f.cmd[f.cmd_len++] = v;
		f.written++;
	} else {
		violation();
	}
}

static void fake_delay(void *ctx, uint32_t us)
{
	assert_ptr_equal(ctx, &f);
	f.delays++;
	f.waited_us += us;
	if (f.st == EXECUTION && f.delays_left > 0 && --f.delays_left == 0)
		f.st = COMPLETION;
}

static const struct tpm_tis_ops ops = {
	.read8 = fake_read8,
	.read32 = fake_read32,
	.write8 = fake_write8,
	.delay_us = fake_delay,
};

static struct tpm_tis tis;

/* A response of @size bytes (header says so), body bytes 0x40 + i. */
static void set_response(size_t size)
{
	memset(f.rsp, 0, sizeof(f.rsp));
	f.rsp[0] = 0x80;
	f.rsp[1] = 0x01;
	f.rsp[2] = (uint8_t)(size >> 24);
	f.rsp[3] = (uint8_t)(size >> 16);
	f.rsp[4] = (uint8_t)(size >> 8);
	f.rsp[5] = (uint8_t)size;
	for (size_t i = 10; i < size && i < sizeof(f.rsp); i++)
		f.rsp[i] = (uint8_t)(0x40 + i);
	f.fifo_len = size;
}

static int setup(void **state)
{
	(void)state;
	memset(&f, 0, sizeof(f));
	f.did_vid = 0x00011014;
	f.access_valid = 0x80;
	f.burst_max = 0xffff;
	f.exec_delays = 3;
	set_response(24);
	assert_int_equal(tpm_tis_init(&tis, &ops, &f), 0);
	f.mmio = 0;
	return 0;
}

/* A command of @len bytes whose header says @len. */
static size_t make_cmd(uint8_t *cmd, size_t len)
{
	for (size_t i = 0; i < len; i++)
		cmd[i] = (uint8_t)(i * 7);
	cmd[0] = 0x80;
	cmd[1] = 0x01;
	cmd[2] = (uint8_t)(len >> 24);
	cmd[3] = (uint8_t)(len >> 16);
	cmd[4] = (uint8_t)(len >> 8);
	cmd[5] = (uint8_t)len;
	return len;
}

static uint8_t cmd[512], rsp[1024];
static size_t rsp_len;

static int transmit(size_t cmd_len)
{
	make_cmd(cmd, cmd_len);
	rsp_len = 12345;
	return tpm_tis_transmit(&tis, cmd, cmd_len, rsp, sizeof(rsp), &rsp_len);
}

/* The driver left the TPM Ready (or Idle) without the locality. */
static void assert_clean_end(void)
{
	assert_false(f.active);
	assert_false(f.requested);
	assert_true(f.st == READY || f.st == IDLE);
	assert_int_equal(f.violations, 0);
}

static void test_init(void **state)
{
	(void)state;
	assert_int_equal(tis.did_vid, 0x00011014);
	f.iface = 0xf; /* TIS 1.3 */
	assert_int_equal(tpm_tis_init(&tis, &ops, &f), 0);
	f.iface = 0x2000000f; /* other fields do not matter */
	assert_int_equal(tpm_tis_init(&tis, &ops, &f), 0);
}

static void test_init_absent(void **state)
{
	(void)state;
	f.did_vid = 0xffffffff; /* nothing decodes the address */
	assert_int_equal(tpm_tis_init(&tis, &ops, &f), -RAMPART_ENOENT);
	f.did_vid = 0;
	assert_int_equal(tpm_tis_init(&tis, &ops, &f), -RAMPART_ENOENT);
	f.did_vid = 0x00011014;
	f.iface = 0x1; /* CRB, not a FIFO */
	assert_int_equal(tpm_tis_init(&tis, &ops, &f), -RAMPART_ENOENT);
	f.iface = 0;
	f.access_valid = 0;
	assert_int_equal(tpm_tis_init(&tis, &ops, &f), -RAMPART_ENOENT);
}

static void round_trip(uint32_t burst, int exec_delays, size_t cmd_len,
		       size_t size)
{
	f.burst_max = burst;
	f.exec_delays = exec_delays;
	set_response(size);
	assert_int_equal(transmit(cmd_len), 0);
	assert_int_equal(f.last_len, cmd_len);
	assert_memory_equal(f.last_cmd, cmd, cmd_len);
	assert_int_equal(rsp_len, size);
	assert_memory_equal(rsp, f.rsp, size);
	assert_int_equal(f.executed, 1);
	assert_clean_end();
	f.executed = 0;
	f.written = 0;
	f.read = 0;
}

static void test_round_trips(void **state)
{
	static const uint32_t bursts[] = { 1, 2, 3, 7, 10, 64, 0xffff };

	(void)state;
	for (size_t i = 0; i < sizeof(bursts) / sizeof(bursts[0]); i++) {
		round_trip(bursts[i], 0, 12, 10);
		round_trip(bursts[i], 5, 73, 238);
		round_trip(bursts[i], 1, 10, sizeof(rsp)); /* exactly fits */
	}
}

static void test_locality_already_active(void **state)
{
	(void)state;
	f.active = true;
	round_trip(16, 2, 12, 10);
}

static void test_locality_never_granted(void **state)
{
	(void)state;
	f.deny_locality = true;
	assert_int_equal(transmit(12), -RAMPART_ETIMEDOUT);
	assert_int_equal(rsp_len, 0);
	assert_in_range(f.waited_us, 750000, 760000); /* TIMEOUT_A */
	assert_int_equal(f.written, 0);
	assert_false(f.requested); /* the request was withdrawn */
	assert_int_equal(f.violations, 0);
}

static void test_command_ready_never(void **state)
{
	(void)state;
	f.ready_stuck = true;
	assert_int_equal(transmit(12), -RAMPART_ETIMEDOUT);
	assert_in_range(f.waited_us, 2000000, 2010000); /* TIMEOUT_B */
	assert_int_equal(f.written, 0);
	assert_false(f.active);
}

static void test_burst_count_zero(void **state)
{
	(void)state;
	f.burst_max = 0;
	assert_int_equal(transmit(12), -RAMPART_ETIMEDOUT);
	assert_in_range(f.waited_us, 30000, 31000); /* TIMEOUT_D */
	assert_int_equal(f.executed, 0);
	assert_clean_end();
}

static void test_expect_stuck(void **state)
{
	(void)state;
	f.expect_stuck = true; /* wants more than the header's size */
	assert_int_equal(transmit(40), -RAMPART_EINVAL);
	assert_int_equal(f.written, 40);
	assert_int_equal(f.executed, 0);
	assert_clean_end();
}

static void test_expect_early(void **state)
{
	(void)state;
	f.burst_max = 10;
	f.expect_early = true; /* done while bytes remain */
	assert_int_equal(transmit(40), -RAMPART_EINVAL);
	assert_int_equal(f.written, 10);
	assert_int_equal(f.executed, 0);
	assert_clean_end();
}

static void test_never_completes(void **state)
{
	(void)state;
	f.exec_delays = -1;
	assert_int_equal(transmit(12), -RAMPART_ETIMEDOUT);
	assert_in_range(f.waited_us, 10000000, 10010000); /* 10 s */
	assert_int_equal(rsp_len, 0);
	assert_clean_end();
}

static void test_response_too_large(void **state)
{
	(void)state;
	set_response(sizeof(rsp) + 1);
	assert_int_equal(transmit(12), -RAMPART_ENOSPC);
	assert_int_equal(rsp_len, 0);
	assert_int_equal(f.read, 10); /* only the header was read */
	assert_clean_end();
	set_response(0xffffffff); /* absurd size field */
	f.fifo_len = 64;
	assert_int_equal(transmit(12), -RAMPART_ENOSPC);
	assert_clean_end();
}

static void test_response_size_below_header(void **state)
{
	(void)state;
	set_response(6);
	f.fifo_len = 10;
	assert_int_equal(transmit(12), -RAMPART_EINVAL);
	assert_int_equal(rsp_len, 0);
	assert_clean_end();
}

/* The FIFO runs dry before the header's size: an error at once, not a
 * wait, and no byte read past what the TPM offered. */
static void test_response_short(void **state)
{
	(void)state;
	set_response(100);
	f.fifo_len = 60;
	assert_int_equal(transmit(12), -RAMPART_EINVAL);
	assert_int_equal(f.read, 60);
	assert_true(f.waited_us < 1000);
	assert_clean_end();
	f.fifo_len = 4; /* not even a header */
	assert_int_equal(transmit(12), -RAMPART_EINVAL);
	assert_clean_end();
}

static void test_response_long(void **state)
{
	(void)state;
	set_response(100);
	f.fifo_len = 101; /* dataAvail after the declared end */
	assert_int_equal(transmit(12), -RAMPART_EINVAL);
	assert_int_equal(rsp_len, 0);
	assert_int_equal(f.read, 100);
	assert_clean_end();
}

static void test_bad_arguments(void **state)
{
	(void)state;
	make_cmd(cmd, 12);
	cmd[5] = 13; /* header disagrees with the length */
	assert_int_equal(
		tpm_tis_transmit(&tis, cmd, 12, rsp, sizeof(rsp), &rsp_len),
		-RAMPART_EINVAL);
	make_cmd(cmd, 9);
	assert_int_equal(
		tpm_tis_transmit(&tis, cmd, 9, rsp, sizeof(rsp), &rsp_len),
		-RAMPART_EINVAL);
	make_cmd(cmd, 12);
	assert_int_equal(tpm_tis_transmit(&tis, cmd, 12, rsp, 9, &rsp_len),
			 -RAMPART_ENOSPC);
	assert_int_equal(f.mmio, 0);
}

static void test_back_to_back(void **state)
{
	(void)state;
	for (int i = 0; i < 3; i++)
		round_trip(5, i, 20 + (size_t)i, 30 + (size_t)i);
}

/* The adapters struct tpm2_dev uses. */
static void test_transport_adapters(void **state)
{
	(void)state;
	make_cmd(cmd, 12);
	assert_int_equal(
		tpm_tis_transport(&tis, cmd, 12, rsp, sizeof(rsp), &rsp_len),
		0);
	assert_int_equal(rsp_len, 24);
	f.delays = 0;
	f.waited_us = 0;
	tpm_tis_delay(&tis, 1234);
	assert_int_equal(f.delays, 1);
	assert_int_equal(f.waited_us, 1234);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_init, setup),
		cmocka_unit_test_setup(test_init_absent, setup),
		cmocka_unit_test_setup(test_round_trips, setup),
		cmocka_unit_test_setup(test_locality_already_active, setup),
		cmocka_unit_test_setup(test_locality_never_granted, setup),
		cmocka_unit_test_setup(test_command_ready_never, setup),
		cmocka_unit_test_setup(test_burst_count_zero, setup),
		cmocka_unit_test_setup(test_expect_stuck, setup),
		cmocka_unit_test_setup(test_expect_early, setup),
		cmocka_unit_test_setup(test_never_completes, setup),
		cmocka_unit_test_setup(test_response_too_large, setup),
		cmocka_unit_test_setup(test_response_size_below_header, setup),
		cmocka_unit_test_setup(test_response_short, setup),
		cmocka_unit_test_setup(test_response_long, setup),
		cmocka_unit_test_setup(test_bad_arguments, setup),
		cmocka_unit_test_setup(test_back_to_back, setup),
		cmocka_unit_test_setup(test_transport_adapters, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
