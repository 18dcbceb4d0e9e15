// SPDX-License-Identifier: BSD-2-Clause
/*
 * mkseed DIR: seed corpora for the fuzz targets, made with the shared
 * measure/ code like the monitor makes them (sample.c): DIR/evidence/,
 * DIR/evlog/ and DIR/refjson/. Real boots' files are added by build.mk.
 */
#include <mbedtls/ecp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sample.h"
#include "verifier/verifier.h"

static const char *dir;

static int put(const char *sub, const char *name, const void *p, size_t n)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, sub);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, name);
	if (sample_write_file(path, p, n)) {
		fprintf(stderr, "mkseed: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

/* One boot: its evidence and its log. */
static int boot(const char *name, const struct sample_inputs *in,
		mbedtls_ecp_keypair *key, bool quote, uint16_t flags)
{
	static struct sample s;
	static const uint8_t blob[200] = { 0xff, 0x54, 0x43, 0x47, 0x80, 0x18 };
	uint8_t ev[EVIDENCE_MAX_SIZE];
	size_t len;

	if (sample_measure(&s, in))
		return -1;
	s.ev.flags = flags;
	if (quote && sample_set_quote(&s, blob, sizeof(blob), blob, 70))
		return -1;
	if (sample_seal(&s, key, ev, sizeof(ev), &len))
		return -1;
	return put("evidence", name, ev, len) ||
	       put("evlog", name, s.log, s.log_len);
}

static int refs(const struct sample_inputs *in)
{
	struct reference ref = { 0 };
	char *text;
	int rc;

	ref.regions[MEASURE_KERNEL].set = true;
	ref.regions[MEASURE_KERNEL].size = in->kernel_len;
	ref.regions[MEASURE_INITRD].set = true;
	ref.regions[MEASURE_INITRD].absent = true;
	strcpy(ref.policy, "protect");
	text = ref_format(&ref);
	rc = !text || put("refjson", "minimal.json", text, strlen(text));
	free(text);
	ref.regions[MEASURE_FIRMWARE].set = true;
	ref.regions[MEASURE_FIRMWARE].digest[0] = 0xab;
	ref.policy_config_set = true;
	strcpy(ref.policy_config, "a \"quoted\"\tconfig\\");
	text = ref_format(&ref);
	rc |= !text || put("refjson", "full.json", text, strlen(text));
	free(text);
	return rc;
}

int main(int argc, char **argv)
{
	mbedtls_ecp_keypair key;
	struct sample_inputs in, i;
	uint8_t nonce[64];
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: mkseed DIR\n");
		return 2;
	}
	dir = argv[1];
	mkdir(dir, 0755);
	mbedtls_ecp_keypair_init(&key);
	if (sample_key(&key, 0))
		return 1;
	sample_default_inputs(&in);
	rc = boot("launch", &in, &key, false, EVIDENCE_FLAG_LAUNCH);
	rc |= boot("quote", &in, &key, true, EVIDENCE_FLAG_LAUNCH);
	i = in;
	i.initrd = NULL;
	i.cmdline = NULL;
	memset(nonce, 0x5a, sizeof(nonce));
	i.nonce = nonce;
	i.nonce_len = sizeof(nonce);
	i.policy = "none";
	i.policy_config = "x=1";
	rc |= boot("ondemand", &i, &key, false, 0);
	rc |= refs(&in);
	mbedtls_ecp_keypair_free(&key);
	return rc ? 1 : 0;
}
