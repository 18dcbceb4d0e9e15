// SPDX-License-Identifier: BSD-2-Clause
/*
 * Behaviour of the verifier CLI (build/host/verifier: the tool under
 * ASan/UBSan): exit 0 for a good boot, 1 with the right failed check for
 * each kind of bad boot, 2 with a message for bad input. Boots are made
 * like the monitor makes them (tests/fuzz/sample.c); the reference comes
 * from `verifier reference` on the same files, so the two measuring sides
 * are checked against each other. TPM quotes are synthesised with TPM2-TSS
 * marshalling and an mbedTLS attestation key, and tpm2_checkquote must
 * reach the same verdict as the verifier on each of them.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/sha256.h>
#include <tss2/tss2_mu.h>

#include "../../include/rampart/evlog.h"
#include "tests/fuzz/sample.h"
#include "../../include/rampart/dice_blob.h"

#define NONCE "00112233445566778899aabbccddeeff"
#define OTHER_NONCE "00112233445566778899aabbccddeefe"

static char dir[64] = "/tmp/rampart-verifier-XXXXXX";
static const char *verifier;
static char out[65536];
static struct sample_inputs in;

/* Every other part a strict reference needs, as the samples boot them. */
#define REF_REST "--firmware firmware --monitor monitor --policy-config '' " \
		 "--max-audit 3 --memory 512M"
static mbedtls_ecp_keypair key, other_key, ak_key, dev_key;

/* --- helpers ----------------------------------------------------------------- */

/* Run a /bin/sh command line (dash: printf takes octal escapes) in @dir,
 * output (stdout and stderr) into out[]; returns its exit status. */
static int run(const char *fmt, ...)
{
	char cmd[4096];
	size_t n;
	va_list ap;
	FILE *p;
	int st;

	n = (size_t)snprintf(cmd, sizeof(cmd), "cd %s && ( ", dir);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - n, fmt, ap);
	va_end(ap);
	strncat(cmd, " ) 2>&1", sizeof(cmd) - strlen(cmd) - 1);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	st = pclose(p);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* `verifier check` of evidence @ev (log @log) with extra arguments */
static int check(const char *ev, const char *log, const char *extra)
{
	return run("%s check --evidence %s --ref ref.json --pubkey pub.pem "
		   "--audit-chain good.chain --nonce %s %s%s %s",
		   verifier, ev, NONCE, log ? "--eventlog " : "",
		   log ? log : "", extra ? extra : "");
}

static void expect_failed(const char *check_name)
{
	char line[64];

	snprintf(line, sizeof(line), "  FAIL  %-19s ", check_name);
	if (!strstr(out, line) || !strstr(out, "verdict: NOT TRUSTED"))
		fail_msg("expected a failed %s check in:\n%s", check_name, out);
}

static void expect_text(const char *text)
{
	if (!strstr(out, text))
		fail_msg("expected \"%s\" in:\n%s", text, out);
}

static void path_in_dir(char *p, size_t n, const char *name)
{
	snprintf(p, n, "%s/%s", dir, name);
}

static void write_in_dir(const char *name, const void *buf, size_t len)
{
	char p[256];

	path_in_dir(p, sizeof(p), name);
	assert_int_equal(sample_write_file(p, buf, len), 0);
}

/* Measure @i like the monitor, sign with @k; write NAME.ev and NAME.log */
/* the tree gives the kernel the firmware's memory (no reservation) */
static void tree_unreserved(struct sample *s)
{
	s->ev.dtb.reserved_count = 1;
}

/* the tree names an initrd over the kernel, of the measured size */
static void tree_initrd_over_kernel(struct sample *s)
{
	uint64_t n = s->ev.dtb.initrd_end - s->ev.dtb.initrd_start;

	s->ev.dtb.initrd_start = SAMPLE_KERNEL_BASE;
	s->ev.dtb.initrd_end = SAMPLE_KERNEL_BASE + n;
}

/* the tree gives the kernel 1 GiB */
static void tree_more_memory(struct sample *s)
{
	s->ev.dtb.memory[0].size = 0x40000000;
}

static void certify_key(struct sample *s)
{
	assert_int_equal(sample_certify(s, &key), 0);
}

static void make_boot(const char *name, const struct sample_inputs *i,
		      mbedtls_ecp_keypair *k, void (*tweak)(struct sample *))
{
	static struct sample s;
	uint8_t ev[EVIDENCE_MAX_SIZE];
	char file[128];
	size_t len;

	assert_int_equal(sample_measure(&s, i), 0);
	if (tweak)
		tweak(&s);
	assert_int_equal(sample_seal(&s, k, ev, sizeof(ev), &len), 0);
	snprintf(file, sizeof(file), "%s.ev", name);
	write_in_dir(file, ev, len);
	snprintf(file, sizeof(file), "%s.log", name);
	write_in_dir(file, s.log, s.log_len);
	/* every sample denies the same three accesses */
	write_in_dir("good.chain", s.chain, s.chain_len);
}

/* --- fixtures ---------------------------------------------------------------- */

static void write_inputs(void)
{
	uint8_t b[300];

	write_in_dir("Image", in.kernel, in.kernel_len);
	write_in_dir("initrd", in.initrd, in.initrd_len);
	write_in_dir("firmware", in.firmware, in.firmware_len);
	write_in_dir("monitor", in.monitor, in.monitor_len);
	memcpy(b, in.kernel, in.kernel_len);
	b[100] ^= 1; /* one byte of another kernel */
	write_in_dir("Image2", b, in.kernel_len);
}

static void tamper_log_kernel(struct sample *s)
{
	/* the kernel event's digest (the 5th record) no longer matches */
	size_t off = EVLOG_HEADER_SIZE;
	int n;

	for (n = 0; n < 4; n++)
		off += EVLOG_EVENT_SIZE + s->log[off + 46];
	s->log[off + 14] ^= 0x80;
}

static void extra_event(struct sample *s)
{
	struct evlog log = { s->log, sizeof(s->log), s->log_len };
	uint8_t d[32] = { 1 };

	assert_int_equal(evlog_append(&log, 8, EV_COMPACT_HASH, d, "linux", 6),
			 0);
	s->log_len = evlog_len(&log);
}

/* The longest command line (RAMPART_CMDLINE_MAX: what Linux keeps, what
 * the monitor measures and the launcher boots) the verifier must check;
 * one character more, and all three refuse it. */
static const char *long_cmdline(void)
{
	static char s[RAMPART_CMDLINE_MAX + 1];
	size_t i;

	for (i = 0; i < sizeof(s) - 1; i++)
		s[i] = i % 8 == 7 ? ' ' : (char)('a' + i % 26);
	return s;
}

static void make_boots(void)
{
	struct sample_inputs i;
	uint8_t k2[300], ini2[200], fw2[400];

	make_boot("good", &in, &key, NULL);
	i = in;
	memcpy(k2, in.kernel, in.kernel_len);
	k2[100] ^= 1;
	i.kernel = k2;
	make_boot("kernel2", &i, &key, NULL);
	i = in;
	memcpy(ini2, in.initrd, in.initrd_len);
	ini2[0] ^= 1;
	i.initrd = ini2;
	make_boot("initrd2", &i, &key, NULL);
	i = in;
	i.cmdline = "console=ttyS0 init=/bin/evil";
	make_boot("cmdline2", &i, &key, NULL);
	i = in;
	i.cmdline = long_cmdline();
	make_boot("longcmd", &i, &key, NULL);
	write_in_dir("longcmd.txt", i.cmdline, strlen(i.cmdline));
	i = in;
	memcpy(fw2, in.firmware, in.firmware_len);
	i.firmware = fw2;
	i.firmware_len = in.firmware_len + 1;
	fw2[in.firmware_len] = 0;
	make_boot("firmware2", &i, &key, NULL);
	make_boot("unreserved", &in, &key, tree_unreserved);
	make_boot("initrdkernel", &in, &key, tree_initrd_over_kernel);
	make_boot("morememory", &in, &key, tree_more_memory);
	/* signed by another key than the one its certificate names */
	make_boot("otherkey", &in, &other_key, certify_key);
	make_boot("badlog", &in, &key, tamper_log_kernel);
	make_boot("extraevent", &in, &key, extra_event);
	i = in;
	i.policy = "none";
	i.policy_id = 0;
	make_boot("nopolicy", &i, &key, NULL);
}

static int setup(void **state)
{
	char p[256];

	(void)state;
	verifier = getenv("RAMPART_VERIFIER");
	if (!verifier)
		verifier = realpath("build/host/verifier", NULL);
	if (!verifier || !mkdtemp(dir))
		return -1;
	mbedtls_ecp_keypair_init(&key);
	mbedtls_ecp_keypair_init(&other_key);
	mbedtls_ecp_keypair_init(&ak_key);
	if (sample_key(&key, 0) || sample_key(&other_key, 1) ||
	    sample_key(&ak_key, 2))
		return -1;
	sample_default_inputs(&in);
	/* pub.pem: the sample device's DeviceID, which certifies key (the
	 * alias key that signs, sample_seal) */
	mbedtls_ecp_keypair_init(&dev_key);
	path_in_dir(p, sizeof(p), "pub.pem");
	if (sample_key(&dev_key, SAMPLE_DEVICEID) ||
	    sample_write_pubkey(&dev_key, p))
		return -1;
	path_in_dir(p, sizeof(p), "other.pem");
	if (sample_write_pubkey(&other_key, p))
		return -1;
	path_in_dir(p, sizeof(p), "ak.pem");
	if (sample_write_pubkey(&ak_key, p))
		return -1;
	write_inputs();
	make_boots();
	return run("%s reference --kernel Image --initrd initrd --cmdline "
		   "console=ttyS0 " REF_REST " -o ref.json",
		   verifier);
}

static int teardown(void **state)
{
	(void)state;
	mbedtls_ecp_keypair_free(&key);
	mbedtls_ecp_keypair_free(&other_key);
	mbedtls_ecp_keypair_free(&ak_key);
	mbedtls_ecp_keypair_free(&dev_key);
	if (!getenv("RAMPART_KEEP_TMP")) /* to look at the files */
		run("rm -rf %s", dir);
	return 0;
}

/* --- trusted ----------------------------------------------------------------- */

static void test_good_boot_trusted(void **state)
{
	(void)state;
	assert_int_equal(check("good.ev", "good.log", NULL), 0);
	expect_text("verdict: TRUSTED");
	expect_text("  pass  kernel ");
	expect_text("  pass  eventlog ");
	expect_text("17 events (\"" SAMPLE_CRTM_VERSION "\")");
	assert_int_equal(check("good.ev", NULL, "--skip eventlog"), 0);
	expect_text("  skip  eventlog ");
}

/* What the measured tree tells the kernel about memory, judged. */
static void test_tree_facts(void **state)
{
	(void)state;
	assert_int_equal(check("good.ev", "good.log", NULL), 0);
	expect_text("  pass  memory              0x80000000+0x20000000");
	expect_text("  pass  reserved ");
	expect_text("  pass  initrd-range ");
	assert_int_equal(check("unreserved.ev", "unreserved.log", NULL), 1);
	expect_failed("reserved");
	assert_int_equal(check("initrdkernel.ev", "initrdkernel.log", NULL), 1);
	expect_failed("initrd-range");
	assert_int_equal(check("morememory.ev", "morememory.log", NULL), 1);
	expect_failed("memory");
	expect_text("expected 0x80000000+0x20000000");
	assert_int_equal(run("%s reference --kernel Image --memory 12Q -o x",
			     verifier), 2);
}

/* Strict by default: a part without a reference is NOT TRUSTED, naming
 * it, unless the user opts out of that one check. */
static void test_strict_by_default(void **state)
{
	(void)state;
	assert_int_equal(check("good.ev", NULL, NULL), 1);
	expect_failed("eventlog");
	expect_text("no reference for eventlog");
	assert_int_equal(run("%s reference --kernel Image --initrd initrd "
			     "--cmdline console=ttyS0 -o thin.json && %s check "
			     "--evidence good.ev --ref thin.json --pubkey "
			     "pub.pem --nonce %s --eventlog good.log",
			     verifier, verifier, NONCE),
			 1);
	expect_failed("monitor");
	expect_failed("firmware");
	expect_failed("policy-config");
	expect_failed("max-audit");
	expect_failed("memory");
	expect_failed("audit-chain");
	expect_text("no reference for monitor (verifier reference --monitor "
		    "FILE, or --skip monitor)");
	assert_int_equal(run("%s check --evidence good.ev --ref thin.json "
			     "--pubkey pub.pem --nonce %s --eventlog good.log "
			     "--skip monitor --skip firmware --skip "
			     "policy-config --skip max-audit --skip memory "
			     "--skip audit-chain",
			     verifier, NONCE),
			 0);
	expect_text("  skip  monitor ");
	expect_text("not checked (--skip audit-chain)");
	expect_text("not checked (--skip max-audit)");
	assert_int_equal(check("good.ev", "good.log", "--skip kernel"), 2);
}

static void test_json(void **state)
{
	(void)state;
	assert_int_equal(check("good.ev", "good.log", "--json"), 0);
	assert_int_equal(out[0], '{');
	expect_text("{\"verdict\":\"trusted\",\"exit\":0,\"failed\":[]");
	expect_text("\"pcrs\":{\"0\":\"");
	assert_ptr_equal(strchr(out, '\n'),
			 out + strlen(out) - 1); /* one line */
	assert_int_equal(check("kernel2.ev", "kernel2.log", "--json"), 1);
	expect_text("\"verdict\":\"not-trusted\",\"exit\":1,"
		    "\"failed\":[\"kernel\"]");
	assert_int_equal(check("missing.ev", NULL, "--json"), 2);
	expect_text("{\"verdict\":\"error\",\"exit\":2,\"error\":");
	/* the JSON is well-formed: python's parser agrees */
	assert_int_equal(run("%s check --evidence good.ev --ref ref.json "
			     "--pubkey pub.pem --nonce %s --eventlog good.log "
			     "--audit-chain good.chain --json | python3 -c "
			     "'import json,sys; d=json.load(sys.stdin); "
			     "assert d[\"exit\"]==0; a=d[\"audit\"]; "
			     "assert [r[\"access\"] for r in a[\"denied\"]]"
			     "==[\"read\",\"exec\",\"read\"]; "
			     "assert a[\"total\"]==3'",
			     verifier, NONCE),
			 0);
}

/* --- not trusted ------------------------------------------------------------- */

static void test_other_kernel(void **state)
{
	(void)state;
	assert_int_equal(check("kernel2.ev", "kernel2.log", NULL), 1);
	expect_failed("kernel");
	expect_text("measured kernel differs from the reference");
	/* and a reference made from the changed file trusts it */
	assert_int_equal(run("%s reference --kernel Image2 --initrd initrd "
			     "--cmdline console=ttyS0 " REF_REST " -o ref2.json "
			     "&& %s check --evidence kernel2.ev --ref ref2.json "
			     "--pubkey pub.pem --nonce %s --eventlog "
			     "kernel2.log --audit-chain good.chain",
			     verifier, verifier, NONCE),
			 0);
}

static void test_other_initrd(void **state)
{
	(void)state;
	assert_int_equal(check("initrd2.ev", "initrd2.log", NULL), 1);
	expect_failed("initrd");
}

static void test_other_cmdline(void **state)
{
	(void)state;
	assert_int_equal(check("cmdline2.ev", "cmdline2.log", NULL), 1);
	expect_failed("cmdline");
}

/* What the monitor measures, the verifier checks: a 5,000-character
 * command line (the verifier refused anything over 4,095). */
static void test_long_cmdline(void **state)
{
	(void)state;
	assert_int_equal(run("%s reference --kernel Image --initrd initrd "
			     "--cmdline \"$(cat longcmd.txt)\" " REF_REST
			     " -o longref.json && %s check --evidence "
			     "longcmd.ev --ref longref.json --pubkey pub.pem "
			     "--nonce %s --eventlog longcmd.log "
			     "--audit-chain good.chain",
			     verifier, verifier, NONCE),
			 0);
	expect_text("  pass  cmdline ");
	expect_text("(1023 bytes)");
	expect_text("verdict: TRUSTED");
	/* and the short reference does not trust it */
	assert_int_equal(check("longcmd.ev", "longcmd.log", NULL), 1);
	expect_failed("cmdline");
	/* one character more: bad input, nothing written */
	assert_int_equal(run("%s reference --kernel Image --initrd initrd "
			     "--cmdline \"$(cat longcmd.txt)x\" " REF_REST
			     " -o longer.json",
			     verifier),
			 2);
	expect_text("--cmdline: longer than 1023 characters");
	assert_int_equal(run("test ! -e longer.json"), 0);
}

static void test_other_firmware(void **state)
{
	(void)state;
	assert_int_equal(check("firmware2.ev", "firmware2.log", NULL), 1);
	expect_failed("firmware");
	expect_text("(and its size)");
}

static void test_wrong_nonce(void **state)
{
	(void)state;
	assert_int_equal(run("%s check --evidence good.ev --ref ref.json "
			     "--pubkey pub.pem --nonce %s",
			     verifier, OTHER_NONCE),
			 1);
	expect_failed("nonce");
	expect_text("expected " OTHER_NONCE);
	expect_text("actual   " NONCE);
}

static void test_wrong_key(void **state)
{
	(void)state;
	assert_int_equal(check("otherkey.ev", NULL, NULL), 1);
	expect_failed("signature");
	/* evidence of another device: its DeviceID did not certify the key */
	assert_int_equal(run("%s check --evidence good.ev --ref ref.json "
			     "--pubkey other.pem --nonce %s",
			     verifier, NONCE),
			 1);
	expect_failed("identity");
}

static void test_flipped_signature_byte(void **state)
{
	(void)state;
	/* the last byte belongs to s: the DER shape stays valid */
	assert_int_equal(run("cp good.ev flipped.ev && n=$(stat -c %%s good.ev)"
			     " && printf '\\125' | dd of=flipped.ev bs=1 "
			     "seek=$((n - 1)) conv=notrunc 2>/dev/null && "
			     "! cmp -s good.ev flipped.ev"),
			 0);
	assert_int_equal(check("flipped.ev", "good.log", NULL), 1);
	expect_failed("signature");
}

static void test_log_does_not_replay(void **state)
{
	(void)state;
	/* a log other than the one the evidence signed */
	assert_int_equal(check("good.ev", "kernel2.log", NULL), 1);
	expect_failed("eventlog");
	expect_text("is not the event log the evidence signed");
	/* signed, but its kernel event is not the evidence's kernel */
	assert_int_equal(check("badlog.ev", "badlog.log", NULL), 1);
	expect_failed("eventlog");
	expect_text("the logged kernel digest is not the evidence's");
	/* signed, with an event after the separators / a second kernel */
	assert_int_equal(check("extraevent.ev", "extraevent.log", NULL), 1);
	expect_failed("eventlog");
	expect_text("kernel measured twice");
}

static void test_audit_above_max(void **state)
{
	(void)state;
	assert_int_equal(check("good.ev", "good.log", "--max-audit 2"), 1);
	expect_failed("max-audit");
	expect_text("expected <= 2");
	assert_int_equal(check("good.ev", "good.log", "--max-audit 3"), 0);
}

/* The audit chain: every denied access listed; from a cursor, only the
 * newer ones; an altered, dropped or reordered record, or a chain that
 * starts after the cursor, is NOT TRUSTED. */
static void test_audit_chain(void **state)
{
	(void)state;
	assert_int_equal(check("good.ev", "good.log", NULL), 0);
	expect_text("denied #0 hart=0 access=read addr=0x80200000 pc=0x80100000");
	expect_text("denied #2 hart=2 access=read");
	assert_int_equal(check("good.ev", "good.log", "--audit-since 2"), 0);
	if (strstr(out, "denied #1"))
		fail_msg("a record before the cursor listed:\n%s", out);
	expect_text("denied #2 hart=2");
	/* one address bit of record 1 */
	assert_int_equal(run("cp good.chain bad.chain && printf '\\001' | dd "
			     "of=bad.chain bs=1 seek=%d conv=notrunc "
			     "2>/dev/null", 64 + 40 + 16), 0);
	assert_int_equal(check("good.ev", "good.log",
			       "--audit-chain bad.chain"), 1);
	expect_failed("audit-chain");
	expect_text("dropped, reordered or altered");
	/* the last record dropped (count 2, 64 + 80 bytes) */
	assert_int_equal(run("head -c 144 good.chain >short.chain && printf "
			     "'\\002' | dd of=short.chain bs=1 seek=24 "
			     "conv=notrunc 2>/dev/null"), 0);
	assert_int_equal(check("good.ev", "good.log",
			       "--audit-chain short.chain"), 1);
	expect_text("stops before the head the evidence signs");
	assert_int_equal(check("good.ev", "good.log",
			       "--audit-chain nope.chain"), 2);
}

static void test_reference_mismatches(void **state)
{
	(void)state;
	/* the reference has no initrd: the boot had one */
	assert_int_equal(run("%s reference --kernel Image --cmdline "
			     "console=ttyS0 " REF_REST " -o noinitrd.json && "
			     "%s check "
			     "--evidence good.ev --ref noinitrd.json --pubkey "
			     "pub.pem --nonce %s",
			     verifier, verifier, NONCE),
			 1);
	expect_failed("initrd");
	expect_text("the boot measured a initrd the reference does not have");
	assert_int_equal(check("nopolicy.ev", NULL, NULL), 1);
	expect_failed("policy");
	assert_int_equal(run("%s reference --kernel Image --initrd initrd "
			     "--cmdline console=ttyS0 --policy-config x=1 -o "
			     "conf.json && %s check --evidence good.ev --ref "
			     "conf.json --pubkey pub.pem --nonce %s",
			     verifier, verifier, NONCE),
			 1);
	expect_failed("policy");
	expect_text("policy configuration differs");
}

/* --- bad input ----------------------------------------------------------------- */

static void test_truncated_and_oversized_evidence(void **state)
{
	(void)state;
	assert_int_equal(run("head -c 100 good.ev >trunc.ev"), 0);
	assert_int_equal(check("trunc.ev", NULL, NULL), 2);
	expect_text("trunc.ev: malformed evidence: ");
	assert_int_equal(run("head -c 0 good.ev >empty.ev"), 0);
	assert_int_equal(check("empty.ev", NULL, NULL), 2);
	expect_text("truncated header");
	/* body length 0x7ffffff8 */
	assert_int_equal(
		run("cp good.ev big.ev && printf '\\370\\377\\377\\177'"
		    " | dd of=big.ev bs=1 seek=8 conv=notrunc "
		    "2>/dev/null"),
		0);
	assert_int_equal(check("big.ev", NULL, NULL), 2);
	expect_text("body length runs past the end");
	/* first field's length 0xffffffff */
	assert_int_equal(
		run("cp good.ev big2.ev && printf '\\377\\377\\377\\377'"
		    " | dd of=big2.ev bs=1 seek=20 conv=notrunc "
		    "2>/dev/null"),
		0);
	assert_int_equal(check("big2.ev", NULL, NULL), 2);
	expect_text("field length runs past the body");
	assert_int_equal(run("head -c 70000 /dev/zero >huge.ev"), 0);
	assert_int_equal(check("huge.ev", NULL, NULL), 2);
}

static void test_wrong_version(void **state)
{
	(void)state;
	assert_int_equal(run("cp good.ev v4.ev && printf '\\004' | dd of=v4.ev "
			     "bs=1 seek=4 conv=notrunc 2>/dev/null"),
			 0);
	assert_int_equal(check("v4.ev", NULL, NULL), 2);
	expect_text("evidence format version 4, this verifier reads version 3");
}

static void test_garbage_json(void **state)
{
	static const char *const bad[] = {
		"",
		"{",
		"[]",
		"null",
		"{}x",
		"{\"rampart_reference\":1}",
		"{\"rampart_reference\":1,\"rampart_reference\":1}",
		/* a digest of one byte */
		"{\"kernel\":\"00\",\"kernel_size\":1,\"rampart_reference\":1}",
		"{\"rampart_reference\":2}",
		"{\"unknown\":\"x\"}",
		"{\"rampart_reference\":01}",
		"{\"rampart_reference\":-1}",
		"{\"rampart_reference\":1.0}",
		"{\"policy\":\"a\\u0000b\"}",
		"{\"policy\":\"\\ud800\"}",
		"{'policy':'x'}",
		"{\"policy\":\"x\",}",
		"{\"rampart_reference\":99999999999999999999999}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_in_dir("bad.json", bad[i], strlen(bad[i]));
		assert_int_equal(
			run("%s check --evidence good.ev --ref bad.json "
			    "--pubkey pub.pem --nonce %s",
			    verifier, NONCE),
			2);
		expect_text("verifier: reference: ");
	}
	/* a valid reference with the kernel digest edited */
	assert_int_equal(
		run("sed 's/\"kernel\": \"./\"kernel\": \"g/' ref.json "
		    ">edited.json && %s check --evidence good.ev --ref "
		    "edited.json --pubkey pub.pem --nonce %s",
		    verifier, NONCE),
		2);
	/* cmdline_text must hash to the cmdline digest */
	assert_int_equal(
		run("sed 's/\"cmdline_text\": \"console=ttyS0\"/"
		    "\"cmdline_text\": \"console=ttyS1\"/' ref.json "
		    ">edited2.json && ! cmp -s ref.json edited2.json && "
		    "%s check --evidence good.ev --ref edited2.json "
		    "--pubkey pub.pem --nonce %s",
		    verifier, NONCE),
		2);
	expect_text("cmdline_text does not match");
}

static void test_missing_files(void **state)
{
	(void)state;
	assert_int_equal(check("nonexistent.ev", NULL, NULL), 2);
	expect_text("nonexistent.ev: No such file or directory");
	assert_int_equal(run("%s check --evidence good.ev --ref nope.json "
			     "--pubkey pub.pem --nonce %s",
			     verifier, NONCE),
			 2);
	assert_int_equal(run("%s check --evidence good.ev --ref ref.json "
			     "--pubkey nope.pem --nonce %s",
			     verifier, NONCE),
			 2);
	assert_int_equal(check("good.ev", "nope.log", NULL), 2);
	assert_int_equal(check("good.ev", NULL, "--ak-pubkey nope.pem"), 2);
	/* a public key that is not P-256 ECDSA, a directory */
	assert_int_equal(run("%s check --evidence good.ev --ref ref.json "
			     "--pubkey ref.json --nonce %s",
			     verifier, NONCE),
			 2);
	assert_int_equal(check(".", NULL, NULL), 2);
	expect_text("not a regular file");
}

/* No output file, and no temporary left, when reference fails. */
static void test_reference_no_partial_output(void **state)
{
	(void)state;
	assert_int_equal(run("mkdir -p out && %s reference --kernel nope "
			     "--initrd initrd -o out/ref.json",
			     verifier),
			 2);
	expect_text("nope: No such file or directory");
	assert_int_equal(run("%s reference --kernel Image --initrd nope -o "
			     "out/ref.json",
			     verifier),
			 2);
	assert_int_equal(run("test -z \"$(ls -A out)\""), 0);
	/* a truncated Image header is refused, as the monitor refuses it */
	assert_int_equal(run("head -c 60 Image >short && %s reference --kernel "
			     "short -o out/ref.json",
			     verifier),
			 2);
	expect_text("truncated or inconsistent RISC-V Image header");
	assert_int_equal(run("test -z \"$(ls -A out)\""), 0);
	/* an existing file is replaced whole, never half-written */
	assert_int_equal(run("echo old >out/ref.json && %s reference --kernel "
			     "nope -o out/ref.json; cat out/ref.json",
			     verifier),
			 0);
	expect_text("old");
	assert_int_equal(run("%s reference --kernel Image -o out/ref.json && "
			     "ls -A out",
			     verifier),
			 0);
	assert_string_equal(out, "ref.json\n");
}

static void test_usage(void **state)
{
	(void)state;
	assert_int_equal(run("%s", verifier), 2);
	assert_int_equal(run("%s frobnicate", verifier), 2);
	assert_int_equal(run("%s check --evidence good.ev", verifier), 2);
	expect_text("are required");
	assert_int_equal(check("good.ev", NULL, "--bogus"), 2);
	assert_int_equal(check("good.ev", NULL, "--max-audit x"), 2);
	assert_int_equal(check("good.ev", NULL, "stray"), 2);
	assert_int_equal(run("%s check --evidence good.ev --ref ref.json "
			     "--pubkey pub.pem --nonce 0g",
			     verifier),
			 2);
	assert_int_equal(run("%s check --evidence good.ev --ref ref.json "
			     "--pubkey pub.pem --nonce ''",
			     verifier),
			 2);
	assert_int_equal(run("%s reference --kernel Image", verifier), 2);
	assert_int_equal(
		run("%s reference --kernel Image --policy Bad -o x", verifier),
		2);
	assert_int_equal(run("%s --help", verifier), 0);
	expect_text("Remote attestation of a Rampart boot, step by step");
}

/* Options in any order, before or after the command; --json, --help and
 * --version anywhere; one error line on stderr; exit 0/1/2 as documented
 * (docs/usage.md, "Exit status"). */
static void test_cli_conventions(void **state)
{
	static const char *const json_at[] = {
		"%s --json check --evidence good.ev --ref ref.json --pubkey "
		"pub.pem --nonce %s --eventlog good.log --audit-chain good.chain",
		"%s check --evidence good.ev --json --ref ref.json --pubkey "
		"pub.pem --nonce %s --eventlog good.log --audit-chain good.chain",
		"%s --evidence good.ev --ref ref.json check --pubkey pub.pem "
		"--audit-chain good.chain --eventlog good.log --nonce %s --json",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(json_at) / sizeof(json_at[0]); i++) {
		assert_int_equal(run(json_at[i], verifier, NONCE), 0);
		expect_text("{\"verdict\":\"trusted\",\"exit\":0,");
	}
	assert_int_equal(run("%s --version", verifier), 0);
	expect_text("verifier (Rampart) ");
	assert_int_equal(run("%s check --nonce 00 --version", verifier), 0);
	expect_text("verifier (Rampart) ");
	assert_int_equal(run("%s reference --help", verifier), 0);
	expect_text("Usage: verifier reference");
	/* the value of an option is not the command */
	assert_int_equal(run("%s --ref check reference --kernel Image -o "
			     "x.json --json 2>&1 >/dev/null",
			     verifier),
			 2);
	/* errors: one line on stderr, nothing on stdout */
	assert_int_equal(run("%s frobnicate 2>&1 >/dev/null | wc -l", verifier),
			 0);
	expect_text("1\n");
	/* one nonce limit (include/rampart/limits.h): 64 bytes pass as input (and
	 * are not this boot's), 65 are bad input */
	assert_int_equal(check("good.ev", "good.log",
			       "--nonce $(printf 'ab%.0s' $(seq 64))"),
			 1);
	expect_failed("nonce");
	assert_int_equal(check("good.ev", "good.log",
			       "--nonce $(printf 'ab%.0s' $(seq 65))"),
			 2);
	expect_text("--nonce: 1 to 64 bytes");
	assert_int_equal(run("%s check --bogus 2>&1 >/dev/null", verifier), 2);
	expect_text("verifier: check: unknown option");
	assert_int_equal(
		run("%s --json reference --kernel Image 2>/dev/null", verifier),
		2);
	expect_text("{\"verdict\":\"error\",\"exit\":2,");
}

/* A Rampart -bios image as scripts/mkimage.sh makes it: the monitor
 * region (identity size at offset 8, trailer at its end), no firmware. */
#define IMAGE_REGION 0x100000
#define IMAGE_IDENTITY 0x2000
static uint8_t image[IMAGE_REGION + 16];

static void write_fake_image(void)
{
	static const uint8_t trailer[9] = { 'R', 'P', 'I', 'M', 'A',
					    'G', 'E', '1', 0x10 };
	size_t i;

	for (i = 0; i < IMAGE_IDENTITY; i++)
		image[i] = (uint8_t)(i * 7);
	memset(image + 8, 0, 8);
	image[8] = IMAGE_IDENTITY & 0xff;
	image[9] = IMAGE_IDENTITY >> 8;
	memcpy(image + IMAGE_REGION - 16, trailer, sizeof(trailer));
	write_in_dir("mon.bin", image, sizeof(image));
	write_in_dir("opts", "policy=protect\nnonce=00\n", 24);
}

/* The blob `dice launch` wrote at DICE_BLOB_OFFSET of @path: the alias key
 * as a key pair, its certificate into @s. */
static void read_blob(const char *path, mbedtls_ecp_keypair *alias,
		      struct sample *s)
{
	static uint8_t img[sizeof(image)];
	const uint8_t *b = img + DICE_BLOB_OFFSET;
	char p[256];
	FILE *f;

	path_in_dir(p, sizeof(p), path);
	f = fopen(p, "rb");
	assert_non_null(f);
	assert_int_equal(fread(img, 1, sizeof(img), f), sizeof(img));
	fclose(f);
	assert_memory_equal(b, DICE_BLOB_MAGIC, 8);
	assert_int_equal(evidence_key_init(alias, b + 8), 0);
	s->ev.cert_len = (uint32_t)measure_get_le(b + 40, 4);
	assert_true(s->ev.cert_len > 0 && s->ev.cert_len <= EVIDENCE_CERT_MAX);
	memcpy(s->ev.cert, b + DICE_BLOB_HEADER, s->ev.cert_len);
}

/*
 * build/dice, the boot ROM's part (keys/dice.c): provisioning is once (a
 * rerun keeps the secret, 0600), the alias certificate chains to the
 * DeviceID certificate for openssl, evidence signed with the alias key the
 * launcher handed over verifies TRUSTED with the DeviceID public key, and a
 * monitor one byte different gets another alias key.
 */
static void test_dice_tooling(void **state)
{
	static struct sample s;
	static char dice[PATH_MAX];
	struct sample_inputs i = in;
	mbedtls_ecp_keypair alias;
	uint8_t ev[EVIDENCE_MAX_SIZE];
	size_t len;

	(void)state;
	assert_non_null(realpath("build/dice", dice));
	write_fake_image();
	assert_int_equal(run("%s provision dev && cp dev/deviceid.pub.pem "
			     "first.pem && %s provision dev && cmp "
			     "dev/deviceid.pub.pem first.pem && stat -c %%a "
			     "dev/uds.bin && %s launch dev mon.bin opts out.bin "
			     "&& openssl verify -CAfile dev/deviceid.crt.pem "
			     "out.bin.crt.pem",
			     dice, dice, dice),
		 0);
	expect_text("600\nout.bin.crt.pem: OK\n");
	/* evidence of that monitor, signed by the alias key: TRUSTED */
	i.monitor = image;
	i.monitor_len = IMAGE_IDENTITY;
	assert_int_equal(sample_measure(&s, &i), 0);
	mbedtls_ecp_keypair_init(&alias);
	read_blob("out.bin", &alias, &s);
	assert_int_equal(sample_seal(&s, &alias, ev, sizeof(ev), &len), 0);
	write_in_dir("dice.ev", ev, len);
	write_in_dir("dice.log", s.log, s.log_len);
	assert_int_equal(run("%s check --evidence dice.ev --ref ref.json "
			     "--pubkey dev/deviceid.pub.pem --nonce %s "
			     "--eventlog dice.log",
			     verifier, NONCE),
			 1); /* the reference's monitor is another */
	expect_text("  pass  identity ");
	expect_text("  pass  fwid ");
	expect_text("  pass  signature ");
	expect_failed("monitor");
	/* the image cannot be launched twice into one file, and one byte
	 * of the monitor changed gives another alias key */
	image[100] ^= 1;
	write_in_dir("mon2.bin", image, sizeof(image));
	image[100] ^= 1;
	assert_int_equal(run("%s launch dev mon2.bin opts out2.bin && "
			     "! cmp -s out.bin.crt.pem out2.bin.crt.pem && "
			     "%s launch dev out.bin opts out3.bin",
			     dice, dice),
			 1);
	expect_text("has data where the device identity goes");
	mbedtls_ecp_keypair_free(&alias);
}

/* --- TPM quote --------------------------------------------------------------- */

/* Blinding only (the nonce is RFC 6979's): any bytes do for a test. */
static int blinding_rng(void *ctx, unsigned char *p, size_t n)
{
	static unsigned char c;

	(void)ctx;
	while (n--)
		*p++ = (unsigned char)(c++ * 151 + 7);
	return 0;
}

/* A TPM2_Quote over PCRs 0,1,7,8,9 of @pcrs, qualifying data @nonce,
 * signed ECDSA-SHA256 by the AK; marshalled as a TPM returns it. */
static void make_quote(const uint8_t (*pcrs)[32], const uint8_t *nonce,
		       size_t nonce_len, uint8_t *att_buf, size_t *att_len,
		       uint8_t *sig_buf, size_t *sig_len)
{
	static const int sel[] = { 0, 1, 7, 8, 9 };
	TPMS_ATTEST att = { 0 };
	TPMT_SIGNATURE sig = { 0 };
	mbedtls_sha256_context ctx;
	uint8_t hash[32];
	mbedtls_mpi r, s;
	size_t i, off = 0;

	att.magic = TPM2_GENERATED_VALUE;
	att.type = TPM2_ST_ATTEST_QUOTE;
	att.qualifiedSigner.size = 34;
	att.extraData.size = (UINT16)nonce_len;
	memcpy(att.extraData.buffer, nonce, nonce_len);
	att.clockInfo.clock = 12345;
	att.attested.quote.pcrSelect.count = 1;
	att.attested.quote.pcrSelect.pcrSelections[0].hash = TPM2_ALG_SHA256;
	att.attested.quote.pcrSelect.pcrSelections[0].sizeofSelect = 3;
	mbedtls_sha256_init(&ctx);
	mbedtls_sha256_starts_ret(&ctx, 0);
	for (i = 0; i < sizeof(sel) / sizeof(sel[0]); i++) {
		att.attested.quote.pcrSelect.pcrSelections[0]
			.pcrSelect[sel[i] / 8] |= (uint8_t)(1 << (sel[i] % 8));
		mbedtls_sha256_update_ret(&ctx, pcrs[sel[i]], 32);
	}
	mbedtls_sha256_finish_ret(&ctx, att.attested.quote.pcrDigest.buffer);
	mbedtls_sha256_free(&ctx);
	att.attested.quote.pcrDigest.size = 32;
	assert_int_equal(Tss2_MU_TPMS_ATTEST_Marshal(&att, att_buf, 1024, &off),
			 0);
	*att_len = off;
	mbedtls_sha256_ret(att_buf, off, hash, 0);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	assert_int_equal(mbedtls_ecdsa_sign_det_ext(
				 &ak_key.grp, &r, &s, &ak_key.d, hash, 32,
				 MBEDTLS_MD_SHA256, blinding_rng, NULL),
			 0);
	sig.sigAlg = TPM2_ALG_ECDSA;
	sig.signature.ecdsa.hash = TPM2_ALG_SHA256;
	sig.signature.ecdsa.signatureR.size = 32;
	sig.signature.ecdsa.signatureS.size = 32;
	mbedtls_mpi_write_binary(&r, sig.signature.ecdsa.signatureR.buffer, 32);
	mbedtls_mpi_write_binary(&s, sig.signature.ecdsa.signatureS.buffer, 32);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	off = 0;
	assert_int_equal(
		Tss2_MU_TPMT_SIGNATURE_Marshal(&sig, sig_buf, 1024, &off), 0);
	*sig_len = off;
}

/* Evidence NAME.ev carrying a quote over @pcrs (replay of the sample log,
 * or @bad_pcr changed); quote files NAME.att/.sig/.pcrs for
 * tpm2_checkquote. */
static void make_quoted_boot(const char *name, int bad_pcr,
			     const uint8_t *nonce)
{
	static struct sample s;
	uint8_t pcrs[EVLOG_PCRS][32], att[1024], sig[1024];
	uint8_t ev[EVIDENCE_MAX_SIZE], sel[5 * 32];
	static const int order[] = { 0, 1, 7, 8, 9 };
	size_t att_len, sig_len, len, i;
	char file[128];

	assert_int_equal(sample_measure(&s, &in), 0);
	assert_true(evlog_replay(s.log, s.log_len, pcrs) > 0);
	if (bad_pcr >= 0)
		pcrs[bad_pcr][0] ^= 1;
	make_quote((const uint8_t(*)[32])pcrs, nonce, 16, att, &att_len, sig,
		   &sig_len);
	assert_int_equal(sample_set_quote(&s, att, att_len, sig, sig_len), 0);
	assert_int_equal(sample_seal(&s, &key, ev, sizeof(ev), &len), 0);
	snprintf(file, sizeof(file), "%s.ev", name);
	write_in_dir(file, ev, len);
	snprintf(file, sizeof(file), "%s.log", name);
	write_in_dir(file, s.log, s.log_len);
	snprintf(file, sizeof(file), "%s.att", name);
	write_in_dir(file, att, att_len);
	snprintf(file, sizeof(file), "%s.sig", name);
	write_in_dir(file, sig, sig_len);
	/* the PCR values the verifier replays, as tpm2_pcrread -o writes */
	assert_true(evlog_replay(s.log, s.log_len, pcrs) > 0);
	for (i = 0; i < 5; i++)
		memcpy(sel + 32 * i, pcrs[order[i]], 32);
	snprintf(file, sizeof(file), "%s.pcrs", name);
	write_in_dir(file, sel, sizeof(sel));
}

static int checkquote(const char *name, const char *ak, const char *nonce)
{
	return run("tpm2_checkquote -u %s -m %s.att -s %s.sig -g sha256 -q %s "
		   "-f %s.pcrs -l sha256:0,1,7,8,9",
		   ak, name, name, nonce, name);
}

static void test_quote(void **state)
{
	uint8_t nonce[16], other[16];
	int v;

	(void)state;
	for (v = 0; v < 16; v++) {
		nonce[v] = (uint8_t)(0x11 * v);
		other[v] = (uint8_t)(0x11 * v);
	}
	other[15] ^= 1;
	make_quoted_boot("q-good", -1, nonce);
	make_quoted_boot("q-pcr", 8, nonce);
	make_quoted_boot("q-nonce", -1, other);
	/* good: both trust it */
	assert_int_equal(check("q-good.ev", "q-good.log", "--ak-pubkey ak.pem"),
			 0);
	expect_text("  pass  tpm-quote-pcrs ");
	expect_text("  pass  tpm-quote-signature ");
	assert_int_equal(checkquote("q-good", "ak.pem", NONCE), 0);
	/* PCRs that are not the log's: both refuse */
	assert_int_equal(check("q-pcr.ev", "q-pcr.log", "--ak-pubkey ak.pem"),
			 1);
	expect_failed("tpm-quote-pcrs");
	assert_int_not_equal(checkquote("q-pcr", "ak.pem", NONCE), 0);
	/* qualifying data that is not the nonce: both refuse */
	assert_int_equal(
		check("q-nonce.ev", "q-nonce.log", "--ak-pubkey ak.pem"), 1);
	expect_failed("tpm-quote");
	assert_int_not_equal(checkquote("q-nonce", "ak.pem", NONCE), 0);
	/* another attestation key: both refuse */
	assert_int_equal(
		check("q-good.ev", "q-good.log", "--ak-pubkey other.pem"), 1);
	expect_failed("tpm-quote-signature");
	assert_int_not_equal(checkquote("q-good", "other.pem", NONCE), 0);
	/* without the log or the AK, those parts are reported as skipped */
	assert_int_equal(check("q-good.ev", NULL, "--skip eventlog"), 0);
	expect_text("  skip  tpm-quote-pcrs ");
	expect_text("  skip  tpm-quote-signature ");
	/* an AK given but no quote in the evidence */
	assert_int_equal(check("good.ev", "good.log", "--ak-pubkey ak.pem"), 1);
	expect_failed("tpm-quote");
}

static size_t read_in_dir(const char *name, uint8_t *buf, size_t size)
{
	char p[256];
	size_t n;
	FILE *f;

	path_in_dir(p, sizeof(p), name);
	f = fopen(p, "rb");
	assert_non_null(f);
	n = fread(buf, 1, size, f);
	fclose(f);
	assert_true(n > 0 && n < size);
	return n;
}

/* Evidence NAME.ev carrying the quote the script wrote in NAME/ */
static void seal_real_quote(const char *name)
{
	static struct sample s;
	uint8_t att[1024], sig[1024], ev[EVIDENCE_MAX_SIZE];
	char file[128];
	size_t att_len, sig_len, len;

	snprintf(file, sizeof(file), "%s/att.bin", name);
	att_len = read_in_dir(file, att, sizeof(att));
	snprintf(file, sizeof(file), "%s/sig.bin", name);
	sig_len = read_in_dir(file, sig, sizeof(sig));
	assert_int_equal(sample_measure(&s, &in), 0);
	assert_int_equal(sample_set_quote(&s, att, att_len, sig, sig_len), 0);
	assert_int_equal(sample_seal(&s, &key, ev, sizeof(ev), &len), 0);
	snprintf(file, sizeof(file), "%s.ev", name);
	write_in_dir(file, ev, len);
}

/*
 * A real TPM (swtpm) extends the log's digests and quotes them: the
 * verifier and tpm2_checkquote agree on it, and both refuse the quote of
 * a TPM whose PCR 8 was extended once more than the log says.
 */
static void test_real_tpm_quote(void **state)
{
	static char script[PATH_MAX];
	const char *cq = "tpm2_checkquote -u %s/ak.pem -m %s/att.bin -s "
			 "%s/sig.bin -g sha256 -q %s -f %s/pcrs.bin "
			 "-e good.log";

	(void)state;
	assert_non_null(realpath("tests/host/test_verifier_quote.sh", script));
	assert_int_equal(run("mkdir -p swtpm swtpm-bad && %s swtpm good.log %s "
			     "&& %s swtpm-bad good.log %s 8",
			     script, NONCE, script, NONCE),
			 0);
	seal_real_quote("swtpm");
	seal_real_quote("swtpm-bad");
	assert_int_equal(
		check("swtpm.ev", "good.log", "--ak-pubkey swtpm/ak.pem"), 0);
	expect_text("  pass  tpm-quote-pcrs ");
	expect_text("  pass  tpm-quote-signature ");
	assert_int_equal(run(cq, "swtpm", "swtpm", "swtpm", NONCE, "swtpm"), 0);
	assert_int_equal(check("swtpm-bad.ev", "good.log",
			       "--ak-pubkey swtpm-bad/ak.pem"),
			 1);
	expect_failed("tpm-quote-pcrs");
	assert_int_not_equal(run(cq, "swtpm-bad", "swtpm-bad", "swtpm-bad",
				 NONCE, "swtpm-bad"),
			     0);
	/* the other TPM's AK does not sign this quote, for either tool */
	assert_int_equal(
		check("swtpm.ev", "good.log", "--ak-pubkey swtpm-bad/ak.pem"),
		1);
	expect_failed("tpm-quote-signature");
	assert_int_not_equal(
		run("tpm2_checkquote -u swtpm-bad/ak.pem -m "
		    "swtpm/att.bin -s swtpm/sig.bin -g sha256 -q %s",
		    NONCE),
		0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_boot_trusted),
		cmocka_unit_test(test_strict_by_default),
		cmocka_unit_test(test_tree_facts),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_other_kernel),
		cmocka_unit_test(test_other_initrd),
		cmocka_unit_test(test_other_cmdline),
		cmocka_unit_test(test_other_firmware),
		cmocka_unit_test(test_long_cmdline),
		cmocka_unit_test(test_cli_conventions),
		cmocka_unit_test(test_wrong_nonce),
		cmocka_unit_test(test_wrong_key),
		cmocka_unit_test(test_flipped_signature_byte),
		cmocka_unit_test(test_log_does_not_replay),
		cmocka_unit_test(test_audit_above_max),
		cmocka_unit_test(test_audit_chain),
		cmocka_unit_test(test_reference_mismatches),
		cmocka_unit_test(test_truncated_and_oversized_evidence),
		cmocka_unit_test(test_wrong_version),
		cmocka_unit_test(test_garbage_json),
		cmocka_unit_test(test_missing_files),
		cmocka_unit_test(test_reference_no_partial_output),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_dice_tooling),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_real_tpm_quote),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
