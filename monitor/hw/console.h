/* SPDX-License-Identifier: BSD-2-Clause */
/* Monitor console on the platform UART; every line starts "[rampart] ". */
#ifndef RAMPART_CONSOLE_H
#define RAMPART_CONSOLE_H

#include "../../include/rampart/types.h"
#include <stdarg.h>

/* One raw character to the UART (the payload's legacy putchar). Like
 * every character the monitor prints, dropped (and counted) if the UART
 * does not drain within a bounded wait (core/uart_tx.h). */
void console_putchar(u8 c);

/* Print one "[rampart] ..." line; harts never interleave within a line. */
void console_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print one "[rampart] " @prefix ... line (reset.c: fatal). */
void console_vlog(const char *prefix, const char *fmt, va_list ap);

#endif
