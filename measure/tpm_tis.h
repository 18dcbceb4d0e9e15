/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TPM 2.0 over the memory-mapped FIFO ("TIS 1.3") interface of the TCG PC
 * Client Platform TPM Profile (PTP) Specification for TPM 2.0: locality 0,
 * polled (interrupts stay off), every wait bounded by the PTP's interface
 * timeouts. Register accesses go through struct tpm_tis_ops, at offsets from
 * the TPM's base (locality 0 is at the base), so that host tests drive the
 * protocol against a fake TPM.
 */
#ifndef RAMPART_TPM_TIS_H
#define RAMPART_TPM_TIS_H

#include "../include/rampart/errno.h"
#include "../include/rampart/types.h"

struct tpm_tis_ops {
	u8 (*read8)(void *ctx, u32 off);
	u32 (*read32)(void *ctx, u32 off);
	void (*write8)(void *ctx, u32 off, u8 val);
	/* Wait about @us microseconds (one poll interval; need not be exact). */
	void (*delay_us)(void *ctx, u32 us);
};

struct tpm_tis {
	const struct tpm_tis_ops *ops;
	void *ctx;
	u32 did_vid; /* TPM_DID_VID: device id << 16 | vendor id */
};

/*
 * Bind @tis to the TPM reached through @ops/@ctx and probe it: TPM_DID_VID
 * must read as neither 0 nor all-ones, TPM_ACCESS must have tpmRegValidSts,
 * and TPM_INTERFACE_ID must name the FIFO interface.
 * Returns 0, or -RAMPART_ENOENT (no FIFO TPM there).
 */
int tpm_tis_init(struct tpm_tis *tis, const struct tpm_tis_ops *ops, void *ctx);

/*
 * Send the TPM command @cmd[0, @cmd_len) (its header's size must be
 * @cmd_len) and receive its response into @rsp[0, *@rsp_len), at most @cap
 * bytes: locality 0 is requested first and relinquished last. The
 * response's header size field must match the bytes the FIFO holds and fit
 * @cap; burst counts are clamped. *@rsp_len is 0 on failure.
 * Returns 0, -RAMPART_EINVAL (bad command, or the TPM broke the FIFO
 * protocol), -RAMPART_ENOSPC (response larger than @cap) or
 * -RAMPART_ETIMEDOUT.
 */
int tpm_tis_transmit(struct tpm_tis *tis, const u8 *cmd, size_t cmd_len,
		     u8 *rsp, size_t cap, size_t *rsp_len);

/* With @ctx a struct tpm_tis, for struct tpm2_dev: tpm_tis_transmit(), and
 * a wait of @us microseconds through the ops' delay. */
int tpm_tis_transport(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp,
		      size_t cap, size_t *rsp_len);
void tpm_tis_delay(void *ctx, u32 us);

#endif
