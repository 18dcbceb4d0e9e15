// SPDX-License-Identifier: GPL-2.0
/*
 * sbibench: what an SBI call costs the kernel, in retired instructions.
 * Independent of Rampart: it works under any SBI implementation, so the
 * same kernel measures native OpenSBI and OpenSBI under the monitor.
 *
 *   /sys/kernel/sbibench/instret   the instret CSR now
 *   /sys/kernel/sbibench/time      the time CSR now, read in S-mode (user
 *                                  space compares its own, trapped, reads)
 *   /sys/kernel/sbibench/scounteren  this hart's scounteren (hex); writing
 *                                  sets it, so user space can make its own
 *                                  counter reads trap (one hart: no other
 *                                  hart's copy changes)
 *   /sys/kernel/sbibench/BENCH     reading runs the benchmark and gives
 *                                  "<per call> <instructions> <calls>",
 *                                  per call with two decimals
 *
 *   null                    BASE get_spec_version (sbi_ecall)
 *   pmu_num_counters        PMU num_counters: a call only the firmware can
 *                           answer (its counters), so under Rampart it always
 *                           takes the world switch
 *   set_timer               sbi_set_timer() to an hour from now
 *   send_ipi                sbi_send_ipi() to one other online hart
 *   send_ipi_self           the same to the calling hart (interrupts being
 *                           off, the kernel takes the IPI after the loop)
 *   remote_sfence_vma       sbi_remote_sfence_vma() of one page, one other hart
 *   remote_sfence_vma_self  the same with the calling hart as the target
 *   putchar                 legacy console putchar (EID 0x01) of '\r'
 *
 * Each benchmark makes sbibench.iterations calls (kernel parameter, default
 * 10000, also /sys/module/sbibench/parameters/iterations) with interrupts
 * off, and reads instret just before and just after the loop. instret is
 * readable from S-mode when the firmware sets mcounteren.IR (OpenSBI does).
 * Under QEMU -icount it is the machine's virtual clock, one tick per
 * instruction retired by any hart (docs/bench.md in the Rampart repository).
 *
 * sbibench.boot=LIST runs the listed benchmarks (and prints instret first)
 * at the end of the kernel's initcalls, before /init, on the console:
 *   sbibench: boot-instret N
 *   sbibench: bench NAME PER_CALL INSTRUCTIONS CALLS
 *   sbibench: boot done
 * and sbibench.poweroff=1 then powers the machine off. Under QEMU -icount
 * with more than one hart, Linux user space hardly progresses (docs/bench.md),
 * so that is how the multi-hart figures are taken.
 */

#define pr_fmt(fmt) "sbibench: " fmt

#include <linux/cpumask.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <asm/csr.h>
#include <asm/delay.h>
#include <asm/hwcap.h>
#include <asm/sbi.h>
#include <asm/timex.h>

/* SBI v0.1 console putchar; the kernel's wrapper needs RISCV_SBI_V01. */
#define SBIBENCH_EXT_PUTCHAR	0x01
#define SBIBENCH_MAX_ITER	1000000UL

static unsigned long iterations = 10000;
module_param(iterations, ulong, 0644);
MODULE_PARM_DESC(iterations, "calls per benchmark (1 to 1000000)");
static char *sbibench_boot;
module_param_named(boot, sbibench_boot, charp, 0444);
MODULE_PARM_DESC(boot, "benchmarks to run before /init, comma separated");
static bool sbibench_poweroff;
module_param_named(poweroff, sbibench_poweroff, bool, 0444);
MODULE_PARM_DESC(poweroff, "power off after the sbibench.boot benchmarks");

static DEFINE_MUTEX(sbibench_lock);
static struct kobject *sbibench_kobj;

/* What one benchmark needs besides the call: its target, the saved timer. */
struct sbibench_ctx {
	const struct cpumask *target;	/* the hart to signal or fence */
	u64 far;			/* set_timer: an hour from now */
	u64 stimecmp;			/* set_timer: the kernel's, with Sstc */
	bool sstc;
};

struct sbibench {
	struct kobj_attribute attr;
	int (*prepare)(struct sbibench_ctx *c);	/* optional */
	int (*call)(const struct sbibench_ctx *c);
	void (*finish)(const struct sbibench_ctx *c);	/* optional */
};

static inline u64 sbibench_instret(void)
{
	return csr_read(CSR_INSTRET);
}

static int sbibench_call_null(const struct sbibench_ctx *c)
{
	struct sbiret ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_SPEC_VERSION,
				      0, 0, 0, 0, 0, 0);

	return ret.error ? sbi_err_map_linux_errno(ret.error) : 0;
}

static int sbibench_call_pmu(const struct sbibench_ctx *c)
{
	struct sbiret ret = sbi_ecall(SBI_EXT_PMU, SBI_EXT_PMU_NUM_COUNTERS,
				      0, 0, 0, 0, 0, 0);

	return ret.error ? sbi_err_map_linux_errno(ret.error) : 0;
}

static int sbibench_call_putchar(const struct sbibench_ctx *c)
{
	/* '\r': invisible on a terminal and dropped by the test runner. */
	sbi_ecall(SBIBENCH_EXT_PUTCHAR, 0, '\r', 0, 0, 0, 0, 0);
	return 0;
}

/* Called with interrupts off, so the hart we run on cannot change. */
static int sbibench_pick_self(struct sbibench_ctx *c)
{
	c->target = cpumask_of(smp_processor_id());
	return 0;
}

static int sbibench_pick_target(struct sbibench_ctx *c)
{
	unsigned int cpu = cpumask_any_but(cpu_online_mask, smp_processor_id());

	if (cpu >= nr_cpu_ids)
		return -ENODEV;	/* one hart online: nothing to signal */
	c->target = cpumask_of(cpu);
	return 0;
}

static int sbibench_call_ipi(const struct sbibench_ctx *c)
{
	return sbi_send_ipi(c->target);
}

static int sbibench_call_sfence(const struct sbibench_ctx *c)
{
	return sbi_remote_sfence_vma(c->target, PAGE_OFFSET, PAGE_SIZE);
}

/*
 * The loop moves the timer an hour ahead; finish gives the kernel its own
 * deadline back. With Sstc the kernel programs stimecmp itself, so the
 * value read here is exactly its next tick. Without Sstc that deadline
 * lives in the firmware, out of reach: the timer is set to fire at once,
 * and the tick handler re-arms it (one tick comes early).
 */
static int sbibench_timer_prepare(struct sbibench_ctx *c)
{
	c->sstc = riscv_isa_extension_available(NULL, SSTC);
	if (c->sstc)
		c->stimecmp = csr_read(CSR_STIMECMP);
	c->far = get_cycles64() + 3600ULL * riscv_timebase;
	return 0;
}

static int sbibench_call_timer(const struct sbibench_ctx *c)
{
	sbi_set_timer(c->far);
	return 0;
}

static void sbibench_timer_finish(const struct sbibench_ctx *c)
{
	if (c->sstc)
		csr_write(CSR_STIMECMP, c->stimecmp);
	else
		sbi_set_timer(get_cycles64());
}

/* Run @b @n times with interrupts off; *@insns = instret delta. */
static int sbibench_run(const struct sbibench *b, unsigned long n, u64 *insns)
{
	struct sbibench_ctx c = {};
	unsigned long flags, i;
	u64 start;
	int err;

	local_irq_save(flags);
	err = b->prepare ? b->prepare(&c) : 0;
	if (!err) {
		start = sbibench_instret();
		for (i = 0; i < n && !err; i++)
			err = b->call(&c);
		*insns = sbibench_instret() - start;
		if (b->finish)
			b->finish(&c);
	}
	local_irq_restore(flags);
	return err;
}

static ssize_t bench_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	const struct sbibench *b = container_of(attr, struct sbibench, attr);
	unsigned long n = READ_ONCE(iterations);
	u64 insns = 0;
	int err;

	if (!n || n > SBIBENCH_MAX_ITER)
		return -EINVAL;
	mutex_lock(&sbibench_lock);
	err = sbibench_run(b, n, &insns);
	mutex_unlock(&sbibench_lock);
	if (err)
		return err;
	return sysfs_emit(buf, "%llu.%02llu %llu %lu\n", insns / n,
			  (insns % n) * 100 / n, insns, n);
}

#define SBIBENCH(_name, _prepare, _call, _finish)			\
	static struct sbibench sbibench_##_name = {			\
		.attr = __ATTR(_name, 0444, bench_show, NULL),		\
		.prepare = _prepare,					\
		.call = _call,						\
		.finish = _finish,					\
	}

SBIBENCH(null, NULL, sbibench_call_null, NULL);
SBIBENCH(pmu_num_counters, NULL, sbibench_call_pmu, NULL);
SBIBENCH(set_timer, sbibench_timer_prepare, sbibench_call_timer,
	 sbibench_timer_finish);
SBIBENCH(send_ipi, sbibench_pick_target, sbibench_call_ipi, NULL);
SBIBENCH(send_ipi_self, sbibench_pick_self, sbibench_call_ipi, NULL);
SBIBENCH(remote_sfence_vma, sbibench_pick_target, sbibench_call_sfence, NULL);
SBIBENCH(remote_sfence_vma_self, sbibench_pick_self, sbibench_call_sfence,
	 NULL);
SBIBENCH(putchar, NULL, sbibench_call_putchar, NULL);

static ssize_t instret_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%llu\n", sbibench_instret());
}

static struct kobj_attribute sbibench_instret_attr = __ATTR_RO(instret);

static ssize_t time_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%llu\n", (u64)csr_read(CSR_TIME));
}

static struct kobj_attribute sbibench_time_attr = __ATTR_RO(time);

static ssize_t scounteren_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%lx\n", csr_read(CSR_SCOUNTEREN));
}

static ssize_t scounteren_store(struct kobject *kobj,
				struct kobj_attribute *attr, const char *buf,
				size_t count)
{
	unsigned long val;
	int err = kstrtoul(buf, 0, &val);

	if (err)
		return err;
	csr_write(CSR_SCOUNTEREN, val);
	return count;
}

static struct kobj_attribute sbibench_scounteren_attr =
	__ATTR_RW_MODE(scounteren, 0600);

static struct attribute *sbibench_attrs[] = {
	&sbibench_instret_attr.attr,
	&sbibench_time_attr.attr,
	&sbibench_scounteren_attr.attr,
	&sbibench_null.attr.attr,
	&sbibench_pmu_num_counters.attr.attr,
	&sbibench_set_timer.attr.attr,
	&sbibench_send_ipi.attr.attr,
	&sbibench_send_ipi_self.attr.attr,
	&sbibench_remote_sfence_vma.attr.attr,
	&sbibench_remote_sfence_vma_self.attr.attr,
	&sbibench_putchar.attr.attr,
	NULL,
};

static const struct sbibench *const sbibench_all[] = {
	&sbibench_null, &sbibench_pmu_num_counters, &sbibench_set_timer,
	&sbibench_send_ipi, &sbibench_send_ipi_self,
	&sbibench_remote_sfence_vma, &sbibench_remote_sfence_vma_self,
	&sbibench_putchar, NULL,
};

static const struct attribute_group sbibench_group = {
	.attrs = sbibench_attrs,
};

static const struct sbibench *sbibench_find(const char *name)
{
	unsigned int i;

	for (i = 0; sbibench_all[i]; i++)
		if (!strcmp(sbibench_all[i]->attr.attr.name, name))
			return sbibench_all[i];
	return NULL;
}

/* Run the benchmarks named in sbibench.boot=, before user space starts. */
static void __init sbibench_run_boot(void)
{
	const unsigned long n = iterations;
	const struct sbibench *b;
	char *list = sbibench_boot, *name;
	u64 insns;
	int err;

	pr_info("boot-instret %llu\n", sbibench_instret());
	while ((name = strsep(&list, ",")) != NULL) {
		if (!*name)
			continue;
		b = sbibench_find(name);
		if (!b) {
			pr_info("bench %s unknown\n", name);
			continue;
		}
		err = n && n <= SBIBENCH_MAX_ITER ? sbibench_run(b, n, &insns) :
						    -EINVAL;
		if (err)
			pr_info("bench %s unavailable (%d)\n", name, err);
		else
			pr_info("bench %s %llu.%02llu %llu %lu\n", name,
				insns / n, (insns % n) * 100 / n, insns, n);
	}
	pr_info("boot done\n");
	if (sbibench_poweroff)
		kernel_power_off();
}

static int __init sbibench_init(void)
{
	int err;

	sbibench_kobj = kobject_create_and_add("sbibench", kernel_kobj);
	if (!sbibench_kobj)
		return -ENOMEM;
	err = sysfs_create_group(sbibench_kobj, &sbibench_group);
	if (err) {
		kobject_put(sbibench_kobj);
		return err;
	}
	if (sbibench_boot)
		sbibench_run_boot();
	return 0;
}
/* Last initcall level: the boot figure is taken as late as possible. */
late_initcall_sync(sbibench_init);
