// SPDX-License-Identifier: BSD-2-Clause
/*
 * measure/tpm2_cmd.c against a real TPM: a fresh swtpm provisioned by
 * keys/provision-ak.sh, reached over loopback TCP with the TPM simulator
 * framing (TPM_SEND_COMMAND). The monitor's sequence runs here (Startup,
 * one PCR_Extend per event, Quote with a nonce) and independent tools
 * judge the result: tpm2_pcrread must read the PCR values replayed from
 * the events, and tpm2_checkquote must accept the quote against the AK's
 * public key, those PCR values and the nonce (and reject it otherwise).
 *
 * Needs swtpm and tpm2-tools (make deps); run from the repository root.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <mbedtls/sha256.h>

#include "measure/tpm2_cmd.h"

#define TPM_SEND_COMMAND 8 /* TPM simulator socket protocol */
#define PCR_MASK (1u << 0 | 1u << 1 | 1u << 7 | 1u << 8 | 1u << 9)
#define NPCRS 5

static const unsigned int pcr_ids[NPCRS] = { 0, 1, 7, 8, 9 };

static char dir[] = "/tmp/rampart-swtpm-XXXXXX";
static int port;
static pid_t swtpm_pid;
static uint8_t buf[TPM2_BUF_SIZE];
static uint8_t expected[24][32]; /* SHA-256 PCRs replayed here */

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

static int write_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	ssize_t k;

	for (; n; n -= (size_t)k, b += k) {
		k = write(fd, b, n);
		if (k <= 0)
			return -1;
	}
	return 0;
}

static int read_all(int fd, void *p, size_t n)
{
	uint8_t *b = p;
	ssize_t k;

	for (; n; n -= (size_t)k, b += k) {
		k = read(fd, b, n);
		if (k <= 0)
			return -1;
	}
	return 0;
}

static int sim_connect(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0)
		return fd;
	if (fd >= 0)
		close(fd);
	return -1;
}

/* struct tpm2_dev.transmit over one connection per command (so that the
 * tpm2-tools can connect between commands): TPM_SEND_COMMAND, locality 0,
 * size, command; back come size, response, and a zero acknowledgement. */
static int sim_transmit(void *ctx, const uint8_t *cmd, size_t cmd_len,
			uint8_t *rsp, size_t cap, size_t *rsp_len)
{
	uint8_t hdr[9] = { 0, 0, 0, TPM_SEND_COMMAND, 0 };
	uint32_t n, ack;
	int fd = sim_connect(), rc = -1;

	(void)ctx;
	*rsp_len = 0;
	if (fd < 0)
		return -EIO;
	n = htonl((uint32_t)cmd_len);
	memcpy(hdr + 5, &n, 4);
	if (write_all(fd, hdr, sizeof(hdr)) || write_all(fd, cmd, cmd_len) ||
	    read_all(fd, &n, 4))
		goto out;
	n = ntohl(n);
	if (n > cap || read_all(fd, rsp, n) || read_all(fd, &ack, 4) || ack)
		goto out;
	*rsp_len = n;
	rc = 0;
out:
	close(fd);
	return rc ? -EIO : 0;
}

static void sim_delay(void *ctx, uint32_t us)
{
	(void)ctx;
	usleep(us);
}

static const struct tpm2_dev dev = {
	.transmit = sim_transmit,
	.delay_us = sim_delay,
	.buf = buf,
	.cap = sizeof(buf),
};

/* A free loopback port pair: swtpm --daemon fails when one is taken. */
static int start_swtpm(void)
{
	char pidbuf[64], line[32] = "";
	FILE *f;
	int i;

	srand((unsigned int)(time(NULL) ^ getpid()));
	for (i = 0; i < 20; i++) {
		port = 20000 + rand() % 20000 * 2;
		if (run("swtpm socket --tpm2 --tpmstate dir=%s/state"
			" --server type=tcp,port=%d,bindaddr=127.0.0.1"
			" --ctrl type=tcp,port=%d,bindaddr=127.0.0.1"
			" --flags not-need-init --pid file=%s/swtpm.pid"
			" --log file=%s/swtpm.log --daemon 2>>%s/swtpm.err",
			dir, port, port + 1, dir, dir, dir) == 0)
			break;
	}
	if (i == 20) {
		run("cat %s/swtpm.err >&2", dir);
		return -1;
	}
	snprintf(pidbuf, sizeof(pidbuf), "%s/swtpm.pid", dir);
	f = fopen(pidbuf, "r");
	if (!f)
		return -1;
	if (fgets(line, sizeof(line), f))
		swtpm_pid = (pid_t)strtol(line, NULL, 10);
	fclose(f);
	return swtpm_pid > 0 ? 0 : -1;
}

static int group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	if (run("keys/provision-ak.sh %s/state %s/keys >%s/provision.log 2>&1",
		dir, dir, dir)) {
		run("cat %s/provision.log >&2", dir);
		return -1;
	}
	return start_swtpm();
}

static int group_teardown(void **state)
{
	int i;

	(void)state;
	if (swtpm_pid > 0) {
		kill(swtpm_pid, SIGTERM);
		for (i = 0; i < 50 && kill(swtpm_pid, 0) == 0; i++)
			usleep(100000);
	}
	run("rm -rf %s", dir);
	return 0;
}

static void sha256(const void *p, size_t n, uint8_t out[32])
{
	assert_int_equal(mbedtls_sha256_ret(p, n, out, 0), 0);
}

/* One event: the digest of @text extended into @pcr, here and in the TPM. */
static void extend(unsigned int pcr, const char *text)
{
	uint8_t digest[32], cat[64];

	sha256(text, strlen(text), digest);
	memcpy(cat, expected[pcr], 32);
	memcpy(cat + 32, digest, 32);
	sha256(cat, sizeof(cat), expected[pcr]);
	assert_int_equal(tpm2_cmd_pcr_extend(&dev, pcr, digest), 0);
}

static void test_startup(void **state)
{
	(void)state;
	assert_int_equal(tpm2_cmd_startup(&dev), 0);
	/* Already started: the monitor must notice someone was first. */
	assert_int_equal(tpm2_cmd_startup(&dev), TPM2_RC_INITIALIZE);
}

/* The PCRs as tpm2_pcrread reads them equal the replay of the events. */
static void test_extend_replays(void **state)
{
	uint8_t got[NPCRS * 32];
	char path[256];
	FILE *f;
	int i;

	(void)state;
	extend(0, "firmware");
	extend(0, "monitor");
	extend(1, "device tree");
	extend(1, "console=ttyS0");
	extend(7, "policy=protect");
	extend(8, "kernel");
	extend(9, "initrd");
	assert_int_equal(run("tpm2_pcrread -Q -T swtpm:host=127.0.0.1,port=%d"
			     " sha256:0,1,7,8,9 -o %s/pcrs.bin",
			     port, dir),
			 0);
	snprintf(path, sizeof(path), "%s/pcrs.bin", dir);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(got, 1, sizeof(got), f), sizeof(got));
	fclose(f);
	for (i = 0; i < NPCRS; i++)
		assert_memory_equal(got + 32 * i, expected[pcr_ids[i]], 32);
}

static void write_file(const char *name, const void *p, size_t n)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	fclose(f);
}

static int checkquote(const char *pubkey, const char *nonce_hex)
{
	return run("tpm2_checkquote -u %s/keys/%s -m %s/quote.msg"
		   " -s %s/quote.sig -f %s/pcrs.bin -l sha256:0,1,7,8,9"
		   " -g sha256 -q %s >%s/checkquote.log 2>&1",
		   dir, pubkey, dir, dir, dir, nonce_hex, dir);
}

static void hex(const uint8_t *p, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

/* Quote with a nonce of @n bytes; tpm2_checkquote accepts it, and rejects
 * another nonce and a changed attestation. */
static void quote_and_check(size_t n)
{
	static struct tpm2_quote q;
	uint8_t nonce[TPM2_QUALIFYING_MAX];
	char nonce_hex[2 * TPM2_QUALIFYING_MAX + 1];

	for (size_t i = 0; i < n; i++)
		nonce[i] = (uint8_t)(0xa5 ^ i ^ n);
	hex(nonce, n, nonce_hex);
	assert_int_equal(
		tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, nonce, n, PCR_MASK, &q),
		0);
	assert_in_range(q.attest_len, 100, sizeof(q.attest));
	assert_in_range(q.sig_len, 8, sizeof(q.sig));
	assert_int_equal(q.sig[0] << 8 | q.sig[1], 0x0018); /* ECDSA */
	write_file("quote.msg", q.attest, q.attest_len);
	write_file("quote.sig", q.sig, q.sig_len);
	assert_int_equal(checkquote("ak.pub.pem", nonce_hex), 0);
	assert_int_equal(checkquote("ak.pub", nonce_hex), 0); /* TPM2B */
	nonce_hex[0] = nonce_hex[0] == '0' ? '1' : '0';
	assert_int_not_equal(checkquote("ak.pub.pem", nonce_hex), 0);
	nonce_hex[0] = nonce_hex[0] == '0' ? '1' : '0';
	q.attest[q.attest_len - 1] ^= 1; /* last byte of pcrDigest */
	write_file("quote.msg", q.attest, q.attest_len);
	assert_int_not_equal(checkquote("ak.pub.pem", nonce_hex), 0);
}

static void test_quote_verifies(void **state)
{
	(void)state;
	quote_and_check(32);
	quote_and_check(TPM2_QUALIFYING_MAX);
	quote_and_check(1);
}

/* After one more extend, the earlier PCR values no longer match a quote. */
static void test_quote_stale_pcrs_rejected(void **state)
{
	static struct tpm2_quote q;
	uint8_t nonce[32] = { 1, 2, 3 };
	char nonce_hex[65];

	(void)state;
	extend(8, "another kernel");
	assert_int_equal(tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, nonce,
					sizeof(nonce), PCR_MASK, &q),
			 0);
	write_file("quote.msg", q.attest, q.attest_len);
	write_file("quote.sig", q.sig, q.sig_len);
	hex(nonce, sizeof(nonce), nonce_hex);
	assert_int_not_equal(checkquote("ak.pub.pem", nonce_hex), 0);
}

/* No key at the handle: the TPM's handle error comes back positive. */
static void test_quote_no_key(void **state)
{
	static struct tpm2_quote q;
	uint8_t nonce[4] = { 0 };
	int rc;

	(void)state;
	rc = tpm2_cmd_quote(&dev, TPM2_AK_HANDLE + 7, nonce, sizeof(nonce),
			    PCR_MASK, &q);
	assert_true(rc > 0);
	assert_int_equal(rc & 0x0bf, 0x08b); /* TPM_RC_HANDLE, handle 1 */
	assert_int_equal(q.attest_len, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_startup),
		cmocka_unit_test(test_extend_replays),
		cmocka_unit_test(test_quote_verifies),
		cmocka_unit_test(test_quote_stale_pcrs_rejected),
		cmocka_unit_test(test_quote_no_key),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
