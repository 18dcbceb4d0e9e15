/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The placement plan (docs/evidence.md, "Placement"). Before anything the
 * payload receives is measured, every object's range is known: kernel (its
 * full in-memory size), initrd, device tree with the room Rampart adds to
 * it, and Rampart's event-log/evidence region. Each must lie in payload
 * memory, the DRAM the lock takes from the firmware, and no two may
 * overlap: otherwise the firmware could change a measured byte after its
 * hash, or Rampart's own writes could. Pure: checked on the host.
 */
#ifndef RAMPART_PLACEMENT_H
#define RAMPART_PLACEMENT_H

#include "../../include/rampart/types.h"

enum place_obj {
	PLACE_KERNEL,
	PLACE_INITRD,
	PLACE_DTB,
	PLACE_LOG,	/* event log, then evidence */
	PLACE_COUNT,
};

/* [base, base + size); size 0: the object is absent. */
struct place_range {
	u64 base;
	u64 size;
};

struct placement {
	struct place_range mem;	/* payload memory */
	struct place_range obj[PLACE_COUNT];
};

/* The object a check refused, and the one it overlaps (PLACE_COUNT when
 * it lies outside payload memory instead). */
struct place_fault {
	enum place_obj obj;
	enum place_obj other;
};

/* "kernel", "initrd", "dtb", "event log"; never NULL. */
const char *placement_name(enum place_obj o);

/* Does [a) lie inside [in)? A range that wraps lies nowhere. */
bool placement_is_inside(const struct place_range *a,
			 const struct place_range *in);

bool placement_overlaps(const struct place_range *a,
			const struct place_range *b);

/*
 * Returns 0 if every present object lies in @p->mem and no two overlap;
 * else -RAMPART_EFAULT (outside) or -RAMPART_EINVAL (overlap), with @f
 * naming the first object found at fault.
 */
int placement_check(const struct placement *p, struct place_fault *f);

/*
 * Place the log region (@size bytes, 4 KiB aligned) where the plan then
 * holds: one page below the device tree, else at the top of payload
 * memory, else one page above the kernel. Sets p->obj[PLACE_LOG].
 * Returns 0, or -RAMPART_ENOSPC if no candidate fits.
 */
int placement_find_log(struct placement *p, u64 size);

/*
 * The parts of @want that none of the @n ranges in @covered covers, in
 * ascending order, into @gaps (room for @max). Returns their count, or
 * -RAMPART_ENOSPC if there are more than @max.
 */
int placement_gaps(const struct place_range *want,
		   const struct place_range *covered, unsigned int n,
		   struct place_range *gaps, unsigned int max);

#endif
