/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checks only the debug image runs (build/monitor-debug-only.bin, which the
 * integration tests boot): debug_checks.c is compiled twice, with
 * RAMPART_DEBUG_CHECKS for that image and without for the release one,
 * where these functions do nothing.
 */
#ifndef RAMPART_DEBUG_CHECKS_H
#define RAMPART_DEBUG_CHECKS_H

/* QEMU's exit status when a debug check fails (docs/usage.md). */
#define DEBUG_CHECK_EXIT 4

/*
 * Right before the payload's first instruction: hash every measured range
 * in payload memory again and stop the machine if one changed since its
 * hash (nothing may write it: docs/evidence.md, "Placement"). The run
 * option debug_write=kernel|initrd|cmdline|dtb first writes one byte into
 * that range, to show that the check fails.
 */
void debug_recheck_measured(void);

#endif
