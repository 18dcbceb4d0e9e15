// SPDX-License-Identifier: BSD-2-Clause
#include "uart_tx.h"
#include "../../include/rampart/errno.h"

int uart_tx_wait(struct uart_tx *t, bool (*ready)(void *ctx), void *ctx)
{
	bool stalled = __atomic_load_n(&t->stalled, __ATOMIC_RELAXED);
	u32 polls = stalled ? UART_TX_STALLED_POLLS : UART_TX_POLLS;

	while (polls--) {
		if (ready(ctx)) {
			if (stalled)
				__atomic_store_n(&t->stalled, 0,
						 __ATOMIC_RELAXED);
			return 0;
		}
	}
	__atomic_store_n(&t->stalled, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&t->dropped, 1, __ATOMIC_RELAXED);
	return -RAMPART_ETIMEDOUT;
}

u64 uart_tx_dropped(const struct uart_tx *t)
{
	return __atomic_load_n(&t->dropped, __ATOMIC_RELAXED);
}

u64 uart_tx_report(struct uart_tx *t, u64 now)
{
	u64 dropped = uart_tx_dropped(t), n = dropped - t->reported;

	if (!n || __atomic_load_n(&t->stalled, __ATOMIC_RELAXED))
		return 0;
	/* unsigned: an mtime the firmware wound back reads as long ago */
	if (t->has_reported && now - t->last_report < UART_TX_REPORT_GAP)
		return 0;
	t->reported = dropped;
	t->last_report = now;
	t->has_reported = true;
	return n;
}
