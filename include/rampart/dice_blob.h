/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the launcher (the boot ROM's part, keys/dice.c) hands the monitor:
 * the alias private key and its certificate, written into the -bios image's
 * monitor region at DICE_BLOB_OFFSET (memory PMP entry 0 denies to every
 * lower mode). The monitor copies it and wipes it at boot (attest.c).
 *
 *   offset  size  field
 *   0       8     "RPDICE01"
 *   8       32    alias private scalar, big-endian (P-256)
 *   40      4     certificate length, little-endian (1..DICE_CERT_MAX)
 *   44      4     zero
 *   48      n     the alias certificate, X.509 DER
 */
#ifndef RAMPART_DICE_BLOB_H
#define RAMPART_DICE_BLOB_H

#define DICE_BLOB_MAGIC "RPDICE01"
#define DICE_BLOB_OFFSET 0xfe000	/* from the monitor's base */
#define DICE_BLOB_SIZE 0x1000
#define DICE_BLOB_HEADER 48
#define DICE_CERT_MAX 768		/* evidence.h: what the evidence carries */

/* The monitor image's first 16 bytes: a jump, then the size of its
 * measured identity (a u64 at this offset), for the launcher's FWID. */
#define MONITOR_IDENTITY_SIZE_OFFSET 8

#endif
