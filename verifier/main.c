// SPDX-License-Identifier: BSD-2-Clause
/* verifier: decides whether a Rampart boot can be trusted (verifier.h). */
#include "verifier.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: verifier reference --kernel IMAGE [--initrd FILE] [--cmdline TEXT]\n"
	"                          [--firmware FILE] [--monitor FILE]\n"
	"                          [--policy NAME] [--policy-config TEXT] -o REF.json\n"
	"       verifier check --evidence FILE --ref REF.json --pubkey DEVICE.pub.pem\n"
	"                      --nonce HEX [--eventlog FILE] [--max-audit N]\n"
	"                      [--ak-pubkey AK.pub.pem] [--json]\n"
	"       verifier --help\n"
	"\n"
	"Remote attestation of a Rampart boot, step by step:\n"
	"\n"
	"  1. Once per device: take its public key (make writes the development\n"
	"     key pair to build/keys/device.pem and build/keys/device.pub.pem;\n"
	"     keys/README.md says how production devices get theirs).\n"
	"  2. Once per software release: compute reference values from the files\n"
	"     you intend to boot, exactly as the monitor measures them:\n"
	"       verifier reference --kernel build/Image \\\n"
	"           --initrd build/initramfs.cpio.gz --cmdline 'console=ttyS0' \\\n"
	"           --firmware /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin \\\n"
	"           --monitor build/monitor-identity.bin -o ref.json\n"
	"     Without --initrd (--cmdline) the boot must have no initrd (command\n"
	"     line). --firmware and --monitor are checked only when given.\n"
	"     --policy defaults to protect.\n"
	"  3. For each attestation: pick a fresh random nonce (1-64 bytes),\n"
	"       NONCE=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \\n')\n"
	"     and have the device produce evidence over it: at boot with\n"
	"     `make run NONCE=$NONCE` (saved under build/), or on demand in the\n"
	"     guest: echo $NONCE >/sys/kernel/rampart/nonce;\n"
	"            cat /sys/kernel/rampart/evidence >evidence.bin\n"
	"     plus the event log: /sys/kernel/security/tpm0/binary_bios_measurements\n"
	"     (TPM=1) or the one the run saved.\n"
	"  4. Check it:\n"
	"       verifier check --evidence evidence.bin --ref ref.json \\\n"
	"           --pubkey build/keys/device.pub.pem --nonce $NONCE \\\n"
	"           --eventlog eventlog.bin [--max-audit 0] \\\n"
	"           [--ak-pubkey build/keys/ak.pub.pem]\n"
	"\n"
	"check verifies each of these and names every one that fails, with\n"
	"what was expected and what the evidence says: the device signature,\n"
	"the format version, the nonce, every measured digest against the\n"
	"reference (monitor, firmware, kernel, initrd, command line), the\n"
	"policy and its configuration, the entry state (the kernel entered at\n"
	"its measured image with the measured device tree), the event log\n"
	"(signed digest, every event, replay), the audit counters\n"
	"(--max-audit N: at most N blocked firmware accesses), and a TPM quote\n"
	"when present (TPMS_ATTEST magic and type, qualifying data = nonce, PCR\n"
	"digest = the log's replay, signature by --ak-pubkey).\n"
	"--json prints one JSON object instead of the report.\n"
	"\n"
	"Exit status: 0 trusted, 1 not trusted, 2 bad input or usage.\n"
	"Formats: docs/evidence.md. Walkthrough: docs/usage.md.\n";

int main(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") ||
			  !strcmp(argv[1], "-h") || !strcmp(argv[1], "help"))) {
		fputs(help, stdout);
		return EXIT_TRUSTED;
	}
	if (argc >= 2 && !strcmp(argv[1], "reference"))
		return cmd_reference(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "check"))
		return cmd_check(argc - 1, argv + 1);
	fprintf(stderr, "verifier: %s (verifier --help shows the usage)\n",
		argc < 2 ? "no command" : "unknown command");
	return EXIT_BADINPUT;
}
