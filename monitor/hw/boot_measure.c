// SPDX-License-Identifier: BSD-2-Clause
/*
 * What the monitor measures and when. Every address comes from the
 * firmware or the device tree it built, so each region is checked to lie
 * in DRAM, outside the monitor, before a byte of it is read.
 */
#include "boot_measure.h"
#include "console.h"
#include "csr.h"
#include "fdt_payload.h"
#include "platform.h"
#include "../core/errno.h"
#include "../core/vcpu.h"
#include "../../measure/evidence.h"
#include <libfdt.h>
#include <string.h>

#define IMAGE_TRAILER_SIZE 16
#define PAYLOAD_HEAD_SIZE 64

struct boot_measurements boot_measurements;
extern const u8 __monitor_identity_end[];

static bool in_payload_memory(u64 base, u64 size)
{
	u64 lo = MONITOR_BASE + MONITOR_SIZE;
	u64 hi = platform.dram_base + platform.dram_size;

	return base >= lo && base < hi && size <= hi - base;
}

static void record(struct measured *m, u32 type, u64 base, u64 size,
		   const void *bytes, const char *name)
{
	static const char hex[] = "0123456789abcdef";
	char text[2 * MEASURE_DIGEST_SIZE + 1];
	unsigned int i;
	u64 insns = csr_read(CSR_MINSTRET);

	m->present = true;
	m->base = base;
	m->size = size;
	measure_region(type, base, size, bytes, m->digest);
	insns = csr_read(CSR_MINSTRET) - insns; /* cost, for make bench */
	for (i = 0; i < MEASURE_DIGEST_SIZE; i++) {
		text[2 * i] = hex[m->digest[i] >> 4];
		text[2 * i + 1] = hex[m->digest[i] & 15];
	}
	text[2 * MEASURE_DIGEST_SIZE] = '\0';
	console_log("measured %s 0x%lx+0x%lx sha256=%s insns=%lu", name, base,
		    size, text, insns);
}

const struct measured *boot_measure_region(u32 type)
{
	static const struct measured none;
	struct boot_measurements *b = &boot_measurements;

	switch (type) {
	case MEASURE_MONITOR: return &b->monitor;
	case MEASURE_FIRMWARE: return &b->firmware;
	case MEASURE_POLICY: return &b->policy;
	case MEASURE_KERNEL: return &b->kernel;
	case MEASURE_INITRD: return &b->initrd;
	case MEASURE_CMDLINE: return &b->cmdline;
	case MEASURE_DTB: return &b->dtb;
	case MEASURE_ENTRY: return &b->entry;
	default: return &none;
	}
}

int boot_measure_start(const char *policy_name, const char *policy_config)
{
	/* the policy text: name, one space, configuration (docs/evidence.md) */
	char text[EVIDENCE_POLICY_NAME_MAX + 1 + EVIDENCE_POLICY_CONFIG_MAX + 1];
	size_t n = strlen(policy_name), c = strlen(policy_config);
	const u8 *trailer = (const u8 *)(MONITOR_BASE + MONITOR_SIZE -
					 IMAGE_TRAILER_SIZE);
	u64 fw_size = 0;
	int i;

	if (memcmp(trailer, "RPIMAGE1", 8) != 0)
		return -RAMPART_EINVAL;
	for (i = 7; i >= 0; i--)
		fw_size = (fw_size << 8) | trailer[8 + i];
	if (!fw_size || fw_size > PAYLOAD_BASE - FIRMWARE_BASE)
		return -RAMPART_EINVAL;
	record(&boot_measurements.monitor, MEASURE_MONITOR, MONITOR_BASE,
	       (u64)__monitor_identity_end - MONITOR_BASE,
	       (const void *)MONITOR_BASE, "monitor");
	record(&boot_measurements.firmware, MEASURE_FIRMWARE, FIRMWARE_BASE,
	       fw_size, (const void *)FIRMWARE_BASE, "firmware");
	if (n > EVIDENCE_POLICY_NAME_MAX || c > EVIDENCE_POLICY_CONFIG_MAX)
		return -RAMPART_EINVAL;
	memcpy(text, policy_name, n + 1);
	if (c) {
		text[n] = ' ';
		memcpy(text + n + 1, policy_config, c + 1);
		n += 1 + c;
	}
	record(&boot_measurements.policy, MEASURE_POLICY, 0, n, text,
	       "policy");
	return 0;
}

static int measure_kernel(u64 entry, u64 payload_size, const char **why)
{
	u64 size;

	if (!in_payload_memory(entry, PAYLOAD_HEAD_SIZE)) {
		*why = "payload entry outside payload memory";
		return -RAMPART_EFAULT;
	}
	/* payload_size (the launcher's file size) matters only for raw
	 * binaries; an Image's header gives its size (measure.h). */
	if (measure_payload_size((const u8 *)entry,
				 payload_size ? payload_size : ~0ULL, &size)) {
		*why = "payload Image header is truncated or inconsistent";
		return -RAMPART_EINVAL;
	}
	if (size == ~0ULL) {
		*why = "raw payload of unknown size (no payload_size option)";
		return -RAMPART_EINVAL;
	}
	if (!in_payload_memory(entry, size)) {
		*why = "payload image larger than memory";
		return -RAMPART_EFAULT;
	}
	record(&boot_measurements.kernel, MEASURE_KERNEL, entry, size,
	       (const void *)entry, "kernel");
	return 0;
}

static u64 prop_u64(const void *fdt, int node, const char *name, bool *ok)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	*ok = p && (len == 4 || len == 8);
	if (!*ok)
		return 0;
	if (len == 4)
		return fdt32_to_cpu(p[0]);
	return ((u64)fdt32_to_cpu(p[0]) << 32) | fdt32_to_cpu(p[1]);
}

/* /chosen: linux,initrd-start/-end (optional) and bootargs (optional) */
static int measure_chosen(const void *fdt, const char **why)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	bool ok_start, ok_end;
	u64 start, end;
	const char *args;

	if (chosen < 0)
		return 0;
	start = prop_u64(fdt, chosen, "linux,initrd-start", &ok_start);
	end = prop_u64(fdt, chosen, "linux,initrd-end", &ok_end);
	if (ok_start || ok_end) {
		if (!ok_start || !ok_end || end <= start ||
		    !in_payload_memory(start, end - start)) {
			*why = "device tree names an invalid initrd";
			return -RAMPART_EINVAL;
		}
		/* base 0: the reference must not depend on where it lands */
		record(&boot_measurements.initrd, MEASURE_INITRD, 0,
		       end - start, (const void *)start, "initrd");
	}
	args = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (args && len > 0 && strnlen(args, (size_t)len) < (size_t)len)
		record(&boot_measurements.cmdline, MEASURE_CMDLINE, 0,
		       strlen(args), args, "cmdline");
	else if (args) {
		*why = "device tree bootargs not NUL-terminated";
		return -RAMPART_EINVAL;
	}
	return 0;
}

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

/*
 * Rampart's region (event log, evidence) sits just below the tree; it must
 * not overlap the kernel, the tree or the initrd the tree names.
 */
static int place_region(const void *fdt, u64 fdt_addr, u64 *base,
			const char **why)
{
	const struct measured *k = &boot_measurements.kernel;
	int chosen = fdt_path_offset(fdt, "/chosen");
	bool ok_s = false, ok_e = false;
	u64 start = 0, end = 0;

	*base = (fdt_addr & ~0xfffULL) - 0x1000 - RAMPART_REGION_SIZE;
	if (chosen >= 0) {
		start = prop_u64(fdt, chosen, "linux,initrd-start", &ok_s);
		end = prop_u64(fdt, chosen, "linux,initrd-end", &ok_e);
	}
	if (fdt_addr < 0x2000 + RAMPART_REGION_SIZE ||
	    !in_payload_memory(*base, RAMPART_REGION_SIZE) ||
	    overlaps(*base, RAMPART_REGION_SIZE, k->base, k->size) ||
	    (ok_s && ok_e && end > start &&
	     overlaps(*base, RAMPART_REGION_SIZE, start, end - start))) {
		*why = "no room for the event log below the device tree";
		return -RAMPART_ENOSPC;
	}
	return 0;
}

/* The tree may grow in place up to the next thing above it. */
static u64 growth_limit(const void *fdt, u64 fdt_addr)
{
	u64 limit = platform.dram_base + platform.dram_size;
	int chosen = fdt_path_offset(fdt, "/chosen");
	bool ok;
	u64 start = chosen < 0 ? 0 :
		prop_u64(fdt, chosen, "linux,initrd-start", &ok);

	if (chosen >= 0 && ok && start > fdt_addr && start < limit)
		limit = start;
	return limit;
}

static int measure_dtb(u64 fdt_addr, const char **why)
{
	void *fdt = (void *)fdt_addr;
	u64 size, base, tpm_base;
	int rc;

	if (!in_payload_memory(fdt_addr, 64) || fdt_check_header(fdt) ||
	    !in_payload_memory(fdt_addr, fdt_totalsize(fdt))) {
		*why = "malformed device tree handed to the payload";
		return -RAMPART_EINVAL;
	}
	if (place_region(fdt, fdt_addr, &base, why))
		return -RAMPART_ENOSPC;
	rc = fdt_payload_prepare(fdt, growth_limit(fdt, fdt_addr), base,
				 &tpm_base);
	if (rc) {
		*why = rc == -RAMPART_EFAULT ?
			       "the device tree's TPM is not on the platform bus" :
			       "cannot add the event log to the device tree";
		return rc;
	}
	memset((void *)base, 0, RAMPART_REGION_SIZE);
	boot_measurements.region_base = base;
	boot_measurements.tpm_base = tpm_base;
	if (measure_chosen(fdt, why))
		return -RAMPART_EINVAL;
	size = fdt_totalsize(fdt);
	record(&boot_measurements.dtb, MEASURE_DTB, fdt_addr, size, fdt,
	       "dtb");
	return 0;
}

int boot_measure_payload(const struct vcpu *v, u64 payload_size,
			 const char **why)
{
	u64 entry_state[2] = { v->pc, vcpu_reg(v, REG_A1) };
	u8 le[16];
	int rc, i;

	rc = measure_kernel(v->pc, payload_size, why);
	if (!rc)
		rc = measure_dtb(vcpu_reg(v, REG_A1), why);
	if (rc)
		return rc;
	boot_measurements.entry_pc = entry_state[0];
	boot_measurements.entry_a1 = entry_state[1];
	for (i = 0; i < 16; i++)
		le[i] = (u8)(entry_state[i / 8] >> (8 * (i % 8)));
	record(&boot_measurements.entry, MEASURE_ENTRY, 0, sizeof(le), le,
	       "entry");
	return 0;
}
