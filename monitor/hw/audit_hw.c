// SPDX-License-Identifier: BSD-2-Clause
/* The monitor's audit log instance: one lock, one console line per event
 * (rate-limited by core/audit.c; the counters keep everything). */
#include "../core/services.h"
#include "console.h"
#include "../core/audit.h"
#include "../core/vcpu.h"

struct audit_log audit_log;
static volatile u32 audit_lock;

void hw_audit(const struct vcpu *v, u32 access, u64 addr)
{
	struct audit_record r = { (u32)v->hartid, access, addr, v->pc };
	bool print;

	while (__atomic_exchange_n(&audit_lock, 1, __ATOMIC_ACQUIRE))
		;
	print = audit_add(&audit_log, &r);
	__atomic_store_n(&audit_lock, 0, __ATOMIC_RELEASE);
	if (print)
		console_log("audit hart=%u access=%s addr=0x%lx pc=0x%lx",
			    r.hart, audit_access_name(access), addr, r.pc);
}
