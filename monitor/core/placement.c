// SPDX-License-Identifier: BSD-2-Clause
#include "placement.h"
#include "../../include/rampart/errno.h"

#define PAGE 0x1000ULL

const char *placement_name(enum place_obj o)
{
	static const char *const names[PLACE_COUNT] = {
		[PLACE_KERNEL] = "kernel",
		[PLACE_INITRD] = "initrd",
		[PLACE_DTB] = "dtb",
		[PLACE_LOG] = "event log",
	};

	return (unsigned int)o < PLACE_COUNT ? names[o] : "?";
}

bool placement_is_inside(const struct place_range *a,
			 const struct place_range *in)
{
	return a->base >= in->base && a->base - in->base <= in->size &&
	       a->size <= in->size - (a->base - in->base);
}

bool placement_overlaps(const struct place_range *a,
			const struct place_range *b)
{
	/* both inside payload memory when this is asked: no wrap */
	return a->size && b->size && a->base < b->base + b->size &&
	       b->base < a->base + a->size;
}

int placement_check(const struct placement *p, struct place_fault *f)
{
	unsigned int i, j;

	for (i = 0; i < PLACE_COUNT; i++) {
		if (p->obj[i].size && !placement_is_inside(&p->obj[i], &p->mem)) {
			f->obj = i;
			f->other = PLACE_COUNT;
			return -RAMPART_EFAULT;
		}
	}
	for (i = 0; i < PLACE_COUNT; i++) {
		for (j = i + 1; j < PLACE_COUNT; j++) {
			if (placement_overlaps(&p->obj[i], &p->obj[j])) {
				f->obj = j;
				f->other = i;
				return -RAMPART_EINVAL;
			}
		}
	}
	return 0;
}

static bool log_fits(struct placement *p, u64 base, u64 size)
{
	struct place_fault f;

	p->obj[PLACE_LOG] = (struct place_range){ base, size };
	return !placement_check(p, &f);
}

int placement_find_log(struct placement *p, u64 size)
{
	const struct place_range *dtb = &p->obj[PLACE_DTB];
	const struct place_range *k = &p->obj[PLACE_KERNEL];
	u64 top = p->mem.base + p->mem.size;
	u64 below_dtb = (dtb->base & ~(PAGE - 1)) - PAGE - size;
	u64 above_kernel = ((k->base + k->size + PAGE - 1) & ~(PAGE - 1)) +
			   PAGE;

	/* each candidate is checked in full, so one that wrapped around
	 * (a tree near address 0) simply does not fit */
	if (dtb->size && dtb->base >= PAGE + size &&
	    log_fits(p, below_dtb, size))
		return 0;
	if (top >= size && log_fits(p, (top - size) & ~(PAGE - 1), size))
		return 0;
	if (k->size && log_fits(p, above_kernel, size))
		return 0;
	p->obj[PLACE_LOG] = (struct place_range){ 0, 0 };
	return -RAMPART_ENOSPC;
}

/* The lowest covered range that ends above @at and starts at or below it,
 * or NULL: what hides @at. */
static const struct place_range *cover_of(u64 at,
					  const struct place_range *covered,
					  unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct place_range *c = &covered[i];

		if (c->size && c->base <= at && at - c->base < c->size)
			return c;
	}
	return NULL;
}

/* The start of the first covered range above @at, or @end. */
static u64 next_cover(u64 at, u64 end, const struct place_range *covered,
		      unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (covered[i].size && covered[i].base > at &&
		    covered[i].base < end)
			end = covered[i].base;
	}
	return end;
}

int placement_gaps(const struct place_range *want,
		   const struct place_range *covered, unsigned int n,
		   struct place_range *gaps, unsigned int max)
{
	u64 at = want->base, end = want->base + want->size;
	unsigned int count = 0;

	while (at < end) {
		const struct place_range *c = cover_of(at, covered, n);
		u64 stop;

		if (c) {
			/* a cover that wraps past the top covers the rest */
			at = c->base + c->size > at ? c->base + c->size : end;
			continue;
		}
		stop = next_cover(at, end, covered, n);
		if (count == max)
			return -RAMPART_ENOSPC;
		gaps[count++] = (struct place_range){ at, stop - at };
		at = stop;
	}
	return (int)count;
}
