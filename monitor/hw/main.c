// SPDX-License-Identifier: BSD-2-Clause
/*
 * Boot: the first hart describes the platform (device tree, probing) and
 * reads the boot configuration (options, boot ROM), then every hart sets
 * up its virtual context and enters the firmware at its base in virtual
 * M-mode with QEMU's a0/a1/a2 (docs/architecture.md, "Boot").
 */
#include "hw.h"
#include "attest.h"
#include "boot_measure.h"
#include "console.h"
#include "csr.h"
#include "fdt_platform.h"
#include "platform.h"
#include "probe.h"
#include "reset.h"
#include "../core/clint.h"
#include "../core/config.h"
#include "../core/hart.h"
#include "../core/placement.h"
#include "../core/platform.h"
#include "../core/pmp.h"
#include "../core/policy.h"
#include "../core/services.h"
#include "../core/vcsr.h"
#include "../../include/rampart/errno.h"
#include <libfdt.h>
#include <string.h>

/* entry.S: the release of the other harts, and their stacks */
extern volatile u32 boot_released;
extern u32 hart_stack_count;
extern u64 hart_stacks;
/* link.ld: the monitor's memory its image leaves free */
extern u8 __monitor_free[], __monitor_free_end[];

/* Written on the boot hart before any other hart runs; const after. */
static struct boot_config config;
static u64 boot_hart;

/* QEMU's fw_dynamic_info (OpenSBI's fw_dynamic.h), in the boot ROM. */
#define FW_DYNAMIC_INFO_MAGIC 0x4942534fULL
#define BOOT_ROM_BASE 0x1000ULL
#define BOOT_ROM_END 0x10000ULL

/* The ROM cannot be written by the firmware, so its entry is trusted. */
static void read_payload_entry(u64 info, struct boot_config *cfg)
{
	const volatile u64 *d = (const volatile u64 *)info;

	cfg->payload_entry = PAYLOAD_BASE;
	if (info >= BOOT_ROM_BASE && info + 6 * 8 <= BOOT_ROM_END &&
	    !(info & 7) && d[0] == FW_DYNAMIC_INFO_MAGIC && d[2]) {
		cfg->payload_entry = d[2];
		cfg->payload_present = true;
	}
}

/*
 * Before the firmware runs: a reset the monitor did not mediate left the
 * payload's memory (reset.h). What the platform loaded again at reset
 * (QEMU's -kernel file, -initrd and tree) is kept: public, and needed.
 */
static void scrub_if_reset(void *fdt, const struct boot_config *cfg)
{
	struct place_range keep[3];
	unsigned int n = 0;
	u64 start, end;

	keep[n++] = (struct place_range){ (u64)fdt, fdt_totalsize(fdt) };
	if (cfg->payload_present && cfg->payload_size)
		keep[n++] = (struct place_range){ cfg->payload_entry,
						  cfg->payload_size };
	if (fdt_platform_initrd(fdt, &start, &end) > 0)
		keep[n++] = (struct place_range){ start, end - start };
	hw_reset_scrub_at_boot(keep, n);
}

/*
 * Exactly the harts the tree lists get their state and a stack, in the
 * monitor's free memory; entry.S hands the stacks out at the release.
 * The boot hart needs its own before it probes (probe.c).
 */
static void place_harts(unsigned int n, u64 boot_hartid)
{
	u64 free = (u64)__monitor_free, end = (u64)__monitor_free_end;
	u64 stacks = hart_area_init(free, end, n);

	if (!stacks)
		fatal("%u harts need 0x%lx bytes of monitor memory, 0x%lx "
		      "are free: not booting", n,
		      (u64)n * (HART_SIZE + HART_STACK_SIZE), end - free);
	if (!hart_get(boot_hartid))
		fatal("boot hart %lu is not in the device tree: not booting",
		      boot_hartid);
	hart_stacks = stacks;
	hart_stack_count = n;
}

/* The device tree and probing. The console and the reset device are
 * published first, even if the rest of the tree is unusable, so that the
 * refusal can be read (with no console found, it is silent). */
static void describe_platform(void *fdt, u64 boot_hartid)
{
	struct platform p = { 0 };
	int rc;

	rc = fdt_platform_read(fdt, &p);
	platform_set(&p);
	if (rc == -RAMPART_ENOSPC)
		fatal("the machine has more than %d harts, the most this "
		      "monitor supports: not booting", MAX_HARTS);
	if (rc)
		fatal("device tree at %p unusable (%d): not booting", fdt, rc);
	place_harts(p.nharts, boot_hartid);
	probe_hart(&p);
	probe_hart_facts(&hart_get(boot_hartid)->facts);
	if (p.pmp_count < PMP_COUNT || p.pmp_granule > PMP_GRANULE_MAX)
		fatal("the hart has %u PMP entries of 0x%lx bytes; the monitor "
		      "needs %u of at most 0x%x: not booting", p.pmp_count,
		      p.pmp_granule, PMP_COUNT, PMP_GRANULE_MAX);
	platform_set(&p);
	sha256_hw_init(&p);
}

static void read_config(void *fdt, u64 info, struct boot_config *cfg)
{
	char why[64];

	if (config_parse((const char *)OPTIONS_BASE, OPTIONS_SIZE, cfg, why,
			 sizeof(why)))
		fatal("%s", why);
	if (cfg->policy_default)
		console_log("no policy given: using %s", cfg->policy->name);
	read_payload_entry(info, cfg);
	scrub_if_reset(fdt, cfg);
}

static void log_facts(u64 hartid)
{
	const struct hart_facts *f = &hart_get(hartid)->facts;

	console_log("hart %lu: S-mode %s, fp %u bytes, hpm %u, sstc %s, "
		    "time %s", hartid, f->s_mode ? "yes" : "no", f->fp_bytes,
		    f->hpm_count, f->has_sstc ? "yes" : "no",
		    f->has_time ? "yes" : "no");
}

/*
 * A hart other than the boot hart, before it first runs the firmware:
 * what the machine-wide description says must hold on it too, and what
 * it has of its own is probed here, on it (core/hart.h: harts differ,
 * and which one boots is a race). Logged if it differs from the boot
 * hart's.
 */
static void probe_other_hart(struct hart *h, u64 hartid)
{
	probe_hart_alike(hartid);
	probe_hart_facts(&h->facts);
	if (memcmp(&h->facts, &hart_get(boot_hart)->facts,
		   sizeof(h->facts)) != 0)
		log_facts(hartid);
}

static void boot_platform(void *fdt, u64 info, u64 hartid)
{
	int rc;

	describe_platform(fdt, hartid);
	vcsr_init(platform()->priv_minor);
	console_log("Rampart monitor: firmware at 0x%x, monitor 0x%x+0x%x",
		    FIRMWARE_BASE, MONITOR_BASE, MONITOR_SIZE);
	rc = fdt_platform_reserve(fdt, platform_dram_end(), MONITOR_BASE,
				  MONITOR_SIZE);
	if (rc)
		fatal("cannot reserve the monitor in the device tree (%d)", rc);
	read_config(fdt, info, &config);
	if (attest_init()) {
		/* exit 3 like a failed measurement: nothing could be attested */
		console_log("fatal: no device identity from the launcher "
			    "(scripts/qemu.sh runs build/dice launch): not booting");
		hw_stop_machine(MEASURE_FAILED_EXIT);
	}
	if (boot_measure_start(config.policy->name,
			       config_policy_text(&config)))
		fatal("image trailer missing: build with scripts/mkimage.sh");
	console_log("platform: %u harts, DRAM 0x%lx+0x%lx, zbb=%s",
		    platform()->nharts, platform()->dram_base,
		    platform()->dram_size, platform()->has_zbb ? "yes" : "no");
	log_facts(hartid);
	console_log("policy: %s, payload entry 0x%lx, fast paths %s",
		    config.policy->name, config.payload_entry,
		    config.fastpath ? "on" : "off");
}

static void hart_init(struct hart *h, u64 hartid, u64 fdt, u64 info)
{
	struct vcpu *v = &h->v;
	struct pmp_layout l = { 0 };

	h->cfg = &config;
	v->stack_top = hart_stacks + (hartid + 1) * HART_STACK_SIZE;
	vcpu_reset(v, hartid, csr_read(CSR_MISA), &hw_vcpu_ops);
	v->priv_minor = (u8)platform()->priv_minor;
	v->csr.mvendorid = csr_read(CSR_MVENDORID);
	v->csr.marchid = csr_read(CSR_MARCHID);
	v->csr.mimpid = csr_read(CSR_MIMPID);
	v->x[10] = hartid;
	v->x[11] = fdt;
	v->x[12] = info;
	v->pc = FIRMWARE_BASE;
	/* QEMU resets mtimecmp to 0, a pending timer; start quiet instead */
	*(volatile u64 *)(uintptr_t)(platform()->clint_base + CLINT_MTIMECMP_OFF +
				     8 * hartid) = ~0ULL;
	csr_write(CSR_MIE, 0);
	if (hw_hart_has_s_mode()) { /* not every hart has (hw.h) */
		csr_write(CSR_MEDELEG, 0);
		csr_write(CSR_MIDELEG, 0);
		csr_write(CSR_SATP, 0);
	}
	hw_pmp_write(&l, l.cfg, true);
	world_apply_firmware_pmp(v);
}

void monitor_main(u64 hartid, u64 fdt, u64 info, u64 is_boot_hart);

void monitor_main(u64 hartid, u64 fdt, u64 info, u64 is_boot_hart)
{
	struct hart *h;

	if (is_boot_hart) {
		boot_hart = hartid;
		boot_platform((void *)fdt, info, hartid);
		__atomic_store_n(&boot_released, 1, __ATOMIC_RELEASE);
	}
	h = hart_get(hartid);
	if (!h)
		fatal("hart %lu is not in the device tree", hartid);
	if (!is_boot_hart)
		probe_other_hart(h, hartid);
	hart_init(h, hartid, fdt, info);
	/* this call's frame is abandoned: trap_exit never returns, and the
	 * next trap starts again at the top of this hart's stack */
	/* from here the hart counts as running firmware (lock.h) */
	firmware_resume_checks(&h->v);
	trap_prepare_return(&h->v);
	trap_exit(&h->v);
}
