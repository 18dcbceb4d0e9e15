#!/bin/sh
# tpm: is a TPM there, which version, and did firmware hand Linux an event
# log? Prints "RAMPART-GUEST: tpm none" or "RAMPART-GUEST: tpm0 version V",
# then "RAMPART-GUEST: tpm eventlog N bytes" or "RAMPART-GUEST: tpm eventlog none".
if [ ! -e /sys/class/tpm/tpm0 ]; then
	echo "RAMPART-GUEST: tpm none"
	exit 0
fi
v=$(cat /sys/class/tpm/tpm0/tpm_version_major 2>/dev/null || echo unknown)
echo "RAMPART-GUEST: tpm0 version $v"
log=/sys/kernel/security/tpm0/binary_bios_measurements
if [ -r "$log" ]; then
	echo "RAMPART-GUEST: tpm eventlog $(wc -c <"$log") bytes"
else
	echo "RAMPART-GUEST: tpm eventlog none"
fi
