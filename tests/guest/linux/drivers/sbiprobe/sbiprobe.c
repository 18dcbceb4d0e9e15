// SPDX-License-Identifier: GPL-2.0
/*
 * sbiprobe: the answers to a fixed list of SBI calls, each made twice (the
 * first may reach the firmware, the second may be served by a monitor's
 * cache), for tests that compare two machines line by line.
 */
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/sysfs.h>
#include <asm/csr.h>
#include <asm/sbi.h>

#define EXT_BASE 0x10
#define EXT_TIME 0x54494d45
#define EXT_IPI 0x735049
#define EXT_RFENCE 0x52464e43

static const unsigned long probe_eids[] = {
	0x10, 0x54494d45, 0x735049, 0x52464e43, 0x48534d, 0x53525354,
	0x504d55, 0x4442434e, 0x12345678,
};

static int put_call(char *buf, int n, const char *name, struct sbiret r)
{
	return n + sysfs_emit_at(buf, n, "%s err=%ld val=0x%lx\n", name,
				 r.error, r.value);
}

static int base_calls(char *buf, int n)
{
	static const char *const names[] = {
		"spec_version", "impl_id", "impl_version", NULL,
		"mvendorid", "marchid", "mimpid",
	};
	int fid, round;

	for (round = 0; round < 2; round++)
		for (fid = 0; fid < ARRAY_SIZE(names); fid++)
			if (names[fid])
				n = put_call(buf, n, names[fid],
					     sbi_ecall(EXT_BASE, fid, 0, 0, 0,
						       0, 0, 0));
	return n;
}

static int probe_calls(char *buf, int n)
{
	char name[32];
	int i, round;

	for (round = 0; round < 2; round++)
		for (i = 0; i < ARRAY_SIZE(probe_eids); i++) {
			snprintf(name, sizeof(name), "probe 0x%lx",
				 probe_eids[i]);
			n = put_call(buf, n, name,
				     sbi_ecall(EXT_BASE, 3, probe_eids[i], 0,
					       0, 0, 0, 0));
		}
	return n;
}

/*
 * IPI and RFENCE to one hart (another online one if there is one, else
 * this one) and to a hart that does not exist: what a monitor's fast
 * path answers must be what the firmware answers. The target takes a
 * software interrupt with nothing for it to do. (No hfence: under
 * Rampart the firmware sees no H extension, natively it does.)
 */
static int ipi_fence_calls(char *buf, int n)
{
	unsigned long target = cpuid_to_hartid_map(smp_processor_id());
	int cpu, round;

	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id()) {
			target = cpuid_to_hartid_map(cpu);
			break;
		}
	for (round = 0; round < 2; round++) {
		n = put_call(buf, n, "send_ipi target",
			     sbi_ecall(EXT_IPI, 0, 1, target, 0, 0, 0, 0));
		n = put_call(buf, n, "send_ipi no-such-hart",
			     sbi_ecall(EXT_IPI, 0, 1, 64, 0, 0, 0, 0));
		n = put_call(buf, n, "remote_fence_i target",
			     sbi_ecall(EXT_RFENCE, 0, 1, target, 0, 0, 0, 0));
		n = put_call(buf, n, "remote_sfence_vma target",
			     sbi_ecall(EXT_RFENCE, 1, 1, target, 0, 4096, 0,
				       0));
		n = put_call(buf, n, "remote_sfence_vma_asid target",
			     sbi_ecall(EXT_RFENCE, 2, 1, target, 0, 4096, 0,
				       0));
		n = put_call(buf, n, "remote_sfence_vma no-such-hart",
			     sbi_ecall(EXT_RFENCE, 1, 1, 64, 0, 4096, 0, 0));
	}
	return n;
}

static ssize_t answers_show(struct kobject *kobj, struct kobj_attribute *a,
			    char *buf)
{
	unsigned long far = csr_read(CSR_TIME) + 10000000UL;
	int n;

	preempt_disable(); /* "this hart" stays this hart */
	n = ipi_fence_calls(buf, probe_calls(buf, base_calls(buf, 0)));
	preempt_enable();

	/* a timer a second away: the kernel re-arms its own on its next tick */
	n = put_call(buf, n, "set_timer",
		     sbi_ecall(EXT_TIME, 0, far, 0, 0, 0, 0, 0));
	return n;
}

static struct kobj_attribute answers_attr = __ATTR_RO(answers);

static int __init sbiprobe_init(void)
{
	struct kobject *kobj = kobject_create_and_add("sbiprobe", kernel_kobj);

	if (!kobj)
		return -ENOMEM;
	return sysfs_create_file(kobj, &answers_attr.attr);
}
device_initcall(sbiprobe_init);
