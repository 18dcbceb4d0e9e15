/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The platform the monitor runs on (QEMU 7.2 virt). Fixed addresses live
 * here; what the device tree says (DRAM, harts) is discovered at boot.
 */
#ifndef RAMPART_PLATFORM_H
#define RAMPART_PLATFORM_H


#include "../../include/rampart/layout.h"

#define MAX_HARTS 8
#define HART_STACK_SIZE 0x4000

#define UART_BASE 0x10000000
#define CLINT_BASE 0x2000000
#define TEST_DEVICE_BASE 0x100000	/* sifive,test1: poweroff, exit code */
#define TEST_DEVICE_SIZE 0x1000ULL
/* Run options (core/options.h): the launcher loads them into the unused
 * half of QEMU virt's mask ROM, `-device loader,addr=0x8000`. */
#define OPTIONS_BASE 0x8000
#define OPTIONS_SIZE 0x1000

#ifndef __ASSEMBLER__
#include "../../include/rampart/types.h"

/* Discovered from the device tree at boot (fdt_platform.c). */
struct platform {
	u64 dram_base;
	u64 dram_size;
	unsigned int nharts;	/* harts with ids 0..nharts-1 */
	bool has_sstc;
	bool has_zbb;		/* SHA-256 uses it (sha256_hw.c) */
};

extern struct platform platform;
#endif

#endif
