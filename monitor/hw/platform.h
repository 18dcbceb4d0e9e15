/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the hardware layer assumes before the device tree is read (QEMU
 * 7.2 virt): where the options are, and the console and reset device a
 * refusal is printed and stopped with until the tree names them
 * (core/platform.h holds what was found).
 */
#ifndef RAMPART_HW_PLATFORM_H
#define RAMPART_HW_PLATFORM_H

#include "../../include/rampart/layout.h"

/* Run options (core/options.h): the launcher loads them into the unused
 * half of QEMU virt's mask ROM, `-device loader,addr=0x8000`. */
#define OPTIONS_BASE 0x8000
#define OPTIONS_SIZE 0x1000

#ifndef __ASSEMBLER__
#include "../core/clint.h"

#define BOOT_CLINT 0x2000000
#define BOOT_PLATFORM                                                    \
	{                                                                \
		.nharts = 1, .clint_base = BOOT_CLINT,                   \
		.mtime = (volatile u64 *)(BOOT_CLINT + CLINT_MTIME_OFF), \
		.msip = (volatile u32 *)(BOOT_CLINT + CLINT_MSIP_OFF),   \
		.uart_base = 0x10000000, .test_base = 0x100000,          \
		.test_size = 0x1000,                                     \
	}

#endif

#endif
