// SPDX-License-Identifier: BSD-2-Clause
/*
 * The event log against the evidence (docs/evidence.md, sections 2 and 5):
 * the signed digest, every event one Rampart logs with the evidence's
 * digest for its region, nothing after a PCR's separator, nothing missing;
 * and its replay, for the TPM quote.
 */
#include "verifier.h"
#include <stdio.h>
#include <string.h>

struct log_walk {
	const struct evidence *ev;
	int seen[EVIDENCE_REGIONS];
	bool closed[EVLOG_SEPARATOR_PCRS];
	int crtm;
	char version[128];
	int bad;
	int events;
};

static void log_fail(struct log_walk *w, const struct evlog_event *e,
		     const char *what)
{
	w->bad++;
	report_add(ST_FAIL, "eventlog", NULL, NULL,
		   "event at offset %zu (PCR %u, type 0x%x): %s", e->offset,
		   e->pcr, e->type, what);
}

/* Its digest is SHA-256 of its data (U-Boot's tcg2_measure_event). */
static bool digest_is_data(const struct evlog_event *e)
{
	uint8_t d[MEASURE_DIGEST_SIZE];

	sha256(e->data, e->data_len, d);
	return ct_equal(d, e->digest, sizeof(d));
}

static int region_of(const struct evlog_event *e)
{
	const struct evlog_region_event *r;
	unsigned int t;

	for (t = MEASURE_MONITOR; t < EVIDENCE_REGIONS; t++) {
		r = evlog_region_event(t);
		if (r && r->pcr == e->pcr && r->type == e->type &&
		    e->data_len == strlen(r->label) + 1 &&
		    !memcmp(e->data, r->label, e->data_len))
			return (int)t;
	}
	return -1;
}

static void log_crtm(struct log_walk *w, const struct evlog_event *e)
{
	uint32_t i;

	if (w->crtm++)
		log_fail(w, e, "a second S-CRTM version event");
	if (!e->data_len || e->data[e->data_len - 1] ||
	    e->data_len > sizeof(w->version) || !digest_is_data(e)) {
		log_fail(w, e, "S-CRTM version is not a hashed C string");
		return;
	}
	for (i = 0; i + 1 < e->data_len; i++)
		w->version[i] = e->data[i] >= 0x20 && e->data[i] < 0x7f ?
					(char)e->data[i] :
					'?';
	w->version[i] = '\0';
}

static void log_separator(struct log_walk *w, const struct evlog_event *e)
{
	static const uint8_t zero[EVLOG_SEPARATOR_SIZE];

	if (e->pcr >= EVLOG_SEPARATOR_PCRS || w->closed[e->pcr])
		log_fail(w, e, "separator in a PCR already closed or above 7");
	else if (e->data_len != EVLOG_SEPARATOR_SIZE ||
		 memcmp(e->data, zero, sizeof(zero)) != 0 || !digest_is_data(e))
		log_fail(w, e, "separator is not SHA-256 of four zero bytes");
	else
		w->closed[e->pcr] = true;
}

static void log_region(struct log_walk *w, const struct evlog_event *e, int t)
{
	const struct evidence_region *r = &w->ev->regions[t];
	char msg[200], want[DIGEST_HEX], got[DIGEST_HEX];

	if (w->seen[t]++) {
		snprintf(msg, sizeof(msg), "%s measured twice", region_name(t));
		log_fail(w, e, msg);
	} else if (!r->present) {
		snprintf(msg, sizeof(msg), "logs a %s the evidence has not",
			 region_name(t));
		log_fail(w, e, msg);
	} else if (!ct_equal(r->digest, e->digest, MEASURE_DIGEST_SIZE)) {
		hex_encode(r->digest, MEASURE_DIGEST_SIZE, want);
		hex_encode(e->digest, MEASURE_DIGEST_SIZE, got);
		w->bad++;
		report_add(ST_FAIL, "eventlog", want, got,
			   "the logged %s digest is not the evidence's",
			   region_name(t));
	}
}

static int log_event(const struct evlog_event *e, void *arg)
{
	struct log_walk *w = arg;
	int t = region_of(e);

	w->events++;
	if (e->pcr < EVLOG_SEPARATOR_PCRS && w->closed[e->pcr])
		log_fail(w, e, "measured after its PCR's separator");
	else if (e->type == EV_S_CRTM_VERSION && e->pcr == 0)
		log_crtm(w, e);
	else if (e->type == EV_SEPARATOR)
		log_separator(w, e);
	else if (t > 0)
		log_region(w, e, t);
	else
		log_fail(w, e, "not an event Rampart logs (docs/evidence.md)");
	return 0;
}

static void log_missing(struct log_walk *w)
{
	unsigned int t, pcr;

	for (t = MEASURE_MONITOR; t < EVIDENCE_REGIONS; t++)
		if (w->ev->regions[t].present && !w->seen[t]) {
			w->bad++;
			report_add(ST_FAIL, "eventlog", NULL, NULL,
				   "no event for the %s measurement",
				   region_name(t));
		}
	for (pcr = 0; pcr < EVLOG_SEPARATOR_PCRS; pcr++)
		if (!w->closed[pcr]) {
			w->bad++;
			report_add(ST_FAIL, "eventlog", NULL, NULL,
				   "PCR %u has no separator", pcr);
		}
	if (!w->crtm) {
		w->bad++;
		report_add(ST_FAIL, "eventlog", NULL, NULL,
			   "no S-CRTM version event");
	}
}

bool eventlog_check(const struct evidence *ev, const uint8_t *log, size_t len,
		    const char *path,
		    uint8_t pcrs[EVLOG_PCRS][MEASURE_DIGEST_SIZE])
{
	struct log_walk w = { .ev = ev };
	uint8_t d[MEASURE_DIGEST_SIZE];
	char want[DIGEST_HEX + 32], got[DIGEST_HEX + 32];

	sha256(log, len, d);
	if (len != ev->log_size || !ct_equal(d, ev->log_digest, sizeof(d))) {
		hex_encode(ev->log_digest, sizeof(d), want);
		hex_encode(d, sizeof(d), got);
		snprintf(want + strlen(want), 32, " (%llu bytes)",
			 (unsigned long long)ev->log_size);
		snprintf(got + strlen(got), 32, " (%zu bytes)", len);
		report_add(ST_FAIL, "eventlog", want, got,
			   "%s is not the event log the evidence signed", path);
		return false;
	}
	if (evlog_replay(log, len, pcrs) < 0) {
		report_add(ST_FAIL, "eventlog", NULL, NULL,
			   "%s is not a well-formed TCG SHA-256 event log",
			   path);
		return false;
	}
	evlog_parse(log, len, log_event, &w);
	log_missing(&w);
	if (!w.bad)
		report_add(ST_PASS, "eventlog", NULL, NULL,
			   "%d events (\"%s\") replay to the measurements",
			   w.events, w.version);
	return true;
}
