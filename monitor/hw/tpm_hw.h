/* SPDX-License-Identifier: BSD-2-Clause */
/* The platform TPM (TIS over MMIO) as the monitor uses it at boot. */
#ifndef RAMPART_TPM_HW_H
#define RAMPART_TPM_HW_H

#include "../../include/rampart/types.h"

struct tpm2_quote;

/*
 * Start the TPM at @base, extend every event of the TCG log @log (@len
 * bytes) into its PCR, then, if @nonce_len, quote those PCRs with the
 * attestation key and @nonce as qualifying data into @quote.
 * Returns 0; -RAMPART_ENOENT if no TPM answers; another negative error if
 * an extend failed (the PCRs would not match the log); 1 if only the quote
 * failed (no attestation key provisioned, say).
 */
int tpm_hw_extend_and_quote(u64 base, const u8 *log, u64 len,
			    const u8 *nonce, u32 nonce_len,
			    struct tpm2_quote *quote);

/* After boot, through the monitor's own locality (tpm_hw.c): extend PCR
 * @pcr with @digest; quote the boot's PCRs and @extra_pcrs with @nonce.
 * 0, or a negative error (no TPM, or it failed or timed out). Callers
 * serialise. */
int tpm_hw_extend(u64 base, u32 pcr, const u8 digest[32]);
int tpm_hw_quote(u64 base, const u8 *nonce, u32 nonce_len, u32 extra_pcrs,
		 struct tpm2_quote *quote);

#endif
