// SPDX-License-Identifier: BSD-2-Clause
/*
 * rampart-agent [PORT]: the guest's attestation agent (issue 18). A small
 * HTTP/1.0 server over the rampart driver's files in /sys/kernel/rampart
 * (docs/usage.md, "Remote attestation"):
 *
 *   GET /evidence?nonce=HEX  the monitor's evidence over that nonce
 *   GET /eventlog            the monitor's TCG event log
 *   GET /audit?from=N        the audit chain answer from sequence number N
 *
 * Bodies are the driver's bytes, application/octet-stream. Errors are HTTP
 * errors with a one-line text reason: 400 a bad request, nonce or cursor,
 * 404 an unknown path, 405 not GET, 501 what this monitor cannot do (it
 * answers -2: EOPNOTSUPP from the driver), 500 any other driver error.
 *
 * One request at a time, no keep-alive: the agent serves one verifier,
 * and a client that is slow or sends garbage only costs it REQ_TIMEOUT_MS,
 * after which the connection is closed (the head is bounded to HEAD_MAX).
 */
#define _GNU_SOURCE /* accept4 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SYSFS "/sys/kernel/rampart/"
#define TPM_LOG "/sys/kernel/security/tpm0/binary_bios_measurements"
#define HEAD_MAX 2048		/* request line and headers */
#define BODY_MAX (128 * 1024)	/* event log 0xf000, evidence 4 KiB */
#define REQ_TIMEOUT_MS 5000	/* the whole request head */
#define SEND_TIMEOUT_S 5	/* each send of the answer */
#define NONCE_HEX_MAX 128	/* 64 bytes, include/rampart/limits.h */

struct answer {
	int status;
	const char *reason;	/* "OK", "Bad Request", ... */
	char text[160];		/* the error body, one line */
	unsigned char *body;	/* BODY_MAX bytes */
	size_t len;
};

static void answer_error(struct answer *a, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void answer_error(struct answer *a, int status, const char *fmt, ...)
{
	static const struct { int status; const char *reason; } reasons[] = {
		{ 400, "Bad Request" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 500, "Internal Server Error" },
		{ 501, "Not Implemented" },
	};
	va_list ap;
	size_t i;

	a->status = status;
	a->reason = "Error";
	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			a->reason = reasons[i].reason;
	va_start(ap, fmt);
	vsnprintf(a->text, sizeof(a->text) - 1, fmt, ap);
	va_end(ap);
	strcat(a->text, "\n");
	a->len = 0;
}

/* A driver errno as an answer: EOPNOTSUPP is the monitor saying -2. */
static void answer_errno(struct answer *a, const char *what, int err)
{
	if (err == EOPNOTSUPP)
		answer_error(a, 501, "%s: this monitor does not support it "
			     "(SBI -2)", what);
	else if (err == ENOENT)
		answer_error(a, 501, "%s: no Rampart monitor extension "
			     "(%s missing)", what, SYSFS);
	else
		answer_error(a, 500, "%s: %s", what, strerror(err));
}

/* Write @s to the sysfs file @name: 0 or an errno. */
static int sysfs_write(const char *name, const char *s)
{
	char path[64];
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), SYSFS "%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		err = errno;
	else if ((size_t)n != strlen(s))
		err = EIO;
	close(fd);
	return err;
}

/* Read all of @path into the answer's body: 0 or an errno. */
static int file_read(const char *path, struct answer *a)
{
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	a->len = 0;
	while (a->len < BODY_MAX) {
		n = read(fd, a->body + a->len, BODY_MAX - a->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			break;
		}
		if (!n)
			break;
		a->len += (size_t)n;
	}
	if (!err && a->len == BODY_MAX)
		err = EFBIG;
	close(fd);
	return err;
}

/* The value of @key in the query string @q (NUL-terminated), or NULL. */
static const char *query_get(char *q, const char *key)
{
	size_t k = strlen(key);
	char *p;

	for (p = strtok(q, "&"); p; p = strtok(NULL, "&"))
		if (!strncmp(p, key, k) && p[k] == '=')
			return p + k + 1;
	return NULL;
}

static bool is_hex_nonce(const char *s)
{
	size_t n = strspn(s, "0123456789abcdefABCDEF");

	return !s[n] && n >= 2 && n <= NONCE_HEX_MAX && n % 2 == 0;
}

static void get_evidence(char *query, struct answer *a)
{
	const char *nonce = query ? query_get(query, "nonce") : NULL;
	char line[NONCE_HEX_MAX + 2];
	int err;

	if (!nonce || !is_hex_nonce(nonce)) {
		answer_error(a, 400, "nonce: want ?nonce= and 1 to 64 bytes "
			     "in hex (2 to 128 digits, even)");
		return;
	}
	snprintf(line, sizeof(line), "%s\n", nonce);
	err = sysfs_write("nonce", line);
	if (!err)
		err = file_read(SYSFS "evidence", a);
	if (err)
		answer_errno(a, "evidence", err);
}

/* The monitor's log (EVENT_LOG); with a TPM, Linux's copy of the same log
 * is a fallback for a monitor that predates EVENT_LOG. */
static void get_eventlog(struct answer *a)
{
	int err = file_read(SYSFS "eventlog", a);

	if (err == EOPNOTSUPP && !access(TPM_LOG, R_OK))
		err = file_read(TPM_LOG, a);
	if (err)
		answer_errno(a, "eventlog", err);
}

static void get_audit(char *query, struct answer *a)
{
	const char *from = query ? query_get(query, "from") : NULL;
	char line[32];
	size_t n = from ? strspn(from, "0123456789") : 0;
	int err;

	/* u64 has at most 20 digits; the driver refuses an overflow */
	if (!from || !n || from[n] || n > 20) {
		answer_error(a, 400, "from: want ?from= and a decimal "
			     "sequence number");
		return;
	}
	snprintf(line, sizeof(line), "%s\n", from);
	err = sysfs_write("audit_from", line);
	if (err == EINVAL || err == ERANGE) {
		answer_error(a, 400, "from: %s is not a 64-bit sequence number",
			     from);
		return;
	}
	if (!err)
		err = file_read(SYSFS "audit_chain", a);
	if (err)
		answer_errno(a, "audit", err);
}

/* Route "METHOD TARGET HTTP/x.y" (NUL-terminated) to its handler. */
static void handle_request(char *line, struct answer *a)
{
	char *method = line, *target, *version, *query;

	target = strchr(method, ' ');
	version = target ? strchr(target + 1, ' ') : NULL;
	if (!target || !version || strncmp(version + 1, "HTTP/1.", 7) != 0) {
		answer_error(a, 400, "request line: want GET PATH HTTP/1.x");
		return;
	}
	*target++ = 0;
	*version = 0;
	if (strcmp(method, "GET") != 0) {
		answer_error(a, 405, "method %.16s: only GET", method);
		return;
	}
	query = strchr(target, '?');
	if (query)
		*query++ = 0;
	if (!strcmp(target, "/evidence"))
		get_evidence(query, a);
	else if (!strcmp(target, "/eventlog"))
		get_eventlog(a);
	else if (!strcmp(target, "/audit"))
		get_audit(query, a);
	else
		answer_error(a, 404, "%.64s: not found (/evidence, /eventlog, "
			     "/audit)", target);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Read the request head (up to the blank line) into @buf, NUL-terminated.
 * Returns its length, 0 if the client gave none in time or sent more than
 * HEAD_MAX, -1 if it went away.
 */
static int read_head(int fd, char *buf)
{
	long deadline = now_ms() + REQ_TIMEOUT_MS;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t len = 0;
	ssize_t n;

	while (len < HEAD_MAX - 1) {
		long left = deadline - now_ms();

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			return 0;
		n = recv(fd, buf + len, HEAD_MAX - 1 - len, 0);
		if (n <= 0)
			return -1;
		len += (size_t)n;
		buf[len] = 0;
		if (strstr(buf, "\r\n\r\n") || strstr(buf, "\n\n"))
			return (int)len;
	}
	return 0;
}

static void send_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t k;

	while (n) {
		k = send(fd, c, n, MSG_NOSIGNAL);
		if (k <= 0)
			return; /* the client left or stalled: SO_SNDTIMEO */
		c += k;
		n -= (size_t)k;
	}
}

static void send_answer(int fd, const struct answer *a)
{
	const void *body = a->status == 200 ? (const void *)a->body : a->text;
	size_t len = a->status == 200 ? a->len : strlen(a->text);
	char head[256];
	int n;

	n = snprintf(head, sizeof(head),
		     "HTTP/1.0 %d %s\r\nContent-Type: %s\r\n"
		     "Content-Length: %zu\r\nConnection: close\r\n\r\n",
		     a->status, a->reason,
		     a->status == 200 ? "application/octet-stream" :
					"text/plain",
		     len);
	send_all(fd, head, (size_t)n);
	send_all(fd, body, len);
}

/*
 * Close after the answer: a client whose request we did not read to the
 * end would get a reset instead of the answer if we closed at once, so
 * read and drop what it still sends, for DRAIN_MS at most.
 */
#define DRAIN_MS 500
static void close_gently(int fd)
{
	long deadline = now_ms() + DRAIN_MS;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char sink[1024];
	long left;

	shutdown(fd, SHUT_WR);
	while ((left = deadline - now_ms()) > 0 && poll(&p, 1, (int)left) > 0)
		if (recv(fd, sink, sizeof(sink), 0) <= 0)
			break;
	close(fd);
}

static void serve(int fd, struct answer *a)
{
	struct timeval tv = { .tv_sec = SEND_TIMEOUT_S };
	char head[HEAD_MAX];
	int n;

	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	n = read_head(fd, head);
	if (n < 0)
		return;
	a->status = 200;
	a->reason = "OK";
	a->len = 0;
	if (!n)
		answer_error(a, 400, "request: no complete head within %d s "
			     "and %d bytes", REQ_TIMEOUT_MS / 1000, HEAD_MAX);
	else
		handle_request(strtok(head, "\r\n"), a);
	send_answer(fd, a);
}

static int listen_on(int port)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons((unsigned short)port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(fd, 4)) {
		close(fd);
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	struct answer a = { 0 };
	char *end = NULL;
	long port = argc > 1 ? strtol(argv[1], &end, 10) : 80;
	int lfd, fd;

	if (argc > 2 || (end && *end) || port < 1 || port > 65535) {
		fprintf(stderr, "rampart-agent: usage: rampart-agent [PORT]\n");
		return 2;
	}
	lfd = listen_on((int)port);
	if (lfd < 0) {
		fprintf(stderr, "rampart-agent: cannot listen on port %ld: %s\n",
			port, strerror(errno));
		return 1;
	}
	a.body = malloc(BODY_MAX);
	if (!a.body) {
		fprintf(stderr, "rampart-agent: out of memory\n");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	printf("RAMPART-GUEST: agent listening on port %ld\n", port);
	fflush(stdout);
	for (;;) {
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			/* EINTR, ECONNABORTED: the next one; EMFILE and the
			 * like: do not spin on them */
			if (errno != EINTR)
				usleep(10000);
			continue;
		}
		serve(fd, &a);
		close_gently(fd);
	}
}
