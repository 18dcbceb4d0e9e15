// SPDX-License-Identifier: BSD-2-Clause
/*
 * msgbench: message passing between processes on every hart, in the style
 * of hackbench in its pipe mode (the guest kernel has no AF_UNIX). GROUPS
 * groups of FDS senders and FDS receivers; each receiver reads one pipe,
 * which every sender of its group writes: LOOPS messages of 100 bytes
 * (atomic: under PIPE_BUF) from each sender to every receiver of its
 * group, each receiver reading all it is sent. A fixed amount of work (GROUPS * FDS * FDS * LOOPS messages) timed
 * by the guest's own clock (CLOCK_MONOTONIC) from the start signal to the
 * last process's "done": under QEMU -icount it advances with the
 * instructions of all harts (docs/bench.md, "Application benchmarks").
 * Forks and exits stay outside the window: the children are all forked
 * before the start, and exit only when released after the clock stops (an
 * exit's TLB shootdown to the harts the process ran on is not the
 * message passing being measured).
 *
 *   msgbench GROUPS FDS LOOPS
 *   -> msgbench groups=G fds=F loops=L messages=M ns=T msgs_per_s=R
 * Exit 0; 1 with one line on stderr on bad arguments or any failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define APP_NAME "msgbench"
#include "app.h"

#define MSG_SIZE 100
#define MAX_FDS 64

/* The three pipes between the parent and every child. */
static int go[2], done[2], release[2];

/* Wait for the start byte on @go, so that no process runs before all are
 * forked and the clock starts. */
static void wait_start(void)
{
	char c;

	if (read(go[0], &c, 1) != 1)
		die("start");
}

/* Say done, then wait until the parent has stopped the clock. */
static void finish(void)
{
	char c = 'd';

	if (write(done[1], &c, 1) != 1)
		die("done");
	while (read(release[0], &c, 1) > 0)
		;
	_exit(0);
}

static void full_write(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("write");
		buf += n;
		len -= (size_t)n;
	}
}

static void sender(const int *fds, long nfds, long loops)
{
	char msg[MSG_SIZE];
	long i, j;

	memset(msg, 'm', sizeof(msg));
	wait_start();
	for (i = 0; i < loops; i++)
		for (j = 0; j < nfds; j++)
			full_write(fds[j], msg, sizeof(msg));
	finish();
}

static void receiver(int fd, long bytes)
{
	char buf[MSG_SIZE];
	ssize_t n;

	memset(buf, 0, sizeof(buf)); /* its page faults before the clock */
	wait_start();
	while (bytes > 0) {
		n = read(fd, buf, bytes < MSG_SIZE ? (size_t)bytes : MSG_SIZE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("read");
		bytes -= n;
	}
	finish();
}

static pid_t spawn(void)
{
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (!pid) {
		close(go[1]);
		close(done[0]);
		close(release[1]);
	}
	return pid;
}

/* One group: receiver r reads from pipe pair[r][0]; the senders write to
 * every pair[*][1]. Each child keeps only the ends it uses. */
static void group(long nfds, long loops, long *children)
{
	int pair[MAX_FDS][2], out[MAX_FDS];
	long r, s;

	for (r = 0; r < nfds; r++)
		if (pipe(pair[r]))
			die("pipe");
	for (r = 0; r < nfds; r++) {
		if (!spawn()) {
			for (s = 0; s < nfds; s++)
				close(pair[s][1]);
			receiver(pair[r][0], nfds * loops * MSG_SIZE);
		}
		(*children)++;
	}
	for (r = 0; r < nfds; r++)
		out[r] = pair[r][1];
	for (s = 0; s < nfds; s++) {
		if (!spawn()) {
			for (r = 0; r < nfds; r++)
				close(pair[r][0]);
			sender(out, nfds, loops);
		}
		(*children)++;
	}
	for (r = 0; r < nfds; r++) {
		close(pair[r][0]);
		close(pair[r][1]);
	}
}

int main(int argc, char **argv)
{
	long groups, nfds, loops, children = 0, g;
	int status, failed = 0;
	uint64_t t0, ns, msgs;
	char start[4096], c;

	if (argc != 4) {
		fprintf(stderr, "usage: msgbench GROUPS FDS LOOPS\n");
		return 1;
	}
	groups = arg(argv[1], "GROUPS", 64);
	nfds = arg(argv[2], "FDS", MAX_FDS);
	loops = arg(argv[3], "LOOPS", 1000000);
	if (pipe(go) || pipe(done) || pipe(release))
		die("pipe");
	for (g = 0; g < groups; g++)
		group(nfds, loops, &children);
	close(go[0]);
	close(done[1]);
	close(release[0]);
	/* one byte per child: the read end never holds more than a pipe's
	 * capacity at once, since the children read as it fills */
	memset(start, 'g', sizeof(start));
	t0 = now_ns();
	for (g = children; g > 0; g -= (long)sizeof(start))
		full_write(go[1], start, g < (long)sizeof(start) ?
			   (size_t)g : sizeof(start));
	/* a child that fails exits without its byte: EOF comes early */
	for (g = 0; g < children; g++)
		if (read(done[0], &c, 1) != 1)
			break;
	ns = now_ns() - t0;
	close(release[1]);
	if (g < children)
		failed = 1;
	while (children--) {
		if (wait(&status) < 0)
			die("wait");
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	}
	if (failed) {
		fprintf(stderr, "msgbench: a sender or receiver failed\n");
		return 1;
	}
	msgs = (uint64_t)groups * (uint64_t)nfds * (uint64_t)nfds *
	       (uint64_t)loops;
	printf("msgbench groups=%ld fds=%ld loops=%ld messages=%" PRIu64
	       " ns=%" PRIu64 " msgs_per_s=%.0f\n", groups, nfds, loops, msgs,
	       ns, (double)msgs * 1e9 / (double)ns);
	return 0;
}
