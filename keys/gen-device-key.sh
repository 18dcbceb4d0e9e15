#!/bin/bash
# gen-device-key.sh [--force] [OUT_DIR]: the development device key, an
# ECDSA P-256 key pair, in OUT_DIR (default build/keys):
#
#   device.pem      private key, PKCS#8 PEM (mode 0600)
#   device.pub.pem  public key, SubjectPublicKeyInfo PEM: what verifiers
#                   get (verifier check --pubkey, openssl dgst -verify)
#   device.key.bin  the private scalar d, 32 bytes big-endian (mode 0600):
#                   linked into the monitor image (monitor/hw/device_key.S),
#                   after its measured identity, where PMP keeps it from the
#                   firmware and the payload
#
# An existing device.pem is kept (references and verifiers keep working
# across rebuilds): only the two derived files are rewritten from it.
# --force makes a new key. Production keys are provisioned differently:
# keys/README.md. Every file is written to a temporary name and
# renamed, so a failure leaves the old set or nothing.
set -euo pipefail

force=0
if [ "${1:-}" = --force ]; then
	force=1
	shift
fi
out=${1:-build/keys}
die() { echo "gen-device-key: $*" >&2; exit 1; }
command -v openssl >/dev/null || die "openssl not found (make deps)"

umask 077
mkdir -p "$out"
tmp=$(mktemp -d "$out/.gen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ "$force" = 1 ] || [ ! -s "$out/device.pem" ]; then
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-out "$tmp/device.pem" 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; die "openssl genpkey failed"; }
	new=1
else
	cp "$out/device.pem" "$tmp/device.pem"
	new=0
fi

# The key must be P-256: its SEC1 DER is 121 bytes, 30 77 02 01 01 04 20,
# then d (RFC 5915), whatever openssl wrote the PEM as.
openssl ec -in "$tmp/device.pem" -outform DER -out "$tmp/sec1.der" \
	2>"$tmp/err" || { cat "$tmp/err" >&2; die "$out/device.pem: not an EC key"; }
openssl ec -in "$tmp/device.pem" -noout -text 2>/dev/null |
	grep -q 'NIST CURVE: P-256' || die "$out/device.pem: not a P-256 key"
[ "$(head -c 7 "$tmp/sec1.der" | od -An -tx1 | tr -d ' \n')" = 30770201010420 ] ||
	die "$out/device.pem: unexpected SEC1 encoding"
tail -c +8 "$tmp/sec1.der" | head -c 32 >"$tmp/device.key.bin"
[ "$(stat -c %s "$tmp/device.key.bin")" = 32 ] || die "scalar is not 32 bytes"
openssl pkey -in "$tmp/device.pem" -pubout -out "$tmp/device.pub.pem" \
	2>"$tmp/err" || { cat "$tmp/err" >&2; die "openssl pkey -pubout failed"; }
chmod 0644 "$tmp/device.pub.pem"

mv "$tmp/device.key.bin" "$out/device.key.bin"
mv "$tmp/device.pub.pem" "$out/device.pub.pem"
if [ "$new" = 1 ]; then
	mv "$tmp/device.pem" "$out/device.pem"
	echo "gen-device-key: new development device key in $out/device.pem"
else
	touch "$out/device.pem" # newer than this script: make is satisfied
fi
