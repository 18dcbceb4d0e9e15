/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one address the hardware layer knows before the device tree is
 * read: where the launcher put the options. Everything else, the console
 * and reset device a refusal needs included, comes from the tree
 * (core/platform.h holds what was found).
 */
#ifndef RAMPART_HW_PLATFORM_H
#define RAMPART_HW_PLATFORM_H

#include "../../include/rampart/layout.h"

/* Run options (core/options.h): the launcher loads them into the unused
 * half of the mask ROM, `-device loader,addr=0x8000` (QEMU 7.2 virt's and
 * sifive_u's both span 0x1000-0xffff and use only its start). */
#define OPTIONS_BASE 0x8000
#define OPTIONS_SIZE 0x1000

#endif
