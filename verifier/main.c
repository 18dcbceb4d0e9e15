// SPDX-License-Identifier: BSD-2-Clause
/* verifier: decides whether a Rampart boot can be trusted (verifier.h). */
#include "verifier.h"
#include "../include/rampart/version.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: verifier reference --kernel IMAGE [--initrd FILE] [--cmdline TEXT]\n"
	"                          [--firmware FILE] [--monitor FILE] [--memory SIZE]\n"
	"                          [--policy NAME] [--policy-config TEXT]\n"
	"                          [--max-audit N] -o REF.json\n"
	"       verifier check --evidence FILE --ref REF.json --pubkey DEVICEID.pub.pem\n"
	"                      --nonce HEX [--eventlog FILE] [--max-audit N]\n"
	"                      [--ak-pubkey AK.pub.pem] [--skip CHECK]... [--json]\n"
	"       verifier attest http://HOST:PORT --ref REF.json --pubkey DEVICEID.pub.pem\n"
	"                      [--ak-pubkey AK.pub.pem] [--skip CHECK]... [--json]\n"
	"                      [--max-audit N] [--watch SECONDS] [--timeout SECONDS]\n"
	"       verifier --help | --version\n"
	"Options go in any order, before or after the command; --json,\n"
	"--help and --version anywhere on the line.\n"
	"\n"
	"Remote attestation of a Rampart boot, step by step:\n"
	"\n"
	"  1. Once per device: register its DeviceID public key (make provisions\n"
	"     the QEMU device once: build/device/deviceid.pub.pem; keys/README.md).\n"
	"  2. Once per software release: compute reference values from the files\n"
	"     you intend to boot, exactly as the monitor measures them:\n"
	"       verifier reference --kernel build/Image \\\n"
	"           --initrd build/initramfs.cpio.gz --cmdline 'console=ttyS0' \\\n"
	"           --firmware /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin \\\n"
	"           --monitor build/monitor-identity.bin --memory 512M \\\n"
	"           --policy-config fastpath=1 --max-audit 0 -o ref.json\n"
	"     Without --initrd (--cmdline) the boot must have no initrd (command\n"
	"     line). --policy defaults to protect.\n"
	"  3. For each attestation: pick a fresh random nonce (1-64 bytes),\n"
	"       NONCE=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \\n')\n"
	"     and have the device produce evidence over it: at boot with\n"
	"     `make run NONCE=$NONCE` (saved under build/run/), or on demand in\n"
	"     the guest: echo $NONCE >/sys/kernel/rampart/nonce;\n"
	"            cat /sys/kernel/rampart/evidence >evidence.bin\n"
	"     plus the event log: /sys/kernel/security/tpm0/binary_bios_measurements\n"
	"     (TPM=1) or the one the run saved.\n"
	"  4. Check it:\n"
	"       verifier check --evidence evidence.bin --ref ref.json \\\n"
	"           --pubkey build/device/deviceid.pub.pem --nonce $NONCE \\\n"
	"           --eventlog eventlog.bin [--ak-pubkey build/keys/ak.pub.pem]\n"
	"\n"
	"Or challenge a running machine (make run forwards its agent to\n"
	"127.0.0.1:8780): attest picks a fresh 32-byte nonce itself, fetches the\n"
	"evidence over it, the event log and the audit chain from the guest's\n"
	"agent, and checks them as check does (--reference is --ref):\n"
	"       verifier attest http://127.0.0.1:8780 --ref ref.json \\\n"
	"           --pubkey build/device/deviceid.pub.pem\n"
	"     --watch N challenges again every N seconds and prints only the\n"
	"     denied accesses added since, until Ctrl-C (exit 0) or a NOT\n"
	"     TRUSTED verdict (exit 1); --timeout (default 10) bounds each\n"
	"     request. An unreachable agent or an HTTP error: exit 2.\n"
	"\n"
	"check verifies each of these and names every one that fails, with\n"
	"what was expected and what the evidence says: the device identity (the\n"
	"alias certificate signed by the DeviceID key, its FWID the measured\n"
	"monitor), the signature by the alias key, the format version, the\n"
	"nonce, every measured digest against the reference (monitor, firmware,\n"
	"kernel, initrd, command line), the policy and its configuration, the\n"
	"entry state, what the device tree tells the kernel (memory, the\n"
	"monitor's and firmware's memory reserved, the initrd's place), the\n"
	"event log (signed digest, every event, replay), the audit counters\n"
	"against the budget, and a TPM quote when present (TPMS_ATTEST magic\n"
	"and type, qualifying data = nonce, PCR digest = the log's replay,\n"
	"signature by --ak-pubkey).\n"
	"Strict: a part without a reference (monitor, firmware, initrd, cmdline,\n"
	"policy-config, max-audit, memory, eventlog) is NOT TRUSTED unless\n"
	"--skip names it. --max-audit on check overrides the reference's budget.\n"
	"--json prints one JSON object instead of the report.\n"
	"\n"
	"Exit status: 0 trusted, 1 not trusted, 2 bad input or usage (one line\n"
	"on stderr; with --json, also an \"error\" object on stdout).\n"
	"Formats: docs/evidence.md. Walkthrough: docs/usage.md.\n";

/* Options that take no value; every other option takes one (unless
 * written --name=value), so the word after it is not the command. */
static bool is_flag(const char *a)
{
	return !strcmp(a, "--json") || !strcmp(a, "--help") ||
	       !strcmp(a, "-h") || !strcmp(a, "--version");
}

/* The index of the command word, 0 if none: the first argument that is
 * neither an option nor an option's value. */
static int find_command(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1 < argc ? i + 1 : 0;
		if (argv[i][0] != '-' || !argv[i][1])
			return i;
		if (!is_flag(argv[i]) && !strchr(argv[i], '='))
			i++; /* its value */
	}
	return 0;
}

/* --help or --version anywhere (not as an option's value): 1 if handled */
static bool info_option(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(help, stdout);
			return true;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("verifier (Rampart) %s\n", RAMPART_VERSION);
			return true;
		}
		if (argv[i][0] == '-' && !is_flag(argv[i]) &&
		    !strchr(argv[i], '='))
			i++;
	}
	return false;
}

int main(int argc, char **argv)
{
	int cmd, i;
	bool json = false;

	if (info_option(argc, argv))
		return EXIT_TRUSTED;
	for (i = 1; i < argc; i++)
		json |= !strcmp(argv[i], "--json");
	cmd = find_command(argc, argv);
	if (cmd && !strcmp(argv[cmd], "help")) {
		fputs(help, stdout);
		return EXIT_TRUSTED;
	}
	if (cmd &&
	    (!strcmp(argv[cmd], "reference") || !strcmp(argv[cmd], "check") ||
	     !strcmp(argv[cmd], "attest"))) {
		/* the command word out, everything else for getopt_long,
		 * which takes options in any order */
		char *name = argv[cmd];

		memmove(argv + cmd, argv + cmd + 1,
			(size_t)(argc - cmd - 1) * sizeof(*argv));
		argv[argc - 1] = NULL;
		argv[0] = name;
		if (!strcmp(name, "attest"))
			return cmd_attest(argc - 1, argv);
		return !strcmp(name, "check") ? cmd_check(argc - 1, argv) :
						cmd_reference(argc - 1, argv);
	}
	fail_input("%s (verifier --help shows the usage)",
		   !cmd ? "no command: reference, check or attest" :
			  "unknown command: reference, check or attest");
	if (json)
		report_error_json(last_input_error());
	return EXIT_BADINPUT;
}
