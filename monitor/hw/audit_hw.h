/* SPDX-License-Identifier: BSD-2-Clause */
/* The monitor's audit log (core/audit.h) and its TPM PCR (audit_hw.c). */
#ifndef RAMPART_AUDIT_HW_H
#define RAMPART_AUDIT_HW_H

#include "../core/audit.h"

extern struct audit_log audit_log;

/* The TPM's lock: taken before the audit log's lock, never after. */
void audit_tpm_lock(void);
void audit_tpm_unlock(void);

/*
 * With both locks held: extend AUDIT_CHAIN_PCR with every record it does
 * not have yet. True if the PCR now equals the chain's head; false without
 * a TPM, or once an extend failed (the PCR then stays behind for good,
 * and every later quote says so).
 */
bool audit_tpm_extend_pending(void);

#endif
