/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * membuf: a byte array that stands in for guest memory in host tests, with
 * one address window that faults, so that code reaching memory through an
 * ops table can be tested against out-of-range and faulting accesses.
 */
#ifndef MEMBUF_H
#define MEMBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct membuf {
	uint64_t base; /* guest address of bytes[0] */
	uint8_t *bytes;
	size_t size;
	uint64_t fault_lo; /* accesses touching [fault_lo, fault_hi) fault */
	uint64_t fault_hi;
	unsigned int reads; /* successful accesses, for tests to count */
	unsigned int writes;
};

/* Describes SIZE bytes at BYTES as guest memory at BASE; no fault window. */
void membuf_init(struct membuf *m, uint64_t base, uint8_t *bytes, size_t size);

/* Makes every access touching [lo, hi) fail; lo == hi disables it. */
void membuf_set_fault(struct membuf *m, uint64_t lo, uint64_t hi);

/* True if [addr, addr + len) lies inside the buffer and outside the fault
 * window; len 0 is never valid. */
bool membuf_is_mapped(const struct membuf *m, uint64_t addr, size_t len);

/* Copy LEN bytes from/to guest address ADDR. Return 0, or -EFAULT (nothing
 * copied) when membuf_is_mapped() is false. */
int membuf_read(struct membuf *m, uint64_t addr, void *out, size_t len);
int membuf_write(struct membuf *m, uint64_t addr, const void *in, size_t len);

#endif /* MEMBUF_H */
