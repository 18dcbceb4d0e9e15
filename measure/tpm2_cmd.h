/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The three TPM 2.0 commands measured boot needs, marshalled by hand (big-
 * endian, TPM 2.0 Part 1 §18 command/response structure) and sent through
 * any transport (TIS in the monitor, a socket in host tests):
 * TPM2_Startup(CLEAR), TPM2_PCR_Extend of the SHA-256 bank, and TPM2_Quote
 * with an empty-password key. Responses are checked field by field before
 * anything is taken from them.
 *
 * Every command returns 0, a positive TPM_RC when the TPM answered with an
 * error (as Linux's tpm_transmit_cmd does), or a negative -RAMPART_E* when
 * there is no usable answer (transport error, malformed response). A TPM
 * that answers "resubmit" (TPM_RC_RETRY, _YIELDED, _TESTING: Part 2
 * §6.6.3) gets the command again, a bounded number of times, the wait
 * doubling from 10 ms (swtpm answers the first Quote after Startup with
 * TPM_RC_RETRY).
 */
#ifndef RAMPART_TPM2_CMD_H
#define RAMPART_TPM2_CMD_H

#include "../include/rampart/types.h"

#define TPM2_SHA256_SIZE 32
#define TPM2_QUALIFYING_MAX 64 /* qualifyingData bytes we send */
#define TPM2_ATTEST_MAX 512    /* TPMS_ATTEST bytes we accept */
#define TPM2_SIGNATURE_MAX 264 /* TPMT_SIGNATURE bytes (RSA-2048 fits) */
#define TPM2_PCR_COUNT 24      /* PCR_SELECT_MIN (3 bytes) of PCRs */
#define TPM2_BUF_SIZE 1024     /* a struct tpm2_dev.buf large enough */
#define TPM2_CMD_MAX 128       /* our largest command (Quote: 101 bytes) */

#define TPM2_RC_INITIALIZE 0x100  /* Startup: the TPM was already started */
#define TPM2_RC_RETRY 0x922	  /* still so after every resubmission */
#define TPM2_AK_HANDLE 0x81010002 /* keys/provision-ak.sh puts the AK here */

/*
 * A TPM. @transmit sends the command @cmd[0, @cmd_len) and receives the
 * response into @rsp[0, *@rsp_len), at most @cap bytes; it returns 0 or a
 * negative -RAMPART_E* (tpm_tis_transport() is one). @delay_us (may be
 * NULL) waits before a command is resubmitted. Responses land in @buf, @cap
 * bytes (TPM2_BUF_SIZE is enough); commands are built on the stack.
 */
struct tpm2_dev {
	int (*transmit)(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp,
			size_t cap, size_t *rsp_len);
	void (*delay_us)(void *ctx, u32 us);
	void *ctx;
	u8 *buf;
	size_t cap;
};

/* A quote as the TPM produced it: what a verifier checks the AK's
 * signature over, and the signature. */
struct tpm2_quote {
	u8 attest[TPM2_ATTEST_MAX]; /* TPMS_ATTEST (TPM2B_ATTEST's bytes) */
	size_t attest_len;
	u8 sig[TPM2_SIGNATURE_MAX]; /* TPMT_SIGNATURE, as marshalled */
	size_t sig_len;
};

/* TPM2_Startup(TPM_SU_CLEAR). 0, TPM2_RC_INITIALIZE if the TPM had been
 * started already (by someone else: its PCRs may hold anything), another
 * TPM_RC, or -RAMPART_E*. */
int tpm2_cmd_startup(const struct tpm2_dev *dev);

/* TPM2_PCR_Extend of PCR @pcr (< TPM2_PCR_COUNT), SHA-256 bank only, with
 * @digest; authorized by an empty password (TPM_RS_PW). 0, TPM_RC, or
 * -RAMPART_EINVAL for a bad @pcr or response. */
int tpm2_cmd_pcr_extend(const struct tpm2_dev *dev, u32 pcr,
			const u8 digest[TPM2_SHA256_SIZE]);

/*
 * TPM2_Quote by the key at @ak (empty password, its own signing scheme:
 * inScheme TPM_ALG_NULL) over the SHA-256 bank of the PCRs in bitmap @pcrs
 * (bit i = PCR i, nonzero, below TPM2_PCR_COUNT), with @qual (at most
 * TPM2_QUALIFYING_MAX bytes) as qualifying data. On success *@out holds the
 * quote, checked by tpm2_cmd_parse_quote(). 0, TPM_RC, or -RAMPART_EINVAL
 * (bad argument or response), -RAMPART_ENOSPC (quote larger than *@out).
 */
int tpm2_cmd_quote(const struct tpm2_dev *dev, u32 ak, const u8 *qual,
		   size_t qual_len, u32 pcrs, struct tpm2_quote *out);

/*
 * Check the TPM2_Quote response @rsp (@len bytes, header included) and copy
 * its quote into *@out: a success response with one authorization area, a
 * TPMS_ATTEST of type quote (magic TPM_GENERATED_VALUE) whose extraData is
 * @qual and whose PCR selection is exactly the SHA-256 bank of @pcrs, and a
 * well-formed RSA or ECC TPMT_SIGNATURE. Returns as tpm2_cmd_quote().
 */
int tpm2_cmd_parse_quote(const u8 *rsp, size_t len, const u8 *qual,
			 size_t qual_len, u32 pcrs, struct tpm2_quote *out);

#endif
