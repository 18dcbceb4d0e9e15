/* SPDX-License-Identifier: BSD-2-Clause */
/* What the monitor reads from and adds to the device tree at boot. */
#ifndef RAMPART_FDT_PLATFORM_H
#define RAMPART_FDT_PLATFORM_H

#include "../core/platform.h"
#include <libfdt.h>

/* The number in @cells (1 or 2) big-endian cells at @p. */
u64 fdt_cells(const fdt32_t *p, int cells);

/* Fill @p from the tree at @fdt: first the console's UART and the reset
 * device (filled in even when a later part fails, so that the refusal can
 * be printed), then the harts, DRAM, the CLINT and the PLIC. 0,
 * -RAMPART_EINVAL, or -RAMPART_ENOSPC for more harts than MAX_HARTS
 * (core/hart.h). */
int fdt_platform_read(const void *fdt, struct platform *p);

/* Open the tree in place with @room bytes more (up to @limit), and find
 * its /reserved-memory node, added (2 address and size cells) if it has
 * none: its offset, or -RAMPART_ENOSPC, -RAMPART_EINVAL (no room; a
 * malformed tree, or a node with other cells). */
int fdt_platform_open_reserved(void *fdt, u64 limit, u64 room);

/*
 * Add a /reserved-memory no-map node for [base, base + size), growing the
 * tree in place if the memory after it up to @limit allows.
 * Returns 0, -RAMPART_EINVAL (malformed tree) or -RAMPART_ENOSPC.
 */
int fdt_platform_reserve(void *fdt, u64 limit, u64 base, u64 size);

/* Add node @name under /reserved-memory @parent (2 + 2 cells) for [base,
 * base + size), no-map if @no_map: 0 or a libfdt error. */
int fdt_platform_add_reserved(void *fdt, int parent, const char *name,
			      u64 base, u64 size, bool no_map);

/* The initrd /chosen names (linux,initrd-start/-end, 4 or 8 bytes each):
 * 1 and [*start, *end), 0 if none, -RAMPART_EINVAL if malformed (one
 * without the other, another length, an end not above the start). */
int fdt_platform_initrd(const void *fdt, u64 *start, u64 *end);

#endif
