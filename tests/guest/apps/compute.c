// SPDX-License-Identifier: BSD-2-Clause
/*
 * compute: a fixed amount of integer work on every hart, no system calls
 * while it runs. PROCS processes each hash a 16 KiB buffer (in its cache)
 * ROUNDS times with a 64-bit multiply-xorshift mix; the clock
 * (CLOCK_MONOTONIC, the guest's) runs from the start signal to the last
 * process's answer, the low byte of its hash, which must be the same on
 * every hart and in every configuration: the checksum says the same work
 * was done. The children exit after the clock stops (as in msgbench: an
 * exit's TLB shootdown is no part of the work).
 *
 *   compute PROCS ROUNDS
 *   -> compute procs=P rounds=R words=W ns=T mwords_per_s=X check=C
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

#define APP_NAME "compute"
#include "app.h"

#define WORDS 2048	/* 16 KiB of u64 */

static uint64_t buf[WORDS];

static uint64_t hash_rounds(long rounds)
{
	uint64_t h = 0x9e3779b97f4a7c15u;
	long r;
	int i;

	for (i = 0; i < WORDS; i++)
		buf[i] = (uint64_t)i * 0x2545f4914f6cdd1du;
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < WORDS; i++) {
			h ^= buf[i];
			h *= 0xff51afd7ed558ccdu;
			h ^= h >> 33;
			buf[i] = h;
		}
	}
	return h;
}

int main(int argc, char **argv)
{
	long procs, rounds, p;
	int go[2], done[2], release[2], status, check = -1, failed = 0;
	unsigned char h;
	uint64_t t0, ns;
	char c, start[64];

	if (argc != 3) {
		fprintf(stderr, "usage: compute PROCS ROUNDS\n");
		return 1;
	}
	procs = arg(argv[1], "PROCS", (long)sizeof(start));
	rounds = arg(argv[2], "ROUNDS", 10000000);
	if (pipe(go) || pipe(done) || pipe(release))
		die("pipe");
	for (p = 0; p < procs; p++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (!pid) {
			close(go[1]);
			close(done[0]);
			close(release[1]);
			if (read(go[0], &c, 1) != 1)
				die("start");
			h = (unsigned char)hash_rounds(rounds);
			if (write(done[1], &h, 1) != 1)
				die("done");
			while (read(release[0], &c, 1) > 0)
				;
			_exit(0);
		}
	}
	close(go[0]);
	close(done[1]);
	close(release[0]);
	memset(start, 'g', sizeof(start));
	t0 = now_ns();
	if (write(go[1], start, sizeof(start)) != (ssize_t)sizeof(start))
		die("start");
	for (p = 0; p < procs; p++) {
		if (read(done[0], &h, 1) != 1 || (check >= 0 && h != check))
			failed = 1;
		check = h;
	}
	ns = now_ns() - t0;
	close(release[1]);
	for (p = 0; p < procs; p++)
		if (wait(&status) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			failed = 1;
	if (failed) {
		fprintf(stderr, "compute: a process failed or they disagree\n");
		return 1;
	}
	printf("compute procs=%ld rounds=%ld words=%" PRIu64 " ns=%" PRIu64
	       " mwords_per_s=%.2f check=%02x\n", procs, rounds,
	       (uint64_t)procs * (uint64_t)rounds * WORDS, ns,
	       (double)procs * (double)rounds * WORDS * 1e3 / (double)ns, check);
	return 0;
}
