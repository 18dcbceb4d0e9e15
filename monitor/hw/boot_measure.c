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
#include "fdt_platform.h"
#include "reset.h"
#include "platform.h"
#include "../core/platform.h"
#include "../../include/rampart/limits.h"
#include "../../include/rampart/errno.h"
#include "../core/placement.h"
#include "../core/vcpu.h"
#include "../../lib/hex.h"
#include "../../include/rampart/evidence.h"
#include <libfdt.h>
#include <string.h>

#define IMAGE_TRAILER_SIZE 16
#define PAYLOAD_HEAD_SIZE 64
#define FDT_HEADER_READ 64 /* what fdt_check_header reads, at most */

struct boot_measurements boot_measurements;
extern const u8 __monitor_identity_end[];

/* Measure region @type: @size bytes at @bytes, hashed with @base. */
static void record(u32 type, u64 base, u64 size, const void *bytes)
{
	static const char *const names[EVIDENCE_REGIONS] = {
		"?", "monitor", "firmware", "policy", "kernel",
		"initrd", "cmdline", "dtb", "entry",
	};
	struct measured *m = &boot_measurements.region[type];
	char text[2 * MEASURE_DIGEST_SIZE + 1];
	u64 insns = csr_read(CSR_MINSTRET);

	m->present = true;
	m->base = base;
	m->size = size;
	m->at = (u64)(uintptr_t)bytes;
	measure_region(type, base, size, bytes, m->digest);
	insns = csr_read(CSR_MINSTRET) - insns; /* cost, for make bench */
	hex_encode(m->digest, MEASURE_DIGEST_SIZE, text);
	console_log("measured %s 0x%lx+0x%lx sha256=%s insns=%lu", names[type],
		    base, size, text, insns);
}

const struct measured *boot_measure_region(u32 type)
{
	static const struct measured none;

	return type && type < EVIDENCE_REGIONS ?
		       &boot_measurements.region[type] : &none;
}

int boot_measure_start(const char *policy_name, const char *policy_config)
{
	/* the policy text: name, one space, configuration (docs/evidence.md) */
	char text[EVIDENCE_POLICY_NAME_MAX + 1 + EVIDENCE_POLICY_CONFIG_MAX + 1];
	size_t n = strlen(policy_name), c = strlen(policy_config);
	const u8 *trailer = (const u8 *)(MONITOR_BASE + MONITOR_SIZE -
					 IMAGE_TRAILER_SIZE);
	u64 fw_size = measure_get_le(trailer + 8, 8);

	if (memcmp(trailer, "RPIMAGE1", 8) != 0)
		return -RAMPART_EINVAL;
	if (!fw_size || fw_size > PAYLOAD_BASE - FIRMWARE_BASE)
		return -RAMPART_EINVAL;
	record(MEASURE_MONITOR, MONITOR_BASE,
	       (u64)__monitor_identity_end - MONITOR_BASE,
	       (const void *)MONITOR_BASE);
	record(MEASURE_FIRMWARE, FIRMWARE_BASE, fw_size,
	       (const void *)FIRMWARE_BASE);
	if (n > EVIDENCE_POLICY_NAME_MAX || c > EVIDENCE_POLICY_CONFIG_MAX)
		return -RAMPART_EINVAL;
	memcpy(text, policy_name, n + 1);
	if (c) {
		text[n] = ' ';
		memcpy(text + n + 1, policy_config, c + 1);
		n += 1 + c;
	}
	record(MEASURE_POLICY, 0, n, text);
	return 0;
}

/*
 * The plan of what the firmware hands the payload (core/placement.h):
 * every range computed from the hand-off before a byte of it is written
 * or hashed. Payload memory is what the lock takes from the firmware:
 * from PAYLOAD_BASE (the firmware keeps its own region below it) to the
 * end of DRAM.
 */
struct handoff {
	struct placement plan;
	u64 file_size;	/* the kernel file's size if the launcher said */
	void *fdt;
};

static bool readable(const struct handoff *h, u64 base, u64 size)
{
	struct place_range r = { base, size };

	return placement_is_inside(&r, &h->plan.mem);
}

static int plan_kernel(struct handoff *h, u64 entry, const char **why)
{
	u64 size;

	if (!readable(h, entry, PAYLOAD_HEAD_SIZE))
		return rampart_fail(why, -RAMPART_EFAULT,
				    "payload entry outside payload memory");
	/* file_size matters to raw binaries; an Image's header gives its
	 * full in-memory size, bss included (measure.h) */
	if (measure_payload_size((const u8 *)entry,
				 h->file_size ? h->file_size : ~0ULL, &size))
		return rampart_fail(why, -RAMPART_EINVAL,
				    "payload Image header is truncated or inconsistent");
	if (size == ~0ULL)
		return rampart_fail(why, -RAMPART_EINVAL,
				    "raw payload of unknown size (no payload_size option)");
	if (!readable(h, entry, size))
		return rampart_fail(why, -RAMPART_EFAULT,
				    "payload image larger than memory");
	h->plan.obj[PLACE_KERNEL] = (struct place_range){ entry, size };
	return 0;
}

/* The tree with the room fdt_payload_prepare may grow it into, and the
 * initrd its /chosen names (linux,initrd-start/-end, optional). */
static int plan_dtb(struct handoff *h, u64 fdt_addr, const char **why)
{
	u64 start, end;
	int rc;

	h->fdt = (void *)fdt_addr;
	if (fdt_check_header(h->fdt) ||
	    !readable(h, fdt_addr, fdt_totalsize(h->fdt)))
		return rampart_fail(why, -RAMPART_EINVAL,
				    "malformed device tree handed to the payload");
	h->plan.obj[PLACE_DTB] = (struct place_range){
		fdt_addr, fdt_totalsize(h->fdt) + FDT_PAYLOAD_ROOM };
	rc = fdt_platform_initrd(h->fdt, &start, &end);
	if (rc < 0)
		return rampart_fail(why, -RAMPART_EINVAL,
				    "device tree names an invalid initrd");
	if (rc)
		h->plan.obj[PLACE_INITRD] = (struct place_range){ start,
								  end - start };
	return 0;
}

/* One line naming the object and the ranges, then fail closed. */
static int refuse(const struct placement *p, const struct place_fault *f,
		  const char **why)
{
	const struct place_range *o = &p->obj[f->obj];

	if (f->other == PLACE_COUNT)
		console_log("refuse: %s 0x%lx+0x%lx lies outside payload memory "
			    "0x%lx+0x%lx (the lock leaves the firmware "
			    "everything below 0x%x)", placement_name(f->obj),
			    o->base, o->size, p->mem.base, p->mem.size,
			    PAYLOAD_BASE);
	else
		console_log("refuse: %s 0x%lx+0x%lx overlaps %s 0x%lx+0x%lx",
			    placement_name(f->obj), o->base, o->size,
			    placement_name(f->other), p->obj[f->other].base,
			    p->obj[f->other].size);
	return rampart_fail(why, -RAMPART_EFAULT,
			    "the firmware's hand-off breaks the placement plan");
}

static int plan_handoff(struct handoff *h, const struct vcpu *v,
			const char **why)
{
	struct place_fault f;
	int rc;

	/* the last page of DRAM is the reset mark's (reset.h) */
	h->plan.mem = (struct place_range){
		PAYLOAD_BASE, platform_dram_end() -
				      RESET_MARK_SIZE - PAYLOAD_BASE };
	rc = plan_kernel(h, v->pc, why);
	if (rc)
		return rc;
	/* the tree's header first: not a byte is read outside the plan */
	h->plan.obj[PLACE_DTB] = (struct place_range){ vcpu_reg(v, REG_A1),
						       FDT_HEADER_READ };
	if (placement_check(&h->plan, &f))
		return refuse(&h->plan, &f, why);
	rc = plan_dtb(h, vcpu_reg(v, REG_A1), why);
	if (rc)
		return rc;
	if (placement_check(&h->plan, &f))
		return refuse(&h->plan, &f, why);
	if (placement_find_log(&h->plan, RAMPART_REGION_SIZE)) {
		console_log("refuse: no room for the event log in payload "
			    "memory next to the kernel, initrd and dtb");
		return rampart_fail(why, -RAMPART_ENOSPC,
				    "the firmware's hand-off breaks the placement plan");
	}
	return 0;
}

/*
 * Every write Rampart makes to what the payload receives, before any of it
 * is hashed: the tree's nodes, the kernel's bss zeroed (on a board RAM is
 * not zero at reset: so the kernel hashes as the verifier computes it,
 * the file zero-padded), the log region cleared.
 */
static int finish_handoff(struct handoff *h, const char **why)
{
	const struct place_range *k = &h->plan.obj[PLACE_KERNEL];
	const struct place_range *d = &h->plan.obj[PLACE_DTB];
	const struct place_range *log = &h->plan.obj[PLACE_LOG];
	u64 tpm_base;
	int rc;

	rc = fdt_payload_prepare(h->fdt, d->base + d->size, log->base,
				 &tpm_base);
	if (rc)
		return rampart_fail(why, rc, rc == -RAMPART_EFAULT ?
			"the device tree's TPM is not on the platform bus" :
			"cannot add the event log to the device tree");
	if (h->file_size && h->file_size < k->size)
		memset((void *)(k->base + h->file_size), 0,
		       k->size - h->file_size);
	memset((void *)log->base, 0, log->size);
	boot_measurements.region_base = log->base;
	boot_measurements.tpm_base = tpm_base;
	return 0;
}

/* Then hash, in the order of the event log; nothing of it changes after. */
static int measure_handoff(const struct handoff *h, const char **why)
{
	const struct place_range *k = &h->plan.obj[PLACE_KERNEL];
	const struct place_range *i = &h->plan.obj[PLACE_INITRD];
	int chosen = fdt_path_offset(h->fdt, "/chosen"), len = 0;
	const char *args = chosen < 0 ? NULL :
		fdt_getprop(h->fdt, chosen, "bootargs", &len);

	if (args && (len <= 0 || strnlen(args, (size_t)len) == (size_t)len))
		return rampart_fail(why, -RAMPART_EINVAL,
				    "device tree bootargs not NUL-terminated");
	/* the kernel keeps only this much: a longer one, measured whole,
	 * would not be what it runs with (include/rampart/limits.h) */
	if (args && strlen(args) > RAMPART_CMDLINE_MAX) {
		console_log("refuse: bootargs of %lu characters, the kernel keeps "
			    "%u", strlen(args), RAMPART_CMDLINE_MAX);
		return rampart_fail(why, -RAMPART_EINVAL,
				    "the command line is longer than the kernel keeps");
	}
	record(MEASURE_KERNEL, k->base, k->size, (const void *)k->base);
	/* base 0: the reference must not depend on where it lands */
	if (i->size)
		record(MEASURE_INITRD, 0, i->size, (const void *)i->base);
	if (args)
		record(MEASURE_CMDLINE, 0, strlen(args), args);
	record(MEASURE_DTB, (u64)h->fdt, fdt_totalsize(h->fdt), h->fdt);
	fdt_payload_facts(h->fdt, i->base, i->size,
			  &boot_measurements.dtb_facts);
	return 0;
}

int boot_measure_payload(const struct vcpu *v, u64 payload_size,
			 const char **why)
{
	struct handoff h = { .file_size = payload_size };
	u8 le[16];
	int rc;

	rc = plan_handoff(&h, v, why);
	if (!rc)
		rc = finish_handoff(&h, why);
	if (!rc)
		rc = measure_handoff(&h, why);
	if (rc)
		return rc;
	boot_measurements.entry_pc = v->pc;
	boot_measurements.entry_a1 = vcpu_reg(v, REG_A1);
	measure_put_le(le, v->pc, 8);
	measure_put_le(le + 8, vcpu_reg(v, REG_A1), 8);
	record(MEASURE_ENTRY, 0, sizeof(le), le);
	return 0;
}
