// SPDX-License-Identifier: BSD-2-Clause
/*
 * A plain HTTP/1.0 client for `verifier attest` (verifier.h): http:// URLs
 * only, a host name or IPv4 address, one GET per connection. Everything
 * the agent sends is bounded (head HTTP_HEAD_MAX, body the caller's max)
 * and every wait has the request's deadline, so a dead or hostile agent
 * costs at most the timeout. No TLS: the evidence is signed and the nonce
 * fresh, so the transport need not be trusted (docs/usage.md).
 */
#define _GNU_SOURCE /* memmem */
#include "verifier.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HTTP_HEAD_MAX 8192

int http_parse_url(const char *url, struct http_url *u, const char **why)
{
	const char *host, *end, *colon;
	size_t n;

	memset(u, 0, sizeof(*u));
	if (strncmp(url, "http://", 7) != 0) {
		*why = "want http://HOST[:PORT] (no https: the evidence is "
		       "signed)";
		return -1;
	}
	host = url + 7;
	end = host + strcspn(host, "/?#");
	if (*end && strcmp(end, "/") != 0) {
		*why = "want http://HOST[:PORT], no path (the agent's paths "
		       "are fixed)";
		return -1;
	}
	colon = memchr(host, ':', (size_t)(end - host));
	n = (size_t)((colon ? colon : end) - host);
	if (!n || n >= sizeof(u->host) ||
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789.-") < n) {
		*why = "the host must be a name or an IPv4 address";
		return -1;
	}
	memcpy(u->host, host, n);
	u->port = 80;
	if (colon) {
		unsigned long p = 0;
		const char *c;

		for (c = colon + 1; c < end && *c >= '0' && *c <= '9'; c++)
			p = p * 10 + (unsigned long)(*c - '0');
		if (c != end || c == colon + 1 || c - colon > 6 || !p ||
		    p > 65535) {
			*why = "the port must be a number from 1 to 65535";
			return -1;
		}
		u->port = (unsigned int)p;
	}
	return 0;
}

/* "Content-Length: N" in the head @h (NUL-terminated): N, -1 if there
 * is none, -2 if it is not a number. */
static long content_length(const char *h)
{
	const char *p;
	char *end;
	long n;

	for (p = strchr(h, '\n'); p; p = strchr(p + 1, '\n')) {
		if (strncasecmp(p + 1, "Content-Length:", 15) != 0)
			continue;
		n = strtol(p + 16, &end, 10);
		return n >= 0 && end != p + 16 && (*end == '\r' || !*end) ?
			       n :
			       -2;
	}
	return -1;
}

int http_parse_response(const uint8_t *buf, size_t len,
			struct http_response *r, const char **why)
{
	char head[HTTP_HEAD_MAX + 1];
	const uint8_t *body;
	size_t hlen;
	long clen;

	memset(r, 0, sizeof(*r));
	body = memmem(buf, len < HTTP_HEAD_MAX ? len : HTTP_HEAD_MAX,
		      "\r\n\r\n", 4);
	if (!body) {
		*why = len >= HTTP_HEAD_MAX ? "response head too long" :
					      "truncated response head";
		return -1;
	}
	hlen = (size_t)(body - buf);
	memcpy(head, buf, hlen);
	head[hlen] = 0;
	body += 4;
	if (strlen(head) != hlen || strncmp(head, "HTTP/1.", 7) != 0 ||
	    head[8] != ' ' || strspn(head + 9, "0123456789") != 3 ||
	    (head[12] != ' ' && head[12] != '\r' && head[12]) ||
	    head[9] < '1' || head[9] > '5') {
		*why = "not an HTTP/1.x status line";
		return -1;
	}
	r->status = (head[9] - '0') * 100 + (head[10] - '0') * 10 +
		    (head[11] - '0');
	r->body = body;
	r->len = len - (size_t)(body - buf);
	clen = content_length(head);
	if (clen == -2 || (clen >= 0 && (size_t)clen != r->len)) {
		*why = "body length differs from Content-Length";
		return -1;
	}
	return 0;
}

void http_reason(const struct http_response *r, char *out, size_t size)
{
	size_t n;

	/* the agent's one-line reason, printable characters only */
	for (n = 0; n < r->len && n + 1 < size; n++) {
		if (r->body[n] == '\r' || r->body[n] == '\n')
			break;
		out[n] = r->body[n] >= 0x20 && r->body[n] <= 0x7e ?
				 (char)r->body[n] :
				 '?';
	}
	out[n] = 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for @events on @fd until @deadline: 0, or -1 with errno. */
static int wait_fd(int fd, short events, long deadline)
{
	struct pollfd p = { .fd = fd, .events = events };
	long left = deadline - now_ms();
	int n;

	if (left <= 0) {
		errno = ETIMEDOUT;
		return -1;
	}
	n = poll(&p, 1, (int)left);
	if (n == 0)
		errno = ETIMEDOUT;
	return n > 0 ? 0 : -1;
}

/* A connected, non-blocking TCP socket to @u, or -1 with @err set. */
static int http_connect(const struct http_url *u, long deadline, char *err,
			size_t errsz)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_STREAM };
	struct addrinfo *ai;
	char port[8];
	socklen_t sl = sizeof(int);
	int fd, rc, soerr = 0;

	snprintf(port, sizeof(port), "%u", u->port);
	rc = getaddrinfo(u->host, port, &hints, &ai);
	if (rc) {
		snprintf(err, errsz, "%s: %s", u->host, gai_strerror(rc));
		return -1;
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	/* non-blocking: the connect waits no longer than the deadline */
	if (fd < 0 ||
	    (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 &&
	     errno != EINPROGRESS) ||
	    wait_fd(fd, POLLOUT, deadline) != 0 ||
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0)
		soerr = errno;
	freeaddrinfo(ai);
	if (soerr) {
		snprintf(err, errsz, "connect to %s:%u: %s", u->host, u->port,
			 soerr == ETIMEDOUT ? "no answer within --timeout" :
					      strerror(soerr));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int send_request(int fd, const struct http_url *u, const char *target,
			long deadline)
{
	char req[512];
	size_t off = 0, n;
	ssize_t k;

	n = (size_t)snprintf(req, sizeof(req),
			     "GET %s HTTP/1.0\r\nHost: %s:%u\r\n"
			     "User-Agent: rampart-verifier\r\n\r\n",
			     target, u->host, u->port);
	if (n >= sizeof(req)) {
		errno = E2BIG;
		return -1;
	}
	while (off < n) {
		if (wait_fd(fd, POLLOUT, deadline))
			return -1;
		k = send(fd, req + off, n - off, MSG_NOSIGNAL);
		if (k < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
		if (k > 0)
			off += (size_t)k;
	}
	return 0;
}

/* Read until the agent closes: the whole answer, at most @max bytes. */
static int read_all(int fd, uint8_t *buf, size_t max, size_t *len,
		    long deadline)
{
	ssize_t k;

	*len = 0;
	for (;;) {
		if (wait_fd(fd, POLLIN, deadline))
			return -1;
		k = recv(fd, buf + *len, max - *len, 0);
		if (k == 0)
			return 0;
		if (k < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
		if (k > 0)
			*len += (size_t)k;
		if (*len == max) {
			errno = EFBIG;
			return -1;
		}
	}
}

int http_get(const struct http_url *u, const char *target, int timeout_s,
	     size_t max, uint8_t **raw, struct http_response *r, char *err,
	     size_t errsz)
{
	long deadline = now_ms() + 1000L * timeout_s;
	const char *why = NULL;
	size_t len = 0;
	int fd;

	*raw = malloc(max + HTTP_HEAD_MAX);
	if (!*raw) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	fd = http_connect(u, deadline, err, errsz);
	if (fd < 0)
		return -1;
	if (send_request(fd, u, target, deadline) ||
	    read_all(fd, *raw, max + HTTP_HEAD_MAX, &len, deadline)) {
		snprintf(err, errsz, "%s",
			 errno == ETIMEDOUT ? "no complete answer within "
					      "--timeout" :
			 errno == EFBIG ? "answer larger than this verifier "
					  "reads" :
					  strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	if (http_parse_response(*raw, len, r, &why)) {
		snprintf(err, errsz, "malformed HTTP answer: %s", why);
		return -1;
	}
	if (r->len > max) {
		snprintf(err, errsz, "answer larger than this verifier reads");
		return -1;
	}
	return 0;
}
