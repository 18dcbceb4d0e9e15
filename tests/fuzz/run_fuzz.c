// SPDX-License-Identifier: BSD-2-Clause
/*
 * The short fuzz run of `make test-host`: one cmocka case per fuzz target
 * (FUZZ_TARGETS), each running tests/fuzz/run.sh for FUZZ_SHORT seconds
 * (RAMPART_FUZZ_SECONDS overrides). A case fails on a crash, a sanitizer
 * report, or a target that did not run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#ifndef FUZZ_TARGETS /* from tests/fuzz/build.mk */
#define FUZZ_TARGETS "evidence evlog refjson"
#define FUZZ_SHORT 3
#endif
#define STR2(x) #x
#define STR(x) STR2(x)
#define FUZZ_SECONDS_STR STR(FUZZ_SHORT)

static void run_target(void **state)
{
	const char *target = *state, *env = getenv("RAMPART_FUZZ_SECONDS");
	char cmd[256], line[4096];
	unsigned long runs = 0;
	int st, crashes = -1;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "tests/fuzz/run.sh %s %s 2>&1",
		 env ? env : FUZZ_SECONDS_STR, target);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (fgets(line, sizeof(line), p)) {
		const char *r = strstr(line, ": "),
			   *c = strstr(line, "crashes ");

		print_message("%s", line);
		if (strncmp(line, "FUZZ ", 5) != 0 || !r || !c)
			continue;
		runs = strtoul(r + 2, NULL, 10);
		crashes = (int)strtol(c + 8, NULL, 10);
	}
	st = pclose(p);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_int_equal(crashes, 0);
	assert_true(runs > 0);
}

int main(void)
{
	static char targets[] = FUZZ_TARGETS;
	struct CMUnitTest tests[8];
	char *save = NULL, *t;
	size_t n = 0;

	for (t = strtok_r(targets, " ", &save); t && n < 8;
	     t = strtok_r(NULL, " ", &save)) {
		tests[n].name = t;
		tests[n].test_func = run_target;
		tests[n].setup_func = NULL;
		tests[n].teardown_func = NULL;
		tests[n].initial_state = t;
		n++;
	}
	return _cmocka_run_group_tests("fuzz", tests, n, NULL, NULL);
}
