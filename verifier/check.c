// SPDX-License-Identifier: BSD-2-Clause
/*
 * `verifier check`: is this evidence a trustworthy boot of the reference?
 * Bad input (unreadable or malformed files, usage) stops with exit 2
 * before any verdict; otherwise every check runs and every failure is
 * named, with what was expected and what the evidence says.
 */
#include "verifier.h"
#include "../include/rampart/audit_chain.h"
#include <getopt.h>
#include <mbedtls/pk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REF_MAX_SIZE REF_JSON_MAX
#define LOG_MAX_SIZE (1024 * 1024)
#define EVIDENCE_FILE_MAX (64 * 1024)

/* What a user may opt out of, by name (--skip): every other part of the
 * evidence is checked against a reference or the verdict is NOT TRUSTED. */
static const char *const skippable[] = {
	"monitor", "firmware", "initrd", "cmdline", "policy-config",
	"max-audit", "eventlog", "memory", "audit-chain",
};
#define SKIPPABLE (sizeof(skippable) / sizeof(skippable[0]))
_Static_assert(SKIPPABLE == sizeof(((struct check_config *)0)->skip),
	       "check_config.skip has one flag per skippable check");

/* What `check` was given: the files, and how to check (check_config). */
struct check_opts {
	const char *evidence, *nonce, *eventlog;
	const char *chain;	/* --audit-chain */
	uint64_t since;		/* --audit-since: the first record to list */
	struct check_config c;
};

/* One evaluation: the device's answer (check_data) and what it parses to. */
struct inputs {
	const uint8_t *ev_buf;
	size_t ev_len;
	char *ref_text;
	size_t ref_len;
	const uint8_t *log;
	size_t log_len;
	uint8_t *log_file; /* the log read from check_data.log_path */
	const uint8_t *nonce;
	size_t nonce_len;
	mbedtls_pk_context pk;
	struct reference ref;
	struct evidence ev;
	uint8_t pcrs[EVLOG_PCRS][MEASURE_DIGEST_SIZE];
	bool replayed;
};

/* --- the checks ----------------------------------------------------------- */

/* Did the user --skip @name? Then its "not checked" line is reported. */
static bool skipped(const struct check_config *o, const char *name)
{
	size_t i;

	for (i = 0; i < SKIPPABLE; i++) {
		if (!strcmp(skippable[i], name) && o->skip[i]) {
			report_add(ST_SKIP, name, NULL, NULL,
				   "not checked (--skip %s)", name);
			return true;
		}
	}
	return false;
}

/* A part without a reference: NOT TRUSTED, unless the user named it. */
static void no_reference(const struct check_config *o, const char *name,
			 const char *how)
{
	if (!skipped(o, name))
		report_add(ST_FAIL, name, NULL, NULL,
			   "no reference for %s (%s, or --skip %s)", name, how,
			   name);
}

static void check_nonce(const struct inputs *in)
{
	char want[2 * EVIDENCE_NONCE_MAX + 1], got[2 * EVIDENCE_NONCE_MAX + 1];

	hex_encode(in->nonce, in->nonce_len, want);
	hex_encode(in->ev.nonce, in->ev.nonce_len, got);
	if (in->nonce_len == in->ev.nonce_len &&
	    ct_equal(in->nonce, in->ev.nonce, in->nonce_len))
		report_add(ST_PASS, "nonce", NULL, NULL, "%s (fresh)", got);
	else
		report_add(ST_FAIL, "nonce", want, got,
			   "not the nonce this check asked for (a replayed "
			   "or another verifier's evidence)");
}

static uint64_t expected_base(unsigned int t)
{
	if (t == MEASURE_MONITOR)
		return MONITOR_BASE;
	if (t == MEASURE_FIRMWARE)
		return FIRMWARE_BASE;
	if (t == MEASURE_KERNEL)
		return PAYLOAD_BASE;
	return 0;
}

static void check_region(const struct inputs *in, const struct check_config *o,
			 unsigned int t)
{
	const struct ref_region *r = &in->ref.regions[t];
	const struct evidence_region *e = &in->ev.regions[t];
	char want[DIGEST_HEX + 40], got[DIGEST_HEX + 40], how[64];

	if (!r->set) {
		snprintf(how, sizeof(how), "verifier reference --%s FILE",
			 region_name(t));
		no_reference(o, region_name(t), how);
		return;
	}
	hex_encode(r->digest, MEASURE_DIGEST_SIZE, want);
	hex_encode(e->digest, MEASURE_DIGEST_SIZE, got);
	if (r->absent || !e->present) {
		if (r->absent && !e->present)
			report_add(ST_PASS, region_name(t), NULL, NULL,
				   "none, as the reference says");
		else
			report_add(ST_FAIL, region_name(t),
				   r->absent ? "none" : want,
				   e->present ? got : "none",
				   r->absent ? "the boot measured a %s the "
					       "reference does not have" :
					       "the boot had no %s",
				   region_name(t));
		return;
	}
	if (ct_equal(r->digest, e->digest, MEASURE_DIGEST_SIZE) &&
	    r->size == e->size && e->base == expected_base(t)) {
		report_add(ST_PASS, region_name(t), NULL, NULL,
			   "%s (%llu bytes)", got, (unsigned long long)e->size);
		return;
	}
	snprintf(want + strlen(want), 40, " size %llu",
		 (unsigned long long)r->size);
	snprintf(got + strlen(got), 40, " size %llu",
		 (unsigned long long)e->size);
	report_add(ST_FAIL, region_name(t), want, got,
		   "measured %s differs from the reference%s", region_name(t),
		   e->base != expected_base(t) ? " (and its base address)" :
		   r->size != e->size	       ? " (and its size)" :
						 "");
}

static const char *known_policy_id(const char *name, uint32_t *id)
{
	if (!strcmp(name, "none"))
		*id = 0;
	else if (!strcmp(name, "protect"))
		*id = 1;
	else
		return NULL;
	return name;
}

static void check_policy(const struct inputs *in, const struct check_config *o)
{
	const struct evidence *ev = &in->ev;
	const struct evidence_region *r = &ev->regions[MEASURE_POLICY];
	char text[EVIDENCE_POLICY_NAME_MAX + EVIDENCE_POLICY_CONFIG_MAX + 2];
	uint8_t d[MEASURE_DIGEST_SIZE];
	uint32_t id;
	int n = evidence_policy_text(ev, text, sizeof(text));

	measure_region(MEASURE_POLICY, 0, n < 0 ? 0 : (uint64_t)n, text, d);
	if (n < 0 || r->base || r->size != (uint64_t)n ||
	    !ct_equal(d, r->digest, sizeof(d)))
		report_add(ST_FAIL, "policy", NULL, NULL,
			   "the policy measurement does not hash the policy "
			   "text \"%s\"",
			   text);
	else if (strcmp(ev->policy_name, in->ref.policy) != 0)
		report_add(ST_FAIL, "policy", in->ref.policy, ev->policy_name,
			   "the monitor ran another policy");
	else if (in->ref.policy_config_set &&
		 strcmp(ev->policy_config, in->ref.policy_config) != 0)
		report_add(ST_FAIL, "policy", in->ref.policy_config,
			   ev->policy_config, "policy configuration differs");
	else if (known_policy_id(ev->policy_name, &id) && id != ev->policy_id)
		report_add(ST_FAIL, "policy", NULL, NULL,
			   "policy id %u does not name policy %s",
			   ev->policy_id, ev->policy_name);
	else if (!in->ref.policy_config_set)
		no_reference(o, "policy-config",
			     "verifier reference --policy-config TEXT");
	else
		report_add(ST_PASS, "policy", NULL, NULL, "\"%s\"", text);
}

/* Entry state: a1 names the measured tree, pc the measured kernel. */
static void check_entry(const struct inputs *in)
{
	const struct evidence *ev = &in->ev;
	const struct evidence_region *r = &ev->regions[MEASURE_ENTRY];
	uint8_t le[16], d[MEASURE_DIGEST_SIZE];
	int i;

	for (i = 0; i < 16; i++)
		le[i] = (uint8_t)((i < 8 ? ev->entry_pc : ev->entry_a1) >>
				  (8 * (i % 8)));
	measure_region(MEASURE_ENTRY, 0, sizeof(le), le, d);
	if (r->base || r->size != sizeof(le) || !ct_equal(d, r->digest, 32))
		report_add(ST_FAIL, "entry", NULL, NULL,
			   "the entry measurement does not hash pc, a1");
	else if (ev->entry_pc != ev->regions[MEASURE_KERNEL].base)
		report_add(
			ST_FAIL, "entry", NULL, NULL,
			"the kernel was entered at 0x%llx, not at the "
			"measured image 0x%llx",
			(unsigned long long)ev->entry_pc,
			(unsigned long long)ev->regions[MEASURE_KERNEL].base);
	else if (ev->entry_a1 != ev->regions[MEASURE_DTB].base)
		report_add(ST_FAIL, "entry", NULL, NULL,
			   "a1 0x%llx is not the measured device tree 0x%llx",
			   (unsigned long long)ev->entry_a1,
			   (unsigned long long)ev->regions[MEASURE_DTB].base);
	else
		report_add(
			ST_PASS, "entry", NULL, NULL,
			"pc 0x%llx (the kernel), a1 0x%llx (the device tree)",
			(unsigned long long)ev->entry_pc,
			(unsigned long long)ev->entry_a1);
}

static void check_audit(const struct inputs *in, const struct check_config *o)
{
	const uint64_t *a = in->ev.audit;
	/* --max-audit overrides the reference's budget */
	uint64_t budget = o->max_audit_set ? o->max_audit : in->ref.max_audit;
	char max[32], got[32];

	report_add(ST_INFO, "audit", NULL, NULL,
		   "blocked firmware accesses: total %llu (read %llu, write "
		   "%llu, exec %llu; %llu suppressed)",
		   (unsigned long long)a[0], (unsigned long long)a[1],
		   (unsigned long long)a[2], (unsigned long long)a[3],
		   (unsigned long long)a[4]);
	if (!o->max_audit_set && !in->ref.max_audit_set) {
		no_reference(o, "max-audit", "verifier reference --max-audit N");
		return;
	}
	snprintf(max, sizeof(max), "<= %llu", (unsigned long long)budget);
	snprintf(got, sizeof(got), "%llu", (unsigned long long)a[0]);
	if (a[0] > budget)
		report_add(ST_FAIL, "max-audit", max, got,
			   "the firmware tried more blocked accesses than "
			   "--max-audit allows");
	else
		report_add(ST_PASS, "max-audit", NULL, NULL, "%s %s", got, max);
}

/* --- inputs ----------------------------------------------------------------- */

static int load_pubkey(mbedtls_pk_context *pk, const char *path)
{
	const mbedtls_ecp_keypair *ec;

	if (mbedtls_pk_parse_public_keyfile(pk, path)) {
		fail_input("%s: not a PEM or DER public key", path);
		return -1;
	}
	ec = mbedtls_pk_get_type(pk) == MBEDTLS_PK_ECKEY ? mbedtls_pk_ec(*pk) :
							   NULL;
	if (!ec || ec->grp.id != MBEDTLS_ECP_DP_SECP256R1) {
		fail_input("%s: not an ECDSA P-256 key (a DeviceID key is one)",
			   path);
		return -1;
	}
	return 0;
}

static int parse_evidence(struct inputs *in, const char *path)
{
	const char *why = NULL;

	if (!evidence_parse(in->ev_buf, in->ev_len, &in->ev, &why))
		return 0;
	if (in->ev_len >= 6 && !memcmp(in->ev_buf, EVIDENCE_MAGIC, 4) &&
	    (in->ev_buf[4] | in->ev_buf[5] << 8) != EVIDENCE_VERSION)
		fail_input("%s: evidence format version %u, this verifier "
			   "reads version %u",
			   path, in->ev_buf[4] | in->ev_buf[5] << 8,
			   EVIDENCE_VERSION);
	else
		fail_input("%s: malformed evidence: %s", path, why);
	return -1;
}

/* The device's answer is in memory (@d); the reference and the keys are
 * the verifier's own files. */
static int load_inputs(struct inputs *in, const struct check_config *c,
		       const struct check_data *d)
{
	uint8_t *text;

	in->ev_buf = d->evidence;
	in->ev_len = d->evidence_len;
	in->log = d->log;
	in->log_len = d->log_len;
	in->nonce = d->nonce;
	in->nonce_len = d->nonce_len;
	if (parse_evidence(in, d->evidence_name) ||
	    read_file(c->ref, REF_MAX_SIZE, &text, &in->ref_len))
		return -1;
	in->ref_text = (char *)text;
	if (ref_parse(in->ref_text, in->ref_len, &in->ref) ||
	    load_pubkey(&in->pk, c->pubkey))
		return -1;
	/* read last, as `check` always did: the first bad input is named */
	if (d->log_path) {
		if (read_file(d->log_path, LOG_MAX_SIZE, &in->log_file,
			      &in->log_len))
			return -1;
		in->log = in->log_file;
	}
	return 0;
}

/* `check`'s nonce and evidence into memory; the event log is read by
 * check_buffers() (log_path), after the reference and the key. */
static int read_inputs(const struct check_opts *o, struct check_data *d,
		       uint8_t *nonce, uint8_t **ev, uint8_t **chain)
{
	long n = hex_decode(o->nonce, nonce, EVIDENCE_NONCE_MAX);

	if (n < 1) {
		fail_input("--nonce: 1 to 64 bytes as hex digits");
		return -1;
	}
	d->nonce = nonce;
	d->nonce_len = (size_t)n;
	if (read_file(o->evidence, EVIDENCE_FILE_MAX, ev, &d->evidence_len))
		return -1;
	d->evidence = *ev;
	d->evidence_name = o->evidence;
	d->log_path = o->eventlog;
	d->log_name = o->eventlog;
	if (o->chain && read_file(o->chain, AUDIT_CHAIN_ANSWER_MAX, chain,
				  &d->chain_len))
		return -1;
	d->chain = *chain;
	d->chain_name = o->chain;
	d->chain_since = o->since;
	return 0;
}

static int usage(const char *why)
{
	fail_input("check: %s (see verifier --help)", why);
	return -1;
}

static int check_skip_arg(struct check_config *o, const char *name)
{
	size_t i;

	for (i = 0; i < SKIPPABLE; i++) {
		if (!strcmp(skippable[i], name)) {
			o->skip[i] = true;
			return 0;
		}
	}
	return -1;
}

int check_config_option(struct check_config *c, int opt, const char **why)
{
	const struct string_option files[] = {
		{ 'r', &c->ref }, { 'k', &c->pubkey }, { 'a', &c->ak },
	};

	if (STRING_OPTION(files, opt))
		return 1;
	switch (opt) {
	case 'j':
		c->json = true;
		return 1;
	case 's':
		*why = "--skip takes " CHECK_SKIP_NAMES;
		return check_skip_arg(c, optarg) ? -1 : 1;
	case 'm':
		*why = "--max-audit takes a number";
		if (parse_count(optarg, &c->max_audit))
			return -1;
		c->max_audit_set = true;
		return 1;
	default:
		return 0;
	}
}

static int parse_args(int argc, char **argv, struct check_opts *o)
{
	static const struct option opts[] = {
		CHECK_CONFIG_OPTIONS,
		{ "evidence", required_argument, NULL, 'e' },
		{ "nonce", required_argument, NULL, 'n' },
		{ "eventlog", required_argument, NULL, 'l' },
		{ "audit-chain", required_argument, NULL, 'c' },
		{ "audit-since", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	const struct string_option strings[] = {
		{ 'e', &o->evidence }, { 'n', &o->nonce },
		{ 'l', &o->eventlog }, { 'c', &o->chain },
	};
	const char *why = NULL;
	int c, rc;

	memset(o, 0, sizeof(*o));
	o->c.json = getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		rc = check_config_option(&o->c, c, &why);
		if (rc < 0)
			return usage(why);
		if (rc || STRING_OPTION(strings, c))
			continue;
		if (c != 'S')
			return usage("unknown option or missing value");
		if (parse_count(optarg, &o->since))
			return usage("--audit-since takes a number");
	}
	if (optind != argc)
		return usage("unexpected argument");
	if (!o->evidence || !o->c.ref || !o->c.pubkey || !o->nonce)
		return usage("--evidence, --ref, --pubkey and --nonce are "
			     "required");
	return 0;
}

/* A part of the answer the device did not give: @why says how it failed. */
static void not_given(const struct check_config *o, const char *name,
		      const char *why)
{
	if (!skipped(o, name))
		report_add(ST_FAIL, name, NULL, NULL, "%s (or --skip %s)", why,
			   name);
}

/* The audit chain: given, it must recompute to the signed head; not
 * given, only an empty chain (nothing denied) is checked in full. */
static void check_chain(const struct inputs *in, const struct check_config *o,
			const struct check_data *d)
{
	static const uint8_t empty[MEASURE_DIGEST_SIZE];
	uint64_t next;

	if (d->chain)
		audit_chain_check(&in->ev, d->chain, d->chain_len,
				  d->chain_name, d->chain_since,
				  d->chain_next ? d->chain_next : &next);
	else if (d->chain_missing)
		not_given(o, "audit-chain", d->chain_missing);
	else if (in->ev.audit[0])
		no_reference(o, "audit-chain", "check --audit-chain FILE");
	else if (ct_equal(in->ev.audit_head, empty, sizeof(empty)))
		report_add(ST_PASS, "audit-chain", NULL, NULL,
			   "nothing denied: the signed chain is empty");
	else
		report_add(ST_FAIL, "audit-chain", "the empty chain",
			   "another head",
			   "no denied access counted, yet the signed chain is "
			   "not empty");
}

static void run_checks(struct inputs *in, const struct check_config *o,
		       const struct check_data *d)
{
	static const unsigned int order[] = { MEASURE_MONITOR, MEASURE_FIRMWARE,
					      MEASURE_KERNEL, MEASURE_INITRD,
					      MEASURE_CMDLINE };
	char dtb[DIGEST_HEX];
	size_t i;

	identity_check(&in->ev, in->ev_buf, in->ev_len, &in->pk, o->pubkey);
	report_add(ST_PASS, "version", NULL, NULL, "evidence format %u",
		   in->ev.version);
	check_nonce(in);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		check_region(in, o, order[i]);
	check_policy(in, o);
	check_entry(in);
	if (!dtbfacts_check(&in->ev, &in->ref))
		no_reference(o, "memory", "verifier reference --memory SIZE");
	hex_encode(in->ev.regions[MEASURE_DTB].digest, MEASURE_DIGEST_SIZE,
		   dtb);
	report_add(ST_INFO, "dtb", NULL, NULL, "%s (%llu bytes at 0x%llx)", dtb,
		   (unsigned long long)in->ev.regions[MEASURE_DTB].size,
		   (unsigned long long)in->ev.regions[MEASURE_DTB].base);
	if (in->log)
		in->replayed = eventlog_check(&in->ev, in->log, in->log_len,
					      d->log_name, in->pcrs);
	else if (d->log_missing)
		not_given(o, "eventlog", d->log_missing);
	else
		no_reference(o, "eventlog", "check --eventlog FILE");
	check_audit(in, o);
	check_chain(in, o, d);
}

int check_buffers(const struct check_config *c, const struct check_data *d)
{
	struct inputs *in = calloc(1, sizeof(*in));
	int rc = EXIT_BADINPUT;

	if (!in) {
		fail_input("out of memory");
		return EXIT_BADINPUT;
	}
	mbedtls_pk_init(&in->pk);
	if (load_inputs(in, c, d))
		goto out;
	run_checks(in, c, d);
	/* the audit chain's PCR holds the chain's head (audit_chain.h): the
	 * one the evidence signs, checked against the records above */
	if (in->replayed)
		memcpy(in->pcrs[AUDIT_CHAIN_PCR], in->ev.audit_head,
		       MEASURE_DIGEST_SIZE);
	if (quote_check(&in->ev, in->replayed ? in->pcrs : NULL, c->ak))
		goto out;
	if (!c->quiet)
		report_print(c->json, &in->ev, d->evidence_name, in->ev_len,
			     in->replayed ? in->pcrs : NULL);
	rc = report_failures() ? EXIT_UNTRUSTED : EXIT_TRUSTED;
out:
	mbedtls_pk_free(&in->pk);
	free(in->ref_text);
	free(in->log_file);
	free(in);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	uint8_t nonce[EVIDENCE_NONCE_MAX], *ev = NULL, *chain = NULL;
	struct check_data d = { 0 };
	struct check_opts o;
	int rc = EXIT_BADINPUT;

	if (parse_args(argc, argv, &o) == 0 &&
	    read_inputs(&o, &d, nonce, &ev, &chain) == 0)
		rc = check_buffers(&o.c, &d);
	if (rc == EXIT_BADINPUT && o.c.json)
		report_error_json(last_input_error());
	free(ev);
	free(chain);
	return rc;
}
