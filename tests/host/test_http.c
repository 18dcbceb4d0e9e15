// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the HTTP client of `verifier attest` (verifier/http.c):
 * URL and answer parsing, and http_get against a real loopback socket
 * served by a forked child (a well-formed answer; an agent that accepts
 * and never answers must cost the timeout, not hang).
 */
#include <errno.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "verifier/verifier.h"

static void test_url_good(void **state)
{
	struct http_url u;
	const char *why = NULL;

	(void)state;
	assert_int_equal(http_parse_url("http://127.0.0.1:8780", &u, &why), 0);
	assert_string_equal(u.host, "127.0.0.1");
	assert_int_equal(u.port, 8780);
	assert_int_equal(http_parse_url("http://guest.example/", &u, &why), 0);
	assert_string_equal(u.host, "guest.example");
	assert_int_equal(u.port, 80);
	assert_int_equal(http_parse_url("http://h:65535", &u, &why), 0);
	assert_int_equal(u.port, 65535);
}

static void test_url_bad(void **state)
{
	static const char *const bad[] = {
		"https://127.0.0.1:8780", "127.0.0.1:8780", "http://",
		"http://:80", "http://h:0", "http://h:65536", "http://h:",
		"http://h:80x", "http://h:080000", "http://h/evidence",
		"http://h?x=1", "http://user@h", "http://[::1]:80",
		"http://h h", "ftp://h",
	};
	struct http_url u;
	const char *why;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_int_equal(http_parse_url(bad[i], &u, &why), -1);
		assert_non_null(why);
	}
}

static int parse(const char *s, struct http_response *r, const char **why)
{
	return http_parse_response((const uint8_t *)s, strlen(s), r, why);
}

static void test_response_good(void **state)
{
	struct http_response r;
	const char *why = NULL;
	char reason[16];

	(void)state;
	assert_int_equal(parse("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc",
			       &r, &why), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.len, 3);
	assert_memory_equal(r.body, "abc", 3);
	/* no Content-Length: the body runs to the end (HTTP/1.0) */
	assert_int_equal(parse("HTTP/1.1 501 Not Implemented\r\n\r\n"
			       "audit: not\x01supported by this monitor\n",
			       &r, &why), 0);
	assert_int_equal(r.status, 501);
	http_reason(&r, reason, sizeof(reason));
	assert_string_equal(reason, "audit: not?supp"); /* cut, printable */
}

static void test_response_bad(void **state)
{
	static const char *const bad[] = {
		"", "HTTP/1.0 200 OK\r\n", "HTTP/1.0 200 OK\r\nX: y\r\n",
		"HTTP/2 200 OK\r\n\r\n", "ICY 200 OK\r\n\r\n",
		"HTTP/1.0 abc OK\r\n\r\n", "HTTP/1.0 999 Huh\r\n\r\n",
		"HTTP/1.0 200 OK\r\nContent-Length: 4\r\n\r\nabc",
		"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nabc",
		"HTTP/1.0 200 OK\r\nContent-Length: -1\r\n\r\nabc",
	};
	struct http_response r;
	const char *why;
	char *big;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		assert_int_equal(parse(bad[i], &r, &why), -1);
		assert_non_null(why);
	}
	/* a head longer than 8 KiB, even if it ends later */
	big = malloc(20000);
	assert_non_null(big);
	memset(big, 'a', 20000);
	memcpy(big, "HTTP/1.0 200 OK\r\nX: ", 20);
	memcpy(big + 19990, "\r\n\r\nbody", 8);
	big[19998] = 0;
	assert_int_equal(parse(big, &r, &why), -1);
	assert_string_equal(why, "response head too long");
	free(big);
}

/* A loopback listener; its port into @port. */
static int listener(unsigned int *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t sl = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 1), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	*port = ntohs(sa.sin_port);
	return fd;
}

/* Fork a server that accepts once, then sends @answer (NULL: nothing,
 * holding the connection open for 10 s) and closes. */
static pid_t serve(int lfd, const char *answer)
{
	pid_t pid = fork();
	char buf[1024];
	int fd;

	assert_true(pid >= 0);
	if (pid)
		return pid;
	fd = accept(lfd, NULL, NULL);
	if (recv(fd, buf, sizeof(buf), 0) < 0)
		_exit(1);
	if (answer && send(fd, answer, strlen(answer), 0) < 0)
		_exit(1);
	if (!answer)
		sleep(10);
	close(fd);
	_exit(0);
}

static void test_get(void **state)
{
	struct http_url u = { .host = "127.0.0.1" };
	struct http_response r;
	uint8_t *raw = NULL;
	char err[160] = "";
	int lfd = listener(&u.port);
	pid_t pid = serve(lfd, "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello");

	(void)state;
	assert_int_equal(http_get(&u, "/eventlog", 5, 64, &raw, &r, err,
				  sizeof(err)), 0);
	assert_int_equal(r.status, 200);
	assert_memory_equal(r.body, "hello", 5);
	free(raw);
	waitpid(pid, NULL, 0);
	/* a body over the caller's limit is refused, not truncated */
	pid = serve(lfd, "HTTP/1.0 200 OK\r\n\r\n0123456789");
	assert_int_equal(http_get(&u, "/eventlog", 5, 4, &raw, &r, err,
				  sizeof(err)), -1);
	assert_non_null(strstr(err, "larger"));
	free(raw);
	waitpid(pid, NULL, 0);
	close(lfd);
}

static void test_get_timeout(void **state)
{
	struct http_url u = { .host = "127.0.0.1" };
	struct http_response r;
	struct timespec a, b;
	uint8_t *raw = NULL;
	char err[160] = "";
	int lfd = listener(&u.port);
	pid_t pid = serve(lfd, NULL);

	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(http_get(&u, "/evidence?nonce=00", 1, 64, &raw, &r,
				  err, sizeof(err)), -1);
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_non_null(strstr(err, "--timeout"));
	assert_true(b.tv_sec - a.tv_sec <= 3);
	free(raw);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(lfd);
}

static void test_get_refused(void **state)
{
	struct http_url u = { .host = "127.0.0.1" };
	struct http_response r;
	uint8_t *raw = NULL;
	char err[160] = "";
	int lfd = listener(&u.port);

	(void)state;
	close(lfd); /* nothing listens there now */
	assert_int_equal(http_get(&u, "/eventlog", 5, 64, &raw, &r, err,
				  sizeof(err)), -1);
	assert_non_null(strstr(err, "refused"));
	free(raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_good),
		cmocka_unit_test(test_url_bad),
		cmocka_unit_test(test_response_good),
		cmocka_unit_test(test_response_bad),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_get_timeout),
		cmocka_unit_test(test_get_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
