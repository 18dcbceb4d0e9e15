/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory layout every part agrees on (docs/architecture.md): the
 * monitor, the launcher's DICE step and the verifier measure and check
 * regions at these addresses. Assembly includes it too: plain numbers.
 */
#ifndef RAMPART_LAYOUT_H
#define RAMPART_LAYOUT_H

#define MONITOR_BASE 0x80000000	/* DRAM's base: the monitor's 1 MiB */
#define MONITOR_SIZE 0x100000
#define FIRMWARE_BASE (MONITOR_BASE + MONITOR_SIZE)	/* fw_dynamic's base */
#define PAYLOAD_BASE 0x80200000	/* the kernel, and what the lock takes */

#endif
