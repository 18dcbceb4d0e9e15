// SPDX-License-Identifier: BSD-2-Clause
/* Files, hex, constant-time compare, input errors (verifier.h). */
#include "verifier.h"
#include "../lib/hex.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <mbedtls/sha256.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char input_error[1024];

void fail_input(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(input_error, sizeof(input_error), fmt, ap);
	va_end(ap);
	fprintf(stderr, "verifier: %s\n", input_error);
}

const char *last_input_error(void)
{
	return input_error;
}

int read_file(const char *path, size_t max, uint8_t **buf, size_t *len)
{
	struct stat st;
	size_t got = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	*buf = NULL;
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		fail_input("%s: %s", path,
			   fd < 0 ? strerror(errno) : "not a regular file");
		goto fail;
	}
	if ((uint64_t)st.st_size > max) {
		fail_input(
			"%s: %lld bytes, more than the %zu this input may have",
			path, (long long)st.st_size, max);
		goto fail;
	}
	*buf = malloc((size_t)st.st_size + 1);
	if (!*buf) {
		fail_input("%s: out of memory", path);
		goto fail;
	}
	while (got < (size_t)st.st_size &&
	       (n = read(fd, *buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	if (got != (size_t)st.st_size) {
		fail_input("%s: short read", path);
		goto fail;
	}
	(*buf)[got] = 0;
	*len = got;
	close(fd);
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	free(*buf);
	*buf = NULL;
	return -1;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int write_file_atomic(const char *path, const void *buf, size_t len)
{
	char tmp[4096], dir[4096];
	int fd;

	if (!strcmp(path, "-")) {
		if (!write_all(1, buf, len))
			return 0;
		fail_input("stdout: %s", strerror(errno));
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s", path);
	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dirname(dir),
		     strrchr(path, '/') ? strrchr(path, '/') + 1 : path) >=
	    (int)sizeof(tmp)) {
		fail_input("%s: path too long", path);
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		fail_input("%s: %s", path, strerror(errno));
		return -1;
	}
	if (write_all(fd, buf, len) || fchmod(fd, 0644) || fsync(fd) ||
	    close(fd) || rename(tmp, path)) {
		fail_input("%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

long hex_decode(const char *s, uint8_t *out, size_t max)
{
	return hex_to_bytes(s, strlen(s), out, max);
}

bool ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	volatile uint8_t acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= a[i] ^ b[i];
	return acc == 0;
}

void sha256(const void *p, size_t n, uint8_t out[MEASURE_DIGEST_SIZE])
{
	mbedtls_sha256_ret(p, n, out, 0);
}

const char *region_name(unsigned int type)
{
	static const char *const names[EVIDENCE_REGIONS] = {
		"?",	  "monitor", "firmware", "policy", "kernel",
		"initrd", "cmdline", "dtb",	 "entry",
	};

	return type < EVIDENCE_REGIONS ? names[type] : "?";
}

bool getopt_begin(int argc, char **argv)
{
	bool json = false;
	int i;

	for (i = 1; i < argc; i++)
		json |= !strcmp(argv[i], "--json");
	opterr = 0;
	optind = 1;
	return json;
}

bool string_option(const struct string_option *opts, size_t n, int c)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (opts[i].c == c) {
			*opts[i].to = optarg;
			return true;
		}
	}
	return false;
}

int parse_count(const char *s, uint64_t *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return *end || errno ? -1 : 0;
}
