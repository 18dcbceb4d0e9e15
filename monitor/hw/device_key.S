/* SPDX-License-Identifier: BSD-2-Clause */
/* The device's ECDSA P-256 private scalar (32 bytes, big-endian), made by
 * keys/gen-device-key.sh into the build directory; never in the repo. It
 * sits after the monitor's identity (link.ld), so the measured identity
 * does not depend on which device's key the image carries. */
	.section .device_key, "a"
	.globl	device_key
device_key:
	.incbin	DEVICE_KEY_FILE
