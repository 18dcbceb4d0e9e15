// SPDX-License-Identifier: BSD-2-Clause
#include "clint.h"
#include "../../include/rampart/errno.h"

int clint_decode(u64 off, unsigned int width, unsigned int nharts,
		 enum clint_reg *reg, unsigned int *hart)
{
	if ((width != 4 && width != 8) || (off & (width - 1)))
		return -RAMPART_EINVAL;
	if (off < CLINT_MTIMECMP_OFF) {
		*reg = CLINT_MSIP;
		*hart = (unsigned int)(off / 4);
		if (width != 4)
			return -RAMPART_EINVAL;
	} else if (off < CLINT_MTIME_OFF) {
		*reg = CLINT_MTIMECMP;
		*hart = (unsigned int)((off - CLINT_MTIMECMP_OFF) / 8);
	} else if (off < CLINT_SIZE && off < CLINT_MTIME_OFF + 8) {
		*reg = CLINT_MTIME;
		*hart = 0;
		return 0;
	} else {
		return -RAMPART_EINVAL;
	}
	return *hart < nharts ? 0 : -RAMPART_EINVAL;
}
