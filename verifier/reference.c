// SPDX-License-Identifier: BSD-2-Clause
/*
 * `verifier reference`: the values a good boot of these files measures,
 * computed with the monitor's own measure_region and measure_payload_size
 * at the bases docs/evidence.md fixes.
 */
#include "verifier.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ref_opts {
	const char *files[EVIDENCE_REGIONS];
	const char *cmdline;
	const char *policy;
	const char *policy_config;
	const char *out;
	uint64_t max_audit;
	bool max_audit_set;
	uint64_t memory_size;
	bool memory_size_set;
	bool json; /* a bad input also as an "error" object on stdout */
};

/* The kernel as the monitor sees it: the file, zero-padded to the size
 * its RISC-V Image header gives (measure.h). */
static int measure_kernel(const char *path, struct ref_region *r)
{
	uint8_t *file, *img;
	size_t len;
	uint64_t size;

	if (read_file(path, REF_MAX_FILE, &file, &len))
		return -1;
	if (measure_payload_size(file, len, &size)) {
		fail_input("%s: truncated or inconsistent RISC-V Image header "
			   "(the monitor would refuse to boot it)",
			   path);
		free(file);
		return -1;
	}
	if (size > REF_MAX_FILE || !(img = calloc(1, size ? size : 1))) {
		fail_input("%s: Image size %llu too large", path,
			   (unsigned long long)size);
		free(file);
		return -1;
	}
	memcpy(img, file, len);
	free(file);
	measure_region(MEASURE_KERNEL, PAYLOAD_BASE, size, img, r->digest);
	r->size = size;
	r->set = true;
	free(img);
	return 0;
}

static int measure_file(const char *path, uint32_t type, uint64_t base,
			struct ref_region *r)
{
	uint8_t *file;
	size_t len;

	r->set = true;
	if (!path) {
		r->absent = true;
		return 0;
	}
	if (read_file(path, REF_MAX_FILE, &file, &len))
		return -1;
	measure_region(type, base, len, file, r->digest);
	r->size = len;
	free(file);
	return 0;
}

static int compute(const struct ref_opts *o, struct reference *ref)
{
	struct ref_region *rg = ref->regions;

	memset(ref, 0, sizeof(*ref));
	if (measure_kernel(o->files[MEASURE_KERNEL], &rg[MEASURE_KERNEL]) ||
	    measure_file(o->files[MEASURE_INITRD], MEASURE_INITRD, 0,
			 &rg[MEASURE_INITRD]))
		return -1;
	if ((o->files[MEASURE_FIRMWARE] &&
	     measure_file(o->files[MEASURE_FIRMWARE], MEASURE_FIRMWARE,
			  FIRMWARE_BASE, &rg[MEASURE_FIRMWARE])) ||
	    (o->files[MEASURE_MONITOR] &&
	     measure_file(o->files[MEASURE_MONITOR], MEASURE_MONITOR,
			  MONITOR_BASE, &rg[MEASURE_MONITOR])))
		return -1;
	rg[MEASURE_CMDLINE].set = true;
	rg[MEASURE_CMDLINE].absent = !o->cmdline;
	if (o->cmdline) {
		if (strlen(o->cmdline) >= sizeof(ref->cmdline)) {
			fail_input("--cmdline: longer than %zu characters (the "
				   "kernel keeps no more: the monitor refuses it)",
				   sizeof(ref->cmdline) - 1);
			return -1;
		}
		snprintf(ref->cmdline, sizeof(ref->cmdline), "%s", o->cmdline);
		ref->cmdline_text = true;
		rg[MEASURE_CMDLINE].size = strlen(o->cmdline);
		measure_region(MEASURE_CMDLINE, 0, strlen(o->cmdline),
			       o->cmdline, rg[MEASURE_CMDLINE].digest);
	}
	snprintf(ref->policy, sizeof(ref->policy), "%s", o->policy);
	ref->max_audit = o->max_audit;
	ref->max_audit_set = o->max_audit_set;
	ref->memory_size = o->memory_size;
	ref->memory_size_set = o->memory_size_set;
	if (o->policy_config) {
		snprintf(ref->policy_config, sizeof(ref->policy_config), "%s",
			 o->policy_config);
		ref->policy_config_set = true;
	}
	return 0;
}

static int usage(const char *why)
{
	fail_input("reference: %s (see verifier --help)", why);
	return EXIT_BADINPUT;
}

/* "512M", "2G", "65536": bytes, a power-of-1024 suffix at most. */
static int parse_size(const char *s, uint64_t *v)
{
	char digits[32];
	size_t n = strlen(s);
	unsigned int shift = 0;

	if (!n || n >= sizeof(digits))
		return -1;
	memcpy(digits, s, n + 1);
	switch (digits[n - 1]) {
	case 'K': shift = 10; break;
	case 'M': shift = 20; break;
	case 'G': shift = 30; break;
	default: break;
	}
	if (shift)
		digits[n - 1] = '\0';
	if (parse_count(digits, v) || *v > (UINT64_MAX >> shift) || !*v)
		return -1;
	*v <<= shift;
	return 0;
}

static int check_policy(const struct ref_opts *o)
{
	struct evidence ev;
	char text[EVIDENCE_POLICY_NAME_MAX + EVIDENCE_POLICY_CONFIG_MAX + 2];
	const char *p;

	if (strlen(o->policy) > EVIDENCE_POLICY_NAME_MAX || !o->policy[0])
		return -1;
	for (p = o->policy; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-'))
			return -1;
	if (o->policy_config) {
		if (strlen(o->policy_config) > EVIDENCE_POLICY_CONFIG_MAX)
			return -1;
		for (p = o->policy_config; *p; p++)
			if (*p < 0x20 || *p > 0x7e)
				return -1;
	}
	memset(&ev, 0, sizeof(ev));
	snprintf(ev.policy_name, sizeof(ev.policy_name), "%s", o->policy);
	return evidence_policy_text(&ev, text, sizeof(text)) < 0 ? -1 : 0;
}

static int parse_args(int argc, char **argv, struct ref_opts *o)
{
	static const struct option opts[] = {
		{ "kernel", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "firmware", required_argument, NULL, 'f' },
		{ "monitor", required_argument, NULL, 'm' },
		{ "policy", required_argument, NULL, 'p' },
		{ "policy-config", required_argument, NULL, 'P' },
		{ "max-audit", required_argument, NULL, 'A' },
		{ "memory", required_argument, NULL, 'M' },
		{ "output", required_argument, NULL, 'o' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	const struct string_option strings[] = {
		{ 'k', &o->files[MEASURE_KERNEL] },
		{ 'i', &o->files[MEASURE_INITRD] },
		{ 'f', &o->files[MEASURE_FIRMWARE] },
		{ 'm', &o->files[MEASURE_MONITOR] },
		{ 'c', &o->cmdline },
		{ 'p', &o->policy },
		{ 'P', &o->policy_config },
		{ 'o', &o->out },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->json = getopt_begin(argc, argv);
	o->policy = "protect";
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (STRING_OPTION(strings, c))
			continue;
		switch (c) {
		case 'A':
			if (parse_count(optarg, &o->max_audit))
				return usage("--max-audit takes a number");
			o->max_audit_set = true;
			break;
		case 'M':
			if (parse_size(optarg, &o->memory_size))
				return usage("--memory takes a size: bytes, "
					     "or a number with K, M or G");
			o->memory_size_set = true;
			break;
		case 'j':
			o->json = true;
			break;
		default:
			return usage(optopt || c == '?' ?
					     "unknown option or missing value" :
					     "bad option");
		}
	}
	if (optind != argc)
		return usage("unexpected argument");
	if (!o->files[MEASURE_KERNEL] || !o->out)
		return usage("--kernel and -o are required");
	if (check_policy(o))
		return usage("--policy is [a-z0-9_-]{1,32}, --policy-config "
			     "printable ASCII up to 256 bytes");
	return 0;
}

int cmd_reference(int argc, char **argv)
{
	struct ref_opts o;
	struct reference *ref = malloc(sizeof(*ref));
	char *text = NULL;
	int rc = EXIT_BADINPUT;

	if (!ref) {
		fail_input("out of memory");
		return EXIT_BADINPUT;
	}
	if (parse_args(argc, argv, &o))
		goto out;
	if (compute(&o, ref))
		goto out;
	text = ref_format(ref);
	if (!text) {
		fail_input("reference: out of memory");
		goto out;
	}
	if (!write_file_atomic(o.out, text, strlen(text)))
		rc = EXIT_TRUSTED;
out:
	if (rc == EXIT_BADINPUT && o.json)
		report_error_json(last_input_error());
	free(text);
	free(ref);
	return rc;
}
