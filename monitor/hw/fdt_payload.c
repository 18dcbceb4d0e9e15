// SPDX-License-Identifier: BSD-2-Clause
#include "fdt_payload.h"
#include "fdt_platform.h"
#include "platform.h"
#include "../core/platform.h"
#include "reset.h"
#include "../../include/rampart/errno.h"
#include "../core/placement.h"
#include "../../include/rampart/evidence.h"
#include "../../lib/format.h"
#include <libfdt.h>

#define MAX_COVERS 16	/* reservations looked at; more only cost nodes */
#define MAX_HOLDS 4	/* nodes added for the firmware's range */
/* QEMU virt's platform bus, where tpm-tis-device sits (docs/evidence.md, TPM) */
#define TPM_WINDOW_BASE 0x4000000ULL
#define TPM_WINDOW_SIZE 0x2000000ULL
#define TPM_TIS_SIZE 0x5000ULL

static int set_pair(void *fdt, int node, const char *name, u64 a, u64 b)
{
	fdt64_t v[2] = { cpu_to_fdt64(a), cpu_to_fdt64(b) };

	return fdt_setprop(fdt, node, name, v, sizeof(v));
}

/*
 * The ranges the tree already reserves (first @max, 2+2 cells), with or
 * without no-map: either way the kernel allocates nothing there. A node
 * the kernel would hand out memory from (a "compatible" pool, "reusable"
 * CMA) inside @below is refused: it would put kernel data where the
 * firmware reads it. Returns the count, or -1.
 */
static int reserved_ranges(const void *fdt, int parent,
			   const struct place_range *below,
			   struct place_range *out, unsigned int max)
{
	unsigned int n = 0;
	int node, len, i;

	fdt_for_each_subnode(node, fdt, parent) {
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
		bool pool = fdt_getprop(fdt, node, "compatible", NULL) ||
			    fdt_getprop(fdt, node, "reusable", NULL);

		for (i = 0; reg && i + 16 <= len; i += 16, reg += 4) {
			struct place_range r = { fdt_cells(reg, 2),
						 fdt_cells(reg + 2, 2) };

			/* r may wrap: compare without adding to its base */
			if (pool && r.size && r.base < below->base + below->size &&
			    (r.base >= below->base ||
			     below->base - r.base < r.size))
				return -1;
			if (!pool && n < max)
				out[n++] = r;
		}
	}
	return (int)n;
}

/*
 * The kernel must never use the monitor's or the firmware's memory: the
 * firmware still reaches its own after the lock. Whatever part of
 * [MONITOR_BASE, PAYLOAD_BASE) the tree does not already reserve gets a
 * no-map node (filling gaps, not overlapping: Linux reports overlapping
 * reservations as errors).
 */
static int reserve_below_payload(void *fdt, int parent)
{
	static const struct place_range below = { MONITOR_BASE,
						  PAYLOAD_BASE - MONITOR_BASE };
	struct place_range covers[MAX_COVERS], holds[MAX_HOLDS];
	int n = reserved_ranges(fdt, parent, &below, covers, MAX_COVERS);
	int count, i;
	char name[32];

	if (n < 0)
		return -1;
	count = placement_gaps(&below, covers, (unsigned int)n, holds,
			       MAX_HOLDS);

	for (i = 0; i < count; i++) {
		format_buf(name, sizeof(name), "rampart-hold@%lx",
			   holds[i].base);
		if (fdt_platform_add_reserved(fdt, parent, name, holds[i].base,
					      holds[i].size, true))
			return -1;
	}
	return count < 0 ? -1 : 0;
}

/* Linux (drivers/char/tpm/eventlog/of.c) reads sml-base as a big-endian
 * u64 and sml-size as a big-endian u32 on the TPM's own node. */
static int publish_to_tpm(void *fdt, u64 base, u64 *tpm_base)
{
	int node, len;
	const fdt32_t *reg;

	*tpm_base = 0;
	/* a TPM the machine's own tree does not have is not there: no walk
	 * of the whole tree (a third of a million instructions) without */
	if (!platform()->has_tpm)
		return 0;
	node = fdt_node_offset_by_compatible(fdt, -1, "tcg,tpm-tis-mmio");
	if (node < 0)
		return 0;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < 8)
		return -1;
	*tpm_base = ((u64)fdt32_to_cpu(reg[0]) << 32) | fdt32_to_cpu(reg[1]);
	/* The firmware wrote this tree: the monitor drives a TPM only on the
	 * platform bus, never at an address the firmware picked elsewhere
	 * (its own region, the monitor's, the measured payload). */
	if (*tpm_base < TPM_WINDOW_BASE ||
	    *tpm_base > TPM_WINDOW_BASE + TPM_WINDOW_SIZE - TPM_TIS_SIZE ||
	    (*tpm_base & 0xfff))
		return -RAMPART_EFAULT;
	if (fdt_setprop_u64(fdt, node, "linux,sml-base", base) ||
	    fdt_setprop_u32(fdt, node, "linux,sml-size", RAMPART_LOG_SIZE))
		return -1;
	return 0;
}

int fdt_payload_prepare(void *fdt, u64 limit, u64 base, u64 *tpm_base)
{
	int parent = fdt_platform_open_reserved(fdt, limit, FDT_PAYLOAD_ROOM);
	int chosen, rc;

	if (parent < 0)
		return parent;
	if (reserve_below_payload(fdt, parent) ||
	    fdt_platform_add_reserved(fdt, parent, "rampart-log", base,
				      RAMPART_REGION_SIZE, false) ||
	    fdt_platform_add_reserved(fdt, parent, "rampart-mark",
				      platform_dram_end() - RESET_MARK_SIZE,
				      RESET_MARK_SIZE, false))
		return -RAMPART_EINVAL;
	/* offsets move when a node is added: look /chosen up only now */
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(fdt, 0, "chosen");
	if (chosen < 0 ||
	    set_pair(fdt, chosen, "rampart,event-log", base, RAMPART_LOG_SIZE) ||
	    set_pair(fdt, chosen, "rampart,evidence", base + RAMPART_LOG_SIZE,
		     RAMPART_EVIDENCE_SIZE))
		return -RAMPART_EINVAL;
	rc = publish_to_tpm(fdt, base, tpm_base);
	if (rc)
		return rc == -RAMPART_EFAULT ? rc : -RAMPART_EINVAL;
	fdt_pack(fdt);
	return 0;
}

/* Append [base, +size) to @d's reserved (else memory) ranges, or note
 * the truncation. */
static void add_range(struct evidence_dtb *d, bool reserved, u64 base,
		      u64 size, u64 flags)
{
	struct evidence_range *out = reserved ? d->reserved : d->memory;
	u32 *count = reserved ? &d->reserved_count : &d->memory_count;
	u32 max = reserved ? EVIDENCE_DTB_RESERVED : EVIDENCE_DTB_MEMORY;

	if (*count == max)
		d->truncated = true;
	else
		out[(*count)++] = (struct evidence_range){ base, size, flags };
}

static void memory_facts(const void *fdt, struct evidence_dtb *d)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int node, len, i;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return;
	/* the root's children only, as Linux looks for memory (drivers/of/
	 * fdt.c, early_init_dt_scan_memory): not a walk of the whole tree */
	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		const fdt32_t *reg;

		if (!type || len != sizeof("memory") ||
		    memcmp(type, "memory", sizeof("memory")) != 0)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		for (i = 0; reg && (i + ac + sc) * 4 <= len; i += ac + sc)
			add_range(d, false, fdt_cells(reg + i, ac),
				  fdt_cells(reg + i + ac, sc), 0);
	}
}

void fdt_payload_facts(const void *fdt, u64 initrd_start, u64 initrd_size,
		       struct evidence_dtb *d)
{
	int parent = fdt_path_offset(fdt, "/reserved-memory"), node, len, i;
	u64 base, size;

	*d = (struct evidence_dtb){ .present = true };
	memory_facts(fdt, d);
	for (i = 0; i < fdt_num_mem_rsv(fdt); i++)
		if (!fdt_get_mem_rsv(fdt, i, &base, &size))
			add_range(d, true, base, size, 0);
	/* fdt_payload_prepare() made sure of 2 address and size cells */
	fdt_for_each_subnode(node, fdt, parent) {
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);
		u64 flags = fdt_getprop(fdt, node, "no-map", NULL) ?
				    EVIDENCE_DTB_NO_MAP : 0;

		for (i = 0; reg && (i + 4) * 4 <= len; i += 4)
			add_range(d, true, fdt_cells(reg + i, 2),
				  fdt_cells(reg + i + 2, 2), flags);
	}
	if (initrd_size) {
		d->initrd_start = initrd_start;
		d->initrd_end = initrd_start + initrd_size;
	}
}
