// SPDX-License-Identifier: BSD-2-Clause
/*
 * The FIFO protocol of the TCG PC Client Platform TPM Profile (PTP)
 * Specification for TPM 2.0 ("FIFO Interface"; TIS 1.3 compatible), polled,
 * locality 0. One command round trip:
 *
 *   request locality   TPM_ACCESS.requestUse, wait activeLocality
 *   Idle -> Ready      TPM_STS.commandReady, wait commandReady
 *   Reception          write burstCount bytes at a time into TPM_DATA_FIFO;
 *                      TPM_STS.Expect stays set until the TPM has the whole
 *                      command (the size in its header)
 *   Execution          TPM_STS.tpmGo, wait stsValid + dataAvail
 *   Completion         read the 10-byte header, then the rest of its size
 *   back to Ready      TPM_STS.commandReady (also aborts on any error)
 *   relinquish         TPM_ACCESS.activeLocality
 *
 * The TPM is not trusted to behave: every wait is bounded, burst counts are
 * clamped to what is left to move, and a response must fit the caller's
 * buffer and end exactly where its header's size says.
 */
#include "tpm_tis.h"

/* PTP register space of locality 0, offsets from the TPM base. */
#define TIS_ACCESS 0x000       /* TPM_ACCESS_0, 8 bits */
#define TIS_INT_ENABLE 0x008   /* TPM_INT_ENABLE_0: left off, we poll */
#define TIS_STS 0x018	       /* TPM_STS_0: status byte, burstCount 8..23 */
#define TIS_DATA_FIFO 0x024    /* TPM_DATA_FIFO_0, 8-bit accesses */
#define TIS_INTERFACE_ID 0x030 /* TPM_INTERFACE_ID_0 */
#define TIS_DID_VID 0xf00      /* TPM_DID_VID_0 */

/* TPM_ACCESS_x */
#define ACCESS_VALID 0x80   /* tpmRegValidSts: the other bits mean something */
#define ACCESS_ACTIVE 0x20  /* activeLocality; writing 1 relinquishes it */
#define ACCESS_REQUEST 0x02 /* requestUse */

/* TPM_STS_x */
#define STS_VALID 0x80	/* stsValid: dataAvail and Expect are valid */
#define STS_READY 0x40	/* commandReady */
#define STS_GO 0x20	/* tpmGo */
#define STS_AVAIL 0x10	/* dataAvail */
#define STS_EXPECT 0x08 /* Expect */
#define STS_BURST(sts) (((sts) >> 8) & 0xffff) /* burstCount */

/* TPM_INTERFACE_ID_x.InterfaceType, bits 3:0 */
#define IFTYPE_MASK 0xf
#define IFTYPE_FIFO 0x0	 /* FIFO interface, TPM 2.0 */
#define IFTYPE_TIS13 0xf /* TIS 1.3 (legacy) FIFO */

/* PTP "Interface Timeouts" (ms); commands get a generous execution time. */
#define TIMEOUT_A_MS 750  /* locality */
#define TIMEOUT_B_MS 2000 /* commandReady */
#define TIMEOUT_C_MS 200  /* stsValid */
#define TIMEOUT_D_MS 30	  /* burstCount */
#define DURATION_MS 10000 /* tpmGo to dataAvail */
#define POLL_US 100
#define POLLS(ms) ((u32)(ms) * (1000 / POLL_US))

#define HEADER_SIZE 10 /* tag, size, code/rc (TPM 2.0 Part 1 §18) */

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static u32 tis_read(const struct tpm_tis *tis, u32 off)
{
	if (off == TIS_ACCESS)
		return tis->ops->read8(tis->ctx, off);
	return tis->ops->read32(tis->ctx, off);
}

static void tis_write8(const struct tpm_tis *tis, u32 off, u8 val)
{
	tis->ops->write8(tis->ctx, off, val);
}

/* Poll register @off until (value & @mask) == @mask, for at most @ms;
 * the value seen last in *@val if @val. 0 or -RAMPART_ETIMEDOUT. */
static int tis_poll(const struct tpm_tis *tis, u32 off, u32 mask, u32 ms,
		    u32 *val)
{
	u32 polls = POLLS(ms);
	u32 v;

	for (;;) {
		v = tis_read(tis, off);
		if ((v & mask) == mask)
			break;
		if (polls-- == 0)
			return -RAMPART_ETIMEDOUT;
		tis->ops->delay_us(tis->ctx, POLL_US);
	}
	if (val)
		*val = v;
	return 0;
}

/*
 * Wait for a nonzero burstCount (TIMEOUT_D) and return it in *@burst,
 * clamped to @max. When @reading, dataAvail must stay set: stsValid
 * without dataAvail means the FIFO ran dry before the response's end.
 */
static int tis_burst(const struct tpm_tis *tis, bool reading, size_t max,
		     size_t *burst)
{
	u32 polls = POLLS(TIMEOUT_D_MS);
	u32 sts;

	for (;;) {
		sts = tis_read(tis, TIS_STS);
		if (reading && (sts & (STS_VALID | STS_AVAIL)) == STS_VALID)
			return -RAMPART_EINVAL;
		if (STS_BURST(sts) && (!reading || (sts & STS_AVAIL)))
			break;
		if (polls-- == 0)
			return -RAMPART_ETIMEDOUT;
		tis->ops->delay_us(tis->ctx, POLL_US);
	}
	*burst = STS_BURST(sts) < max ? STS_BURST(sts) : max;
	return 0;
}

static int tis_request_locality(const struct tpm_tis *tis)
{
	u32 want = ACCESS_VALID | ACCESS_ACTIVE;

	if ((tis_read(tis, TIS_ACCESS) & want) == want)
		return 0;
	tis_write8(tis, TIS_ACCESS, ACCESS_REQUEST);
	return tis_poll(tis, TIS_ACCESS, want, TIMEOUT_A_MS, NULL);
}

/* Ready -> Reception: the command, a burst at a time. After each burst
 * Expect must say "more" exactly while bytes remain (PTP TPM_STS.Expect). */
static int tis_send(const struct tpm_tis *tis, const u8 *buf, size_t len)
{
	size_t sent = 0, burst, i;
	u32 sts;
	int rc;

	tis_write8(tis, TIS_STS, STS_READY);
	rc = tis_poll(tis, TIS_STS, STS_READY, TIMEOUT_B_MS, NULL);
	while (!rc && sent < len) {
		rc = tis_burst(tis, false, len - sent, &burst);
		if (rc)
			break;
		for (i = 0; i < burst; i++)
			tis_write8(tis, TIS_DATA_FIFO, buf[sent++]);
		rc = tis_poll(tis, TIS_STS, STS_VALID, TIMEOUT_C_MS, &sts);
		if (!rc && !!(sts & STS_EXPECT) != (sent < len))
			rc = -RAMPART_EINVAL;
	}
	return rc;
}

static int tis_read_fifo(const struct tpm_tis *tis, u8 *buf, size_t len)
{
	size_t got = 0, burst, i;
	int rc;

	while (got < len) {
		rc = tis_burst(tis, true, len - got, &burst);
		if (rc)
			return rc;
		for (i = 0; i < burst; i++)
			buf[got++] = tis->ops->read8(tis->ctx, TIS_DATA_FIFO);
	}
	return 0;
}

/* Execution -> Completion: header first, then exactly its size; dataAvail
 * still set after that means the TPM has more than it declared. */
static int tis_recv(const struct tpm_tis *tis, u8 *buf, size_t cap,
		    size_t *rsp_len)
{
	u32 size, sts;
	int rc;

	rc = tis_poll(tis, TIS_STS, STS_VALID | STS_AVAIL, DURATION_MS, NULL);
	if (!rc)
		rc = tis_read_fifo(tis, buf, HEADER_SIZE);
	if (rc)
		return rc;
	size = be32(buf + 2);
	if (size < HEADER_SIZE)
		return -RAMPART_EINVAL;
	if (size > cap)
		return -RAMPART_ENOSPC;
	rc = tis_read_fifo(tis, buf + HEADER_SIZE, size - HEADER_SIZE);
	if (!rc)
		rc = tis_poll(tis, TIS_STS, STS_VALID, TIMEOUT_C_MS, &sts);
	if (rc)
		return rc;
	if (sts & STS_AVAIL)
		return -RAMPART_EINVAL;
	*rsp_len = size;
	return 0;
}

int tpm_tis_transmit(struct tpm_tis *tis, const u8 *cmd, size_t cmd_len,
		     u8 *rsp, size_t cap, size_t *rsp_len)
{
	int rc;

	*rsp_len = 0;
	if (cmd_len < HEADER_SIZE || be32(cmd + 2) != cmd_len)
		return -RAMPART_EINVAL;
	if (cap < HEADER_SIZE)
		return -RAMPART_ENOSPC;
	rc = tis_request_locality(tis);
	if (rc) {
		/* Withdraw the pending request (PTP TPM_ACCESS.activeLocality). */
		tis_write8(tis, TIS_ACCESS, ACCESS_ACTIVE);
		return rc;
	}
	rc = tis_send(tis, cmd, cmd_len);
	if (!rc) {
		tis_write8(tis, TIS_STS, STS_GO);
		rc = tis_recv(tis, rsp, cap, rsp_len);
	}
	/* Completion (or any failed state) -> Ready: drops whatever is left. */
	tis_write8(tis, TIS_STS, STS_READY);
	tis_write8(tis, TIS_ACCESS, ACCESS_ACTIVE);
	return rc;
}

int tpm_tis_transport(void *ctx, const u8 *cmd, size_t cmd_len, u8 *rsp,
		      size_t cap, size_t *rsp_len)
{
	return tpm_tis_transmit(ctx, cmd, cmd_len, rsp, cap, rsp_len);
}

void tpm_tis_delay(void *ctx, u32 us)
{
	const struct tpm_tis *tis = ctx;

	tis->ops->delay_us(tis->ctx, us);
}

int tpm_tis_init(struct tpm_tis *tis, const struct tpm_tis_ops *ops, void *ctx)
{
	u32 did_vid, iface;

	tis->ops = ops;
	tis->ctx = ctx;
	did_vid = ops->read32(ctx, TIS_DID_VID);
	tis->did_vid = did_vid;
	if (did_vid == 0 || did_vid == 0xffffffff)
		return -RAMPART_ENOENT;
	if (!(ops->read8(ctx, TIS_ACCESS) & ACCESS_VALID))
		return -RAMPART_ENOENT;
	iface = ops->read32(ctx, TIS_INTERFACE_ID) & IFTYPE_MASK;
	if (iface != IFTYPE_FIFO && iface != IFTYPE_TIS13)
		return -RAMPART_ENOENT;
	return 0;
}
