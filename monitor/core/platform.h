/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The platform as data: what the device tree and probing said at boot,
 * published once (platform_set) before any other hart runs, read-only
 * after. Everything the monitor does that depends on the machine reads it
 * here instead of a constant.
 */
#ifndef RAMPART_PLATFORM_DATA_H
#define RAMPART_PLATFORM_DATA_H

#include "../../include/rampart/types.h"

struct platform {
	u64 dram_base, dram_size;	/* the first memory node */
	unsigned int nharts;		/* harts with ids 0..nharts-1 */
	u64 clint_base;			/* timer and IPIs (riscv,clint0) */
	u64 uart_base;			/* console (ns16550a) */
	u64 test_base, test_size;	/* reset device (sifive,test1) */
	unsigned int pmp_count;		/* PMP entries of the boot hart */
	u64 pmp_granule;		/* bytes: 4 << G */
	bool has_sstc;			/* stimecmp */
	bool has_zbb;			/* SHA-256 uses it (hw/sha256_hw.c) */
};

extern const struct platform *const platform;

/* Boot only, on the boot hart: publish @p. */
void platform_set(const struct platform *p);

static inline u64 platform_dram_end(void)
{
	return platform->dram_base + platform->dram_size;
}

#endif
