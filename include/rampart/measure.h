/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Region measurement shared by the monitor and the verifier: a region's
 * digest is SHA-256 over its 20-byte header (type, base, size; little-
 * endian u32, u64, u64) followed by its bytes, so two layouts of the same
 * bytes never collide (Keystone's rule). docs/evidence.md lists the types,
 * the PCR each is extended into and the event type it is logged with.
 */
#ifndef RAMPART_MEASURE_H
#define RAMPART_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#define MEASURE_DIGEST_SIZE 32
#define MEASURE_HEADER_SIZE 20

enum measure_type {
	MEASURE_MONITOR = 1,	/* the monitor image (code and data) */
	MEASURE_FIRMWARE = 2,	/* the firmware blob, before it runs */
	MEASURE_POLICY = 3,	/* policy name and configuration text */
	MEASURE_KERNEL = 4,	/* the payload image */
	MEASURE_INITRD = 5,
	MEASURE_CMDLINE = 6,	/* /chosen/bootargs, without its NUL */
	MEASURE_DTB = 7,	/* the device tree handed to the payload */
	MEASURE_ENTRY = 8,	/* entry state: pc and a1, two u64 LE */
};

/* Little-endian fields of the formats (@bytes: 1 to 8). */
void measure_put_le(uint8_t *p, uint64_t v, unsigned int bytes);
uint64_t measure_get_le(const uint8_t *p, unsigned int bytes);

/* Digest of region (@type, @base, @size) whose bytes are @bytes. */
void measure_region(uint32_t type, uint64_t base, uint64_t size,
		    const void *bytes, uint8_t out[MEASURE_DIGEST_SIZE]);

/*
 * The measured size of a payload image of @file_size bytes starting with
 * @head (at least 64 bytes readable, or @file_size if less): a RISC-V Linux
 * Image (magic "RSC\x05" at 56) is measured over its header's image_size
 * (code, data and BSS as loaded, the file zero-padded); any other binary
 * over @file_size. Returns 0 and the size, or -1 for a truncated or
 * inconsistent Image header (the magic but under 64 bytes, image_size 0
 * or below the file size). @file_size ~0 means unknown (the monitor,
 * for an Image: its header is trusted to give the size).
 */
int measure_payload_size(const uint8_t *head, uint64_t file_size,
			 uint64_t *size);

#endif
