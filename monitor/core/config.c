// SPDX-License-Identifier: BSD-2-Clause
#include "config.h"
#include "options.h"
#include "policy.h"
#include "../../include/rampart/errno.h"
#include <string.h>

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* nonce=HEX: 1 to EVIDENCE_NONCE_MAX bytes; refused, never truncated */
static const char *read_nonce(const char *text, size_t len,
			      struct boot_config *cfg)
{
	char hex[2 * EVIDENCE_NONCE_MAX + 1];
	int n = options_get(text, len, "nonce", hex, sizeof(hex)), i;

	if (n == -RAMPART_ENOENT)
		return NULL;
	if (n <= 0 || (n & 1))
		return "nonce option is not 1 to 64 bytes of hex";
	for (i = 0; i < n; i += 2) {
		int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);

		if (hi < 0 || lo < 0)
			return "nonce option is not hex";
		cfg->nonce[i / 2] = (u8)(hi << 4 | lo);
	}
	cfg->nonce_len = (u32)n / 2;
	return NULL;
}

/* policy=NAME, protect when absent */
static const char *read_policy(const char *text, size_t len,
			       struct boot_config *cfg)
{
	static const char head[] = "unknown policy '", tail[] = "': not booting";
	static char unknown[sizeof(head) + 16 + sizeof(tail)];
	char name[16];
	int n = options_get(text, len, "policy", name, sizeof(name));

	cfg->policy_default = n == -RAMPART_ENOENT;
	if (cfg->policy_default)
		memcpy(name, "protect", sizeof("protect"));
	else if (n < 0)
		return "policy option too long: not booting";
	cfg->policy = policy_find(name);
	if (cfg->policy)
		return NULL;
	n = (int)strlen(name);
	memcpy(unknown, head, sizeof(head) - 1);
	memcpy(unknown + sizeof(head) - 1, name, (size_t)n);
	memcpy(unknown + sizeof(head) - 1 + n, tail, sizeof(tail));
	return unknown;
}

/* payload_size=DECIMAL; anything else counts as absent (docs/evidence.md:
 * a wrong size can only make the kernel's digest mismatch) */
static void read_payload_size(const char *text, size_t len,
			      struct boot_config *cfg)
{
	char digits[24];
	unsigned int i;
	u64 size = 0;

	if (options_get(text, len, "payload_size", digits, sizeof(digits)) <= 0)
		return;
	for (i = 0; digits[i] >= '0' && digits[i] <= '9'; i++)
		size = size * 10 + (u64)(digits[i] - '0');
	cfg->payload_size = digits[i] ? 0 : size;
}

int config_parse(const char *text, size_t len, struct boot_config *cfg,
		 const char **why)
{
	char fastpath[4];

	*cfg = (struct boot_config){ 0 };
	*why = read_policy(text, len, cfg);
	if (!*why)
		*why = read_nonce(text, len, cfg);
	if (*why)
		return -RAMPART_EINVAL;
	cfg->fastpath = !(options_get(text, len, "fastpath", fastpath,
				      sizeof(fastpath)) > 0 &&
			  !strcmp(fastpath, "0"));
	read_payload_size(text, len, cfg);
	return 0;
}

const char *config_policy_text(const struct boot_config *cfg)
{
	return cfg->fastpath ? "fastpath=1" : "fastpath=0";
}
