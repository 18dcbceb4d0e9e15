// SPDX-License-Identifier: BSD-2-Clause
/* The monitor's audit log instance: every denied access into the chain,
 * one console line per event (rate-limited by core/audit.c; the counters
 * and the chain keep everything). */
#include "../core/services.h"
#include "console.h"
#include "../core/platform.h"
#include "../core/audit.h"
#include "../core/vcpu.h"

struct audit_log audit_log;

void hw_audit(const struct vcpu *v, u32 access, u64 addr)
{
	struct audit_chain_record r = {
		.hart = (u32)v->hartid,
		.access = access,
		.addr = addr,
		.pc = v->pc,
		.time = *platform()->mtime,
	};
	bool print;

	audit_lock(&audit_log);
	print = audit_add(&audit_log, &r);
	audit_unlock(&audit_log);
	if (print)
		console_log("audit hart=%u access=%s addr=0x%lx pc=0x%lx",
			    r.hart, audit_access_name(access), addr, r.pc);
}
