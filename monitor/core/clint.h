/* SPDX-License-Identifier: BSD-2-Clause */
/* The SiFive CLINT register map the firmware sees (QEMU virt, 64 KiB). */
#ifndef RAMPART_CLINT_H
#define RAMPART_CLINT_H

#include "../../include/rampart/types.h"

#define CLINT_SIZE 0x10000
#define CLINT_MSIP_OFF 0x0
#define CLINT_MTIMECMP_OFF 0x4000
#define CLINT_MTIME_OFF 0xbff8

enum clint_reg { CLINT_MSIP, CLINT_MTIMECMP, CLINT_MTIME };

/*
 * Check an access of @width bytes at offset @off for a platform with
 * @nharts harts: naturally aligned, a width the register has, an existing
 * hart. Returns 0 and the register and hart, or -RAMPART_EINVAL.
 */
int clint_decode(u64 off, unsigned int width, unsigned int nharts,
		 enum clint_reg *reg, unsigned int *hart);

#endif
