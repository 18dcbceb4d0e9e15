// SPDX-License-Identifier: BSD-2-Clause
/*
 * The TPM at boot. PCRs are extended by walking the finished event log, so
 * the TPM and the log cannot disagree. The firmware never reaches the TPM
 * (the platform bus is outside its PMP allow list, policy/allow.h), so it
 * cannot pre-extend; a TPM already started is accepted all the same (its
 * PCRs then do not replay, and the verifier says so).
 */
#include "tpm_hw.h"
#include "console.h"
#include "hw.h"
#include "platform.h"
#include "../core/platform.h"
#include "../../include/rampart/errno.h"
#include "../../include/rampart/evlog.h"
#include "../../measure/tpm2_cmd.h"
#include "../../measure/tpm_tis.h"


static u8 read8(void *ctx, u32 off)
{
	return *(volatile u8 *)((uintptr_t)ctx + off);
}

static u32 read32(void *ctx, u32 off)
{
	return *(volatile u32 *)((uintptr_t)ctx + off);
}

static void write8(void *ctx, u32 off, u8 val)
{
	*(volatile u8 *)((uintptr_t)ctx + off) = val;
}

/*
 * A real wait: the TPM (swtpm behind QEMU) answers asynchronously. mtime
 * is no trusted clock here: the firmware can write it (the CLINT emulation
 * passes it through), from another hart while this one measures. Wound
 * back, it reads as long past (unsigned difference); held still, the wait
 * ends after DELAY_POLLS_PER_TICK polls per tick asked, at least as long
 * as asked on any hart where an mtime load takes 1 ns or more.
 */
#define DELAY_POLLS_PER_TICK 100

static void delay_us(void *ctx, u32 us)
{
	u64 ticks = (u64)us * platform()->mtime_per_us, start = hw_clint_mtime();
	u64 polls = ticks * DELAY_POLLS_PER_TICK;

	(void)ctx;
	while (hw_clint_mtime() - start < ticks && polls--)
		;
}

static const struct tpm_tis_ops tis_ops = { read8, read32, write8, delay_us };

struct extend_walk {
	const struct tpm2_dev *dev;
	u32 pcrs;	/* bitmap of PCRs extended */
	int rc;
};

static int extend_one(const struct evlog_event *ev, void *arg)
{
	struct extend_walk *w = arg;

	if (ev->type == EV_NO_ACTION || w->rc)
		return 0; /* the Spec ID event is not extended (TCG PFP 10.4) */
	w->rc = tpm2_cmd_pcr_extend(w->dev, ev->pcr, ev->digest);
	w->pcrs |= 1u << ev->pcr;
	return 0;
}

static u8 buf[TPM2_BUF_SIZE];
static struct tpm_tis tis;
static u32 boot_pcrs;	/* the PCRs the boot's log extended */

/* @dev on the TPM at @base, through @locality's registers (PTP: 4 KiB
 * each, locality 0 at the base). */
static int open_dev(u64 base, unsigned int locality, struct tpm2_dev *dev)
{
	*dev = (struct tpm2_dev){ tpm_tis_transport, tpm_tis_delay, &tis, buf,
				  sizeof(buf) };
	return tpm_tis_init(&tis, &tis_ops,
			    (void *)(uintptr_t)(base + 0x1000ULL * locality)) ?
		       -RAMPART_ENOENT : 0;
}

int tpm_hw_extend_and_quote(u64 base, const u8 *log, u64 len,
			    const u8 *nonce, u32 nonce_len,
			    struct tpm2_quote *quote)
{
	struct tpm2_dev dev;
	struct extend_walk walk = { &dev, 0, 0 };
	int rc;

	if (open_dev(base, 0, &dev))
		return -RAMPART_ENOENT;
	rc = tpm2_cmd_startup(&dev);
	if (rc == TPM2_RC_INITIALIZE)
		console_log("tpm: already started before the monitor");
	else if (rc)
		return -RAMPART_EINVAL;
	if (evlog_parse(log, len, extend_one, &walk) < 0 || walk.rc)
		return -RAMPART_EINVAL;
	console_log("tpm: extended PCR mask 0x%x", walk.pcrs);
	boot_pcrs = walk.pcrs;
	if (!nonce_len)
		return 0;
	rc = tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, nonce, nonce_len, walk.pcrs,
			    quote);
	if (rc) {
		console_log("tpm: no quote (0x%x): is the attestation key provisioned?",
			    (u32)rc);
		return 1;
	}
	return 0;
}

/*
 * Once the kernel runs it drives the TPM too (Linux: locality 0, requested
 * and relinquished around each command). The monitor asks for its own
 * locality: the TPM grants one locality at a time, so the two never
 * interleave a command; the wait for the kernel's to end is bounded
 * (PTP timeout A), and a TPM kept busy fails the call, never hangs it.
 */
#define RUNTIME_LOCALITY 2

int tpm_hw_extend(u64 base, u32 pcr, const u8 digest[32])
{
	struct tpm2_dev dev;

	if (open_dev(base, RUNTIME_LOCALITY, &dev))
		return -RAMPART_ENOENT;
	return tpm2_cmd_pcr_extend(&dev, pcr, digest) ? -RAMPART_EINVAL : 0;
}

int tpm_hw_quote(u64 base, const u8 *nonce, u32 nonce_len, u32 extra_pcrs,
		 struct tpm2_quote *quote)
{
	struct tpm2_dev dev;

	if (open_dev(base, RUNTIME_LOCALITY, &dev))
		return -RAMPART_ENOENT;
	return tpm2_cmd_quote(&dev, TPM2_AK_HANDLE, nonce, nonce_len,
			      boot_pcrs | extra_pcrs, quote) ?
		       -RAMPART_EINVAL : 0;
}
