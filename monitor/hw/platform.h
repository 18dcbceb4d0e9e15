/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the hardware layer assumes before the device tree is read (QEMU
 * 7.2 virt): where the options are, the harts' stacks, and the console and
 * reset device a refusal is printed and stopped with until the tree names
 * them (core/platform.h holds what was found).
 */
#ifndef RAMPART_HW_PLATFORM_H
#define RAMPART_HW_PLATFORM_H

#include "../../include/rampart/layout.h"

#define HART_STACK_SIZE 0x4000

/* Run options (core/options.h): the launcher loads them into the unused
 * half of QEMU virt's mask ROM, `-device loader,addr=0x8000`. */
#define OPTIONS_BASE 0x8000
#define OPTIONS_SIZE 0x1000

#define BOOT_PLATFORM                                                    \
	{                                                                \
		.nharts = 1, .clint_base = 0x2000000,                    \
		.uart_base = 0x10000000, .test_base = 0x100000,          \
		.test_size = 0x1000,                                     \
	}

#endif
