/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Size limits shared by the launcher (scripts/inputs.sh reads this file),
 * the monitor and the verifier, so one value holds everywhere
 * (docs/usage.md, "Limits"). Only #defines: the shell reads them by name.
 */
#ifndef RAMPART_LIMITS_H
#define RAMPART_LIMITS_H

/* Harts the monitor supports (its MAX_HARTS must be this value): the IPI
 * paths keep sets of harts in u64 masks (monitor/hw/ipi.c). */
#define RAMPART_MAX_HARTS 64

/* Launch nonce: 1 to 64 bytes (EVIDENCE_NONCE_MAX), 2 to 128 hex digits. */
#define RAMPART_NONCE_MAX 64

/*
 * Longest command line the launcher boots: Linux 6.1's riscv
 * COMMAND_LINE_SIZE (1024) less its NUL. A longer one is measured whole
 * but the kernel keeps only this much, so the measurement would not say
 * what the kernel runs with. The verifier checks any length the monitor
 * measures (REF_CMDLINE_MAX, verifier/verifier.h).
 */
#define RAMPART_CMDLINE_MAX 1023

/* FIRMWARE: the firmware region 0x8010_0000-0x801F_FFFF (scripts/mkimage.sh) */
#define RAMPART_FIRMWARE_MAX 1048576

#endif
