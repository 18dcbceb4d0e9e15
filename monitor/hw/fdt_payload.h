/* SPDX-License-Identifier: BSD-2-Clause */
/* What the monitor adds to the payload's device tree before measuring it. */
#ifndef RAMPART_FDT_PAYLOAD_H
#define RAMPART_FDT_PAYLOAD_H

#include "../../include/rampart/types.h"

/* Rampart's region for the payload: event log then evidence. Linux copies
 * the log through its linear map, so it is reserved but mapped (no no-map). */
#define RAMPART_LOG_SIZE 0xf000
#define RAMPART_EVIDENCE_SIZE 0x1000
#define RAMPART_REGION_SIZE (RAMPART_LOG_SIZE + RAMPART_EVIDENCE_SIZE)

/* What the tree may grow by (the placement plan reserves it after it):
 * the nodes below, with their names, fit several times over. */
#define FDT_PAYLOAD_ROOM 2048

/*
 * Grow the tree at @fdt in place (by FDT_PAYLOAD_ROOM, never past @limit)
 * and add: /reserved-memory no-map nodes for whatever part of the monitor's
 * and the firmware's memory it does not reserve yet, one for the reset
 * mark's page (reset.h; mapped: a no-map page at the top of DRAM costs
 * Linux seconds of boot), a /reserved-memory node for [@base,
 * @base + RAMPART_REGION_SIZE), /chosen/rampart,event-log
 * and /chosen/rampart,evidence (u64 address, u64 size each), and, on a
 * tcg,tpm-tis-mmio node if there is one, linux,sml-base/linux,sml-size.
 * Returns 0, -RAMPART_ENOSPC, -RAMPART_EINVAL, or -RAMPART_EFAULT for a
 * TPM node outside QEMU virt's platform bus (the monitor never drives a
 * TPM the firmware placed elsewhere). Sets @tpm_base (0: none).
 */
int fdt_payload_prepare(void *fdt, u64 limit, u64 base, u64 *tpm_base);

struct evidence_dtb;

/* What the finished tree at @fdt tells the kernel about memory (memory,
 * reserved ranges; the initrd at @initrd_start, @initrd_size bytes, 0:
 * none), for the evidence (measure/evidence.h). */
void fdt_payload_facts(const void *fdt, u64 initrd_start, u64 initrd_size,
		       struct evidence_dtb *d);

#endif
