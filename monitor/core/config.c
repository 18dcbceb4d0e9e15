// SPDX-License-Identifier: BSD-2-Clause
#include "config.h"
#include "options.h"
#include "policy.h"
#include "../../include/rampart/errno.h"
#include "../../lib/format.h"
#include "../../lib/hex.h"
#include <string.h>

/* nonce=HEX: 1 to EVIDENCE_NONCE_MAX bytes; refused, never truncated */
static const char *read_nonce(const char *text, size_t len,
			      struct boot_config *cfg)
{
	char hex[2 * EVIDENCE_NONCE_MAX + 1];
	int n = options_get(text, len, "nonce", hex, sizeof(hex));

	if (n == -RAMPART_ENOENT)
		return NULL;
	if (n <= 0 || (n & 1))
		return "nonce option is not 1 to 64 bytes of hex";
	if (hex_to_bytes(hex, (size_t)n, cfg->nonce, sizeof(cfg->nonce)) < 0)
		return "nonce option is not hex";
	cfg->nonce_len = (u32)n / 2;
	return NULL;
}

/* policy=NAME, protect when absent; false and @why if refused */
static bool read_policy(const char *text, size_t len, struct boot_config *cfg,
			char *why, size_t why_size)
{
	char name[16];
	int n = options_get(text, len, "policy", name, sizeof(name));

	cfg->policy_default = n == -RAMPART_ENOENT;
	if (cfg->policy_default) {
		memcpy(name, "protect", sizeof("protect"));
	} else if (n < 0) {
		format_buf(why, why_size, "policy option too long: not booting");
		return false;
	}
	cfg->policy = policy_find(name);
	if (!cfg->policy)
		format_buf(why, why_size, "unknown policy '%s': not booting",
			   name);
	return cfg->policy;
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
		 char *why, size_t why_size)
{
	const char *bad_nonce;
	char fastpath[4];

	*cfg = (struct boot_config){ 0 };
	if (!read_policy(text, len, cfg, why, why_size))
		return -RAMPART_EINVAL;
	bad_nonce = read_nonce(text, len, cfg);
	if (bad_nonce) {
		format_buf(why, why_size, "%s", bad_nonce);
		return -RAMPART_EINVAL;
	}
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
