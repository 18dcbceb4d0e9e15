// SPDX-License-Identifier: BSD-2-Clause
/*
 * `verifier attest URL`: challenge a running machine's agent (issue 18,
 * docs/usage.md "Remote attestation"). The verifier picks the nonce itself
 * (getrandom), fetches the evidence over it, the event log and the audit
 * chain from the agent (http.c), and runs every check `verifier check`
 * runs on those bytes (check_buffers): an answer the agent replays from an
 * earlier challenge carries an old nonce and is NOT TRUSTED.
 * --watch N challenges again every N seconds with a new nonce and prints
 * only the denied accesses added since, until SIGINT or a NOT TRUSTED
 * verdict. Exit status as `check`: 0, 1, 2 (an unreachable agent or an
 * HTTP error is 2, with one line naming it).
 */
#include "verifier.h"
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#define ATTEST_NONCE_SIZE 32
#define EVIDENCE_ANSWER_MAX (64 * 1024)
#define LOG_ANSWER_MAX (1024 * 1024)
/* the chain answer: 64-byte header and 40-byte records, the monitor
 * keeps 128 (docs/sbi.md); room to spare for a later monitor */
#define CHAIN_ANSWER_MAX (64 * 1024)
#define TIMEOUT_DEFAULT 10

struct attest_opts {
	const char *url;
	struct http_url u;
	struct check_config c;
	unsigned long watch;	/* seconds between challenges, 0: once */
	unsigned long timeout;	/* seconds per request */
};

/* One fetched part of the answer: the body, or why the agent has none. */
struct part {
	uint8_t *raw;
	struct http_response r;
	bool given;
	char name[320];		/* its URL, for the report */
	char missing[200];
};

static volatile sig_atomic_t stop;

static void on_sigint(int sig)
{
	(void)sig;
	stop = 1;
}

/*
 * GET @target into @p. 200: given. 501 for an @optional part: not given,
 * with the agent's reason (a monitor without EVENT_LOG or AUDIT_CHAIN);
 * the checks report it. Anything else: -1 after fail_input().
 */
static int fetch(const struct attest_opts *o, const char *target,
		 size_t max, bool optional, struct part *p)
{
	char err[200], reason[128];

	/* named without the query: the nonce is in the report anyway */
	snprintf(p->name, sizeof(p->name), "http://%s:%u%.*s", o->u.host,
		 o->u.port, (int)strcspn(target, "?"), target);
	if (http_get(&o->u, target, (int)o->timeout, max, &p->raw, &p->r, err,
		     sizeof(err))) {
		fail_input("attest: GET %s: %s", p->name, err);
		return -1;
	}
	if (p->r.status == 200) {
		p->given = true;
		return 0;
	}
	http_reason(&p->r, reason, sizeof(reason));
	if (optional && p->r.status == 501) {
		snprintf(p->missing, sizeof(p->missing),
			 "the agent has none: HTTP 501: %s", reason);
		return 0;
	}
	fail_input("attest: GET %s: HTTP %d: %s", p->name, p->r.status,
		   reason);
	return -1;
}

/* A fresh nonce from the kernel's CSPRNG: 0, or -1 after fail_input(). */
static int new_nonce(uint8_t *nonce)
{
	if (getrandom(nonce, ATTEST_NONCE_SIZE, 0) != ATTEST_NONCE_SIZE) {
		fail_input("attest: getrandom failed");
		return -1;
	}
	return 0;
}

static void check_data_of(struct check_data *d, struct part *p,
			  const uint8_t *nonce, uint64_t since, uint64_t *next)
{
	memset(d, 0, sizeof(*d));
	d->evidence = p[0].r.body;
	d->evidence_len = p[0].r.len;
	d->evidence_name = p[0].name;
	d->nonce = nonce;
	d->nonce_len = ATTEST_NONCE_SIZE;
	d->log = p[1].given ? p[1].r.body : NULL;
	d->log_len = p[1].r.len;
	d->log_name = p[1].name;
	d->log_missing = p[1].missing;
	/* issue 18: verifier/auditchain.c checks the chain */
	d->chain = p[2].given ? p[2].r.body : NULL;
	d->chain_len = p[2].r.len;
	d->chain_name = p[2].name;
	d->chain_missing = p[2].missing;
	d->chain_since = since;
	d->chain_next = next;
}

/*
 * One challenge: fetch, check, report (quietly when @quiet, but a NOT
 * TRUSTED verdict is always reported in full). Records from @since on are
 * reported; *@next becomes the chain's total.
 */
static int attest_round(struct attest_opts *o, bool quiet, uint64_t since,
			uint64_t *next)
{
	uint8_t nonce[ATTEST_NONCE_SIZE];
	char target[2 * ATTEST_NONCE_SIZE + 32], hex[2 * ATTEST_NONCE_SIZE + 1];
	struct part p[3] = { 0 };
	struct check_data d;
	int rc = EXIT_BADINPUT, i;

	if (new_nonce(nonce))
		return rc;
	hex_encode(nonce, sizeof(nonce), hex);
	snprintf(target, sizeof(target), "/evidence?nonce=%s", hex);
	if (fetch(o, target, EVIDENCE_ANSWER_MAX, false, &p[0]) ||
	    fetch(o, "/eventlog", LOG_ANSWER_MAX, true, &p[1]))
		goto out;
	snprintf(target, sizeof(target), "/audit?from=%llu",
		 (unsigned long long)since);
	if (fetch(o, target, CHAIN_ANSWER_MAX, true, &p[2]))
		goto out;
	check_data_of(&d, p, nonce, since, next);
	o->c.quiet = quiet;
	rc = check_buffers(&o->c, &d);
	if (rc == EXIT_UNTRUSTED && quiet) {
		/* the same bytes again, this time with the whole report */
		report_reset();
		o->c.quiet = false;
		rc = check_buffers(&o->c, &d);
	}
out:
	for (i = 0; i < 3; i++)
		free(p[i].raw);
	return rc;
}

/* Sleep @s seconds, or less if SIGINT or SIGTERM comes: they are
 * delivered only here, so a challenge under way is never cut short. */
static void nap(unsigned long s, const sigset_t *stops)
{
	struct timespec t = { .tv_sec = (time_t)s };

	sigprocmask(SIG_UNBLOCK, stops, NULL);
	while (!stop && nanosleep(&t, &t))
		;
	sigprocmask(SIG_BLOCK, stops, NULL);
}

static int watch(struct attest_opts *o, uint64_t next)
{
	struct sigaction sa = { .sa_handler = on_sigint };
	sigset_t stops;
	uint64_t since;
	char when[16];
	time_t now;
	int rc;

	sigemptyset(&stops);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGTERM);
	sigprocmask(SIG_BLOCK, &stops, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	for (;;) {
		nap(o->watch, &stops);
		if (stop)
			return EXIT_TRUSTED;
		since = next;
		report_reset();
		rc = attest_round(o, !o->c.json, since, &next);
		if (rc != EXIT_TRUSTED)
			return rc;
		if (o->c.json)
			continue; /* each round's whole object, one a line */
		now = time(NULL);
		strftime(when, sizeof(when), "%H:%M:%S", localtime(&now));
		if (next < since) /* a chain only grows within one boot */
			printf("%s  TRUSTED (fresh nonce): the chain went back "
			       "from %llu to %llu records: a new boot\n",
			       when, (unsigned long long)since,
			       (unsigned long long)next);
		else
			printf("%s  TRUSTED (fresh nonce): %llu new denied "
			       "access%s\n",
			       when, (unsigned long long)(next - since),
			       next - since == 1 ? "" : "es");
		report_print_denied();
	}
}

static int usage(const char *why)
{
	fail_input("attest: %s (see verifier --help)", why);
	return -1;
}

/* A number of seconds from 1 to @max into @v: 0 or -1. */
static int parse_seconds(const char *s, unsigned long max, unsigned long *v)
{
	uint64_t n;

	if (parse_count(s, &n) || !n || n > max)
		return -1;
	*v = (unsigned long)n;
	return 0;
}

static int parse_option(int c, struct attest_opts *o)
{
	const char *why = NULL;
	int rc = check_config_option(&o->c, c, &why);

	if (rc)
		return rc < 0 ? usage(why) : 0;
	switch (c) {
	case 'w':
		return parse_seconds(optarg, 86400, &o->watch) ?
			       usage("--watch takes seconds, 1 to 86400") :
			       0;
	case 't':
		return parse_seconds(optarg, 3600, &o->timeout) ?
			       usage("--timeout takes seconds, 1 to 3600") :
			       0;
	default:
		return usage("unknown option or missing value");
	}
}

static int parse_args(int argc, char **argv, struct attest_opts *o)
{
	static const struct option opts[] = {
		CHECK_CONFIG_OPTIONS,
		{ "reference", required_argument, NULL, 'r' },
		{ "watch", required_argument, NULL, 'w' },
		{ "timeout", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *why;
	int c;

	memset(o, 0, sizeof(*o));
	o->timeout = TIMEOUT_DEFAULT;
	o->c.json = getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (parse_option(c, o))
			return -1;
	if (optind != argc - 1)
		return usage(optind == argc ? "the agent's URL is required "
					      "(http://HOST:PORT)" :
					      "unexpected argument");
	o->url = argv[optind];
	if (http_parse_url(o->url, &o->u, &why)) {
		fail_input("attest: %s: %s", o->url, why);
		return -1;
	}
	if (!o->c.ref || !o->c.pubkey)
		return usage("--ref and --pubkey are required");
	/* the verifier's own files, before the agent is asked anything */
	for (c = 0; c < 3; c++) {
		const char *f = c == 0 ? o->c.ref : c == 1 ? o->c.pubkey : o->c.ak;

		if (f && access(f, R_OK)) {
			fail_input("%s: %s", f, strerror(errno));
			return -1;
		}
	}
	return 0;
}

int cmd_attest(int argc, char **argv)
{
	struct attest_opts o;
	uint64_t next = 0;
	int rc = EXIT_BADINPUT;

	if (!parse_args(argc, argv, &o)) {
		rc = attest_round(&o, false, 0, &next);
		if (rc == EXIT_TRUSTED && o.watch)
			rc = watch(&o, next);
	}
	if (rc == EXIT_BADINPUT && o.c.json)
		report_error_json(last_input_error());
	return rc;
}
