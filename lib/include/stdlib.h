/* SPDX-License-Identifier: BSD-2-Clause */
/* libfdt includes <stdlib.h>; the monitor offers nothing from it. */
#ifndef RAMPART_LIBC_STDLIB_H
#define RAMPART_LIBC_STDLIB_H

#include <stddef.h>

#endif
