// SPDX-License-Identifier: BSD-2-Clause
/*
 * ref.json: one flat JSON object of known keys whose values are strings or
 * non-negative integers (docs/evidence.md, "Reference values"). The parser
 * is strict: no nesting, no unknown or repeated keys, no trailing bytes.
 */
#include "verifier.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REF_FORMAT_VERSION 1
#define STR_MAX (RAMPART_CMDLINE_MAX + 4) /* the longest string: cmdline_text */

static const char *const region_keys[EVIDENCE_REGIONS] = {
	[MEASURE_MONITOR] = "monitor", [MEASURE_FIRMWARE] = "firmware",
	[MEASURE_KERNEL] = "kernel",   [MEASURE_INITRD] = "initrd",
	[MEASURE_CMDLINE] = "cmdline",
};
/* The other keys; other_keys[i]'s bit in pair()'s @seen is 20 + i (a
 * region's: 2 * type, + 1 for its _size). */
static const char *const other_keys[] = {
	"rampart_reference", "cmdline_text", "policy", "policy_config",
	"max_audit", "memory_size",
};

struct lexer {
	const char *p;
	const char *end;
	const char *start;
};

static int bad(const struct lexer *lx, const char *what)
{
	fail_input("reference: %s at byte %ld", what,
		   (long)(lx->p - lx->start));
	return -1;
}

static int bad_key(const struct lexer *lx, const char *what, const char *key)
{
	fail_input("reference: %s (\"%s\") at byte %ld", what, key,
		   (long)(lx->p - lx->start));
	return -1;
}

static void skip_ws(struct lexer *lx)
{
	while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' ||
				   *lx->p == '\n' || *lx->p == '\r'))
		lx->p++;
}

static bool eat(struct lexer *lx, char c)
{
	skip_ws(lx);
	if (lx->p < lx->end && *lx->p == c) {
		lx->p++;
		return true;
	}
	return false;
}

/* UTF-8 for code point @cp (not a surrogate, not 0) at @out; its length */
static size_t utf8(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | cp >> 12);
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	return 3;
}

static int escape(struct lexer *lx, char *out, size_t *n)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	unsigned long cp = 0;
	int i;

	if (lx->p >= lx->end)
		return bad(lx, "unterminated string");
	e = strchr(from, *lx->p);
	if (*lx->p && e) {
		out[(*n)++] = to[e - from];
		lx->p++;
		return 0;
	}
	if (*lx->p++ != 'u' || lx->end - lx->p < 4)
		return bad(lx, "bad escape in string");
	for (i = 0; i < 4; i++, lx->p++) {
		char c = *lx->p;

		cp <<= 4;
		if (c >= '0' && c <= '9')
			cp |= (unsigned long)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			cp |= (unsigned long)((c | 0x20) - 'a' + 10);
		else
			return bad(lx, "bad \\u escape");
	}
	if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
		return bad(lx, "\\u0000 or a surrogate in a string");
	*n += utf8(cp, out + *n);
	return 0;
}

/* A string into @out (STR_MAX + 1 bytes, NUL-terminated). */
static int string(struct lexer *lx, char *out)
{
	size_t n = 0;

	if (!eat(lx, '"'))
		return bad(lx, "expected a string");
	while (lx->p < lx->end && *lx->p != '"') {
		if (n > STR_MAX - 4)
			return bad(lx, "string too long");
		if ((unsigned char)*lx->p < 0x20)
			return bad(lx, "control character in a string");
		if (*lx->p == '\\') {
			lx->p++;
			if (escape(lx, out, &n))
				return -1;
			continue;
		}
		out[n++] = *lx->p++;
	}
	if (lx->p >= lx->end)
		return bad(lx, "unterminated string");
	lx->p++;
	out[n] = '\0';
	return 0;
}

static int number(struct lexer *lx, uint64_t *v)
{
	const char *s;

	skip_ws(lx);
	s = lx->p;
	*v = 0;
	while (lx->p < lx->end && *lx->p >= '0' && *lx->p <= '9') {
		unsigned int d = (unsigned int)(*lx->p - '0');

		if (*v > (UINT64_MAX - d) / 10)
			return bad(lx, "number too large");
		*v = *v * 10 + d;
		lx->p++;
	}
	if (lx->p == s || (lx->p - s > 1 && *s == '0'))
		return bad(lx, "expected a non-negative integer");
	return 0;
}

static int region_key(const char *key, bool *size)
{
	size_t n;
	int t;

	for (t = 0; t < EVIDENCE_REGIONS; t++) {
		if (!region_keys[t])
			continue;
		n = strlen(region_keys[t]);
		if (!strncmp(key, region_keys[t], n) &&
		    (!key[n] || !strcmp(key + n, "_size"))) {
			*size = key[n] != '\0';
			return t;
		}
	}
	return -1;
}

static int region_value(struct lexer *lx, struct ref_region *r, const char *key,
			const char *val)
{
	if (!strcmp(val, "none")) {
		r->absent = true;
		return 0;
	}
	if (hex_decode(val, r->digest, MEASURE_DIGEST_SIZE) !=
	    MEASURE_DIGEST_SIZE)
		return bad_key(lx, "a digest is 64 hex digits or \"none\"",
			       key);
	return 0;
}

/* One "key": value pair; @seen tracks repeats by key index. */
static int pair(struct lexer *lx, struct reference *ref, char *key, char *val,
		uint32_t *seen)
{
	uint64_t num = 0;
	bool size = false, is_num;
	size_t i;
	int t, bit;

	if (string(lx, key))
		return -1;
	if (!eat(lx, ':'))
		return bad(lx, "expected ':'");
	skip_ws(lx);
	is_num = lx->p < lx->end && *lx->p != '"';
	if (is_num ? number(lx, &num) : string(lx, val))
		return -1;
	t = region_key(key, &size);
	bit = t >= 0 ? 2 * t + size : -1;
	for (i = 0; t < 0 && i < sizeof(other_keys) / sizeof(*other_keys); i++)
		if (!strcmp(key, other_keys[i]))
			bit = 20 + (int)i;
	if (bit < 0)
		return bad_key(lx, "unknown key", key);
	if (*seen & (1u << bit))
		return bad_key(lx, "repeated key", key);
	*seen |= 1u << bit;
	if (is_num != (size || bit == 20 || bit == 24 || bit == 25))
		return bad_key(lx,
			       is_num ? "expected a string value" :
					"expected a number value",
			       key);
	if (t >= 0 && size) {
		ref->regions[t].size = num;
		return 0;
	}
	if (t >= 0) {
		ref->regions[t].set = true;
		return region_value(lx, &ref->regions[t], key, val);
	}
	if (bit == 24 || bit == 25) {
		*(bit == 24 ? &ref->max_audit : &ref->memory_size) = num;
		*(bit == 24 ? &ref->max_audit_set : &ref->memory_size_set) = true;
		return 0;
	}
	if (bit == 20)
		return num == REF_FORMAT_VERSION ?
			       0 :
			       bad(lx, "unsupported rampart_reference version");
	if (bit == 21) {
		snprintf(ref->cmdline, sizeof(ref->cmdline), "%s", val);
		ref->cmdline_text = true;
		return 0;
	}
	if (strlen(val) >
	    (bit == 22 ? EVIDENCE_POLICY_NAME_MAX : EVIDENCE_POLICY_CONFIG_MAX))
		return bad(lx, "policy string too long");
	/* the length is checked above: the copies fit with their NUL */
	memcpy(bit == 22 ? ref->policy : ref->policy_config, val,
	       strlen(val) + 1);
	ref->policy_config_set |= bit == 23;
	return 0;
}

/* Cross-field rules: required keys, sizes exactly with digests. */
static int consistent(struct reference *ref, uint32_t seen)
{
	uint8_t d[MEASURE_DIGEST_SIZE];
	int t;

	if (!(seen & (1u << 20)) || !(seen & (1u << 22)) ||
	    !ref->regions[MEASURE_KERNEL].set ||
	    ref->regions[MEASURE_KERNEL].absent) {
		fail_input(
			"reference: rampart_reference, kernel and policy are "
			"required");
		return -1;
	}
	for (t = 0; t < EVIDENCE_REGIONS; t++) {
		const struct ref_region *r = &ref->regions[t];
		bool has_size = seen & (1u << (2 * t + 1));

		if (has_size != (r->set && !r->absent)) {
			fail_input("reference: %s_size goes with a %s digest, "
				   "and only with one",
				   region_keys[t], region_keys[t]);
			return -1;
		}
	}
	if (ref->cmdline_text) {
		const struct ref_region *c = &ref->regions[MEASURE_CMDLINE];

		measure_region(MEASURE_CMDLINE, 0, strlen(ref->cmdline),
			       ref->cmdline, d);
		if (!c->set || c->absent || c->size != strlen(ref->cmdline) ||
		    !ct_equal(d, c->digest, sizeof(d))) {
			fail_input("reference: cmdline_text does not match the "
				   "cmdline digest");
			return -1;
		}
	}
	return 0;
}

int ref_parse(const char *text, size_t len, struct reference *ref)
{
	struct lexer lx = { text, text + len, text };
	char *key = calloc(1, STR_MAX + 1), *val = calloc(1, STR_MAX + 1);
	uint32_t seen = 0;
	int rc = -1;

	memset(ref, 0, sizeof(*ref));
	if (!key || !val) {
		fail_input("reference: out of memory");
		goto out;
	}
	if (memchr(text, '\0', len)) {
		bad(&lx, "NUL byte in the file");
		goto out;
	}
	if (!eat(&lx, '{')) {
		bad(&lx, "not a JSON object");
		goto out;
	}
	if (!eat(&lx, '}')) {
		do {
			if (pair(&lx, ref, key, val, &seen))
				goto out;
		} while (eat(&lx, ','));
		if (!eat(&lx, '}')) {
			bad(&lx, "expected ',' or '}'");
			goto out;
		}
	}
	skip_ws(&lx);
	if (lx.p != lx.end) {
		bad(&lx, "trailing bytes after the object");
		goto out;
	}
	rc = consistent(ref, seen);
out:
	free(key);
	free(val);
	return rc;
}

/* --- writer ---------------------------------------------------------------- */

struct out {
	char *p;
	size_t len;
	size_t size;
};

static void emit(struct out *o, const char *s, size_t n)
{
	if (!o->p || o->size - o->len <= n) {
		free(o->p);
		o->p = NULL;
		return;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static void emit_str(struct out *o, const char *s)
{
	char esc[8];

	emit(o, "\"", 1);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = *s;
			emit(o, esc, 2);
		} else if ((unsigned char)*s < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x",
				 (unsigned char)*s);
			emit(o, esc, 6);
		} else {
			emit(o, s, 1);
		}
	}
	emit(o, "\"", 1);
}

static void emit_key(struct out *o, const char *key, bool first)
{
	emit(o, first ? "{\n  " : ",\n  ", 4);
	emit_str(o, key);
	emit(o, ": ", 2);
}

static void emit_region(struct out *o, const struct ref_region *r,
			const char *key)
{
	char hex[DIGEST_HEX], num[32], size_key[32];

	if (!r->set)
		return;
	emit_key(o, key, false);
	if (r->absent) {
		emit_str(o, "none");
		return;
	}
	hex_encode(r->digest, MEASURE_DIGEST_SIZE, hex);
	emit_str(o, hex);
	snprintf(size_key, sizeof(size_key), "%s_size", key);
	emit_key(o, size_key, false);
	snprintf(num, sizeof(num), "%llu", (unsigned long long)r->size);
	emit(o, num, strlen(num));
}

static void emit_number(struct out *o, const char *key, uint64_t v)
{
	char num[32];

	emit_key(o, key, false);
	snprintf(num, sizeof(num), "%llu", (unsigned long long)v);
	emit(o, num, strlen(num));
}

char *ref_format(const struct reference *ref)
{
	static const int order[] = { MEASURE_KERNEL, MEASURE_INITRD,
				     MEASURE_CMDLINE, MEASURE_FIRMWARE,
				     MEASURE_MONITOR };
	/* a string byte takes at most 6 bytes (\u00XX) */
	size_t i, size = 6 * sizeof(*ref) + 4096;
	struct out o = { malloc(size), 0, size };

	emit_key(&o, "rampart_reference", true);
	emit(&o, "1", 1);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		emit_region(&o, &ref->regions[order[i]], region_keys[order[i]]);
	if (ref->cmdline_text) {
		emit_key(&o, "cmdline_text", false);
		emit_str(&o, ref->cmdline);
	}
	emit_key(&o, "policy", false);
	emit_str(&o, ref->policy);
	if (ref->policy_config_set) {
		emit_key(&o, "policy_config", false);
		emit_str(&o, ref->policy_config);
	}
	if (ref->max_audit_set)
		emit_number(&o, "max_audit", ref->max_audit);
	if (ref->memory_size_set)
		emit_number(&o, "memory_size", ref->memory_size);
	emit(&o, "\n}\n", 3);
	return o.p;
}
