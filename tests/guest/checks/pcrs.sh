#!/bin/sh
# The TPM as the guest sees it: the event log Linux got (its size and
# SHA-256) and the SHA-256 PCRs 0-9, for a host-side replay check
# (tests/qemu/checks/pcr-replay.py).
log=/sys/kernel/security/tpm0/binary_bios_measurements
pcrs=/sys/class/tpm/tpm0/pcr-sha256
if [ ! -r "$log" ] || [ ! -d "$pcrs" ]; then
	echo "RAMPART-GUEST: pcrs unavailable"
	exit 0
fi
echo "RAMPART-GUEST: eventlog $(wc -c <"$log") bytes sha256 $(sha256sum <"$log" | cut -d' ' -f1)"
for i in 0 1 2 3 4 5 6 7 8 9; do
	echo "RAMPART-GUEST: pcr $i $(cat "$pcrs/$i")"
done
