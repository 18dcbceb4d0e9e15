// SPDX-License-Identifier: BSD-2-Clause
/*
 * What the measured device tree told the kernel about memory (the facts the
 * monitor signs, measure/evidence.h), judged: the memory against the
 * reference, the monitor's and the firmware's memory kept from the kernel,
 * the initrd where the measured initrd can be and nowhere else.
 */
#include "verifier.h"
#include <stdio.h>

/* Is [lo, hi) covered by the union of the reserved ranges of @d? Mapped
 * or not, the kernel allocates nothing there; memory pools (which it
 * would allocate from) the monitor refuses in that range before it signs. */
static bool reserved_covers(const struct evidence_dtb *d, uint64_t lo,
			    uint64_t hi)
{
	uint32_t i;
	bool moved = true;

	while (lo < hi && moved) {
		moved = false;
		for (i = 0; i < d->reserved_count; i++) {
			const struct evidence_range *r = &d->reserved[i];

			if (r->base <= lo && lo - r->base < r->size) {
				lo = r->base + r->size < r->base ?
					     hi : r->base + r->size;
				moved = true;
			}
		}
	}
	return lo >= hi;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static void check_memory(const struct evidence_dtb *d,
			 const struct reference *ref)
{
	char want[64], got[64];

	snprintf(want, sizeof(want), "0x%llx+0x%llx",
		 (unsigned long long)MONITOR_BASE,
		 (unsigned long long)ref->memory_size);
	snprintf(got, sizeof(got), "%u ranges", d->memory_count);
	if (d->memory_count == 1)
		snprintf(got, sizeof(got), "0x%llx+0x%llx",
			 (unsigned long long)d->memory[0].base,
			 (unsigned long long)d->memory[0].size);
	if (d->memory_count == 1 && d->memory[0].base == MONITOR_BASE &&
	    d->memory[0].size == ref->memory_size)
		report_add(ST_PASS, "memory", NULL, NULL, "%s", got);
	else
		report_add(ST_FAIL, "memory", want, got,
			   "the device tree gives the kernel other memory");
}

static void check_initrd_range(const struct evidence *ev)
{
	const struct evidence_dtb *d = &ev->dtb;
	const struct evidence_region *k = &ev->regions[MEASURE_KERNEL];
	const struct evidence_region *t = &ev->regions[MEASURE_DTB];
	const struct evidence_region *i = &ev->regions[MEASURE_INITRD];
	uint64_t size = d->initrd_end - d->initrd_start;

	if (!i->present) {
		if (d->initrd_start || d->initrd_end)
			report_add(ST_FAIL, "initrd-range", NULL, NULL,
				   "the tree names an initrd nobody measured");
		else
			report_add(ST_PASS, "initrd-range", NULL, NULL,
				   "no initrd");
		return;
	}
	if (d->initrd_end < d->initrd_start || size != i->size ||
	    d->initrd_start < PAYLOAD_BASE ||
	    overlaps(d->initrd_start, size, k->base, k->size) ||
	    overlaps(d->initrd_start, size, t->base, t->size))
		report_add(ST_FAIL, "initrd-range", NULL, NULL,
			   "the tree's initrd 0x%llx-0x%llx is not where the "
			   "measured initrd can be",
			   (unsigned long long)d->initrd_start,
			   (unsigned long long)d->initrd_end);
	else
		report_add(ST_PASS, "initrd-range", NULL, NULL,
			   "0x%llx-0x%llx, the measured initrd's size",
			   (unsigned long long)d->initrd_start,
			   (unsigned long long)d->initrd_end);
}

bool dtbfacts_check(const struct evidence *ev, const struct reference *ref)
{
	const struct evidence_dtb *d = &ev->dtb;

	if (!d->present || d->truncated) {
		report_add(ST_FAIL, "memory", NULL, NULL,
			   d->present ? "the tree has more ranges than the "
					"evidence carries" :
				      "the evidence carries no device-tree "
				      "facts");
		return true;
	}
	if (ref->memory_size_set)
		check_memory(d, ref);
	if (reserved_covers(d, MONITOR_BASE, PAYLOAD_BASE))
		report_add(ST_PASS, "reserved", NULL, NULL,
			   "0x%llx-0x%llx (monitor, firmware) reserved from "
			   "the kernel",
			   (unsigned long long)MONITOR_BASE,
			   (unsigned long long)PAYLOAD_BASE);
	else
		report_add(ST_FAIL, "reserved", NULL, NULL,
			   "the tree lets the kernel use the monitor's or the "
			   "firmware's memory");
	check_initrd_range(ev);
	return ref->memory_size_set;
}
