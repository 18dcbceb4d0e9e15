// SPDX-License-Identifier: BSD-2-Clause
/* membuf: fake guest memory for host tests (see membuf.h). */
#include "tests/host/lib/membuf.h"

#include <errno.h>
#include <string.h>

void membuf_init(struct membuf *m, uint64_t base, uint8_t *bytes, size_t size)
{
	memset(m, 0, sizeof(*m));
	m->base = base;
	m->bytes = bytes;
	m->size = size;
}

void membuf_set_fault(struct membuf *m, uint64_t lo, uint64_t hi)
{
	m->fault_lo = lo;
	m->fault_hi = hi;
}

bool membuf_is_mapped(const struct membuf *m, uint64_t addr, size_t len)
{
	uint64_t last;

	/* Written so that no sum can wrap: addr + len may exceed 2^64. */
	if (len == 0 || addr < m->base || addr - m->base >= m->size)
		return false;
	if (len > m->size - (addr - m->base))
		return false;
	last = addr + (len - 1);
	return last < m->fault_lo || addr >= m->fault_hi;
}

int membuf_read(struct membuf *m, uint64_t addr, void *out, size_t len)
{
	if (!membuf_is_mapped(m, addr, len))
		return -EFAULT;
	memcpy(out, m->bytes + (addr - m->base), len);
	m->reads++;
	return 0;
}

int membuf_write(struct membuf *m, uint64_t addr, const void *in, size_t len)
{
	if (!membuf_is_mapped(m, addr, len))
		return -EFAULT;
	memcpy(m->bytes + (addr - m->base), in, len);
	m->writes++;
	return 0;
}
