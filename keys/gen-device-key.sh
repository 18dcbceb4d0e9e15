#!/bin/sh
# gen-device-key.sh OUT_DIR: make the development device key, once.
#   device.pem       ECDSA P-256 private key (PEM): keep it to yourself
#   device.pub.pem   its public key: what a verifier trusts
#   device.key.bin   the private scalar, 32 bytes big-endian: linked into
#                    the monitor image (monitor/hw/device_key.S), where PMP
#                    keeps it from the firmware and the payload
# An existing key is kept: rebuilding must not change the device's identity.
# Production keys are provisioned differently: keys/README.md.
set -eu
out=${1:?usage: gen-device-key.sh OUT_DIR}
mkdir -p "$out"
if [ -s "$out/device.pem" ] && [ -s "$out/device.key.bin" ] &&
	[ -s "$out/device.pub.pem" ]; then
	exit 0
fi
umask 077
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/device.pem"
openssl ec -in "$tmp/device.pem" -pubout -out "$tmp/device.pub.pem" 2>/dev/null
# SEC1 ECPrivateKey DER: 30 77 02 01 01 04 20 <32-byte scalar> ...
openssl ec -in "$tmp/device.pem" -outform DER 2>/dev/null |
	dd bs=1 skip=7 count=32 status=none >"$tmp/device.key.bin"
[ "$(stat -c %s "$tmp/device.key.bin")" = 32 ] ||
	{ echo "gen-device-key: could not extract the private scalar" >&2; exit 1; }
mv "$tmp/device.pem" "$tmp/device.key.bin" "$tmp/device.pub.pem" "$out/"
