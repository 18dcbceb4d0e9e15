// SPDX-License-Identifier: GPL-2.0
/*
 * Rampart M-mode security monitor: its SBI extension (docs/sbi.md in the
 * Rampart repository) under /sys/kernel/rampart/.
 *
 *   info                 "abi=1 policy=none" or "abi=1 policy=protect"
 *   audit/total, read, write, exec, suppressed
 *                        AUDIT_COUNT kinds 0-4
 *   audit/records        the most recent blocked firmware accesses, one a line
 *   nonce                hex, 1 to 64 bytes, for the next evidence read
 *   evidence             the monitor's evidence over that nonce (binary)
 *   eventlog             the monitor's TCG event log (binary, EVENT_LOG)
 *   audit_from           decimal cursor: the first audit sequence number wanted
 *   audit_chain          the audit chain answer from that cursor (binary,
 *                        AUDIT_CHAIN): the header (total, base), the records
 *   switches             world switches into the firmware since boot, all
 *                        harts, one cause a line (SWITCHES): "ecall 0xEID N",
 *                        "exception CODE N", "interrupt CODE N", "other 0 N";
 *                        and the payload traps the monitor answered in place:
 *                        "inplace-ecall 0xEID N", "inplace-exception CODE N",
 *                        "inplace-interrupt CODE N", "other 1 N"
 *
 * A monitor without EVENT_LOG, AUDIT_CHAIN or SWITCHES answers -2: those files then
 * fail with EOPNOTSUPP, which the guest agent reports as such.
 *
 * Buffers are kmalloc'd (physically contiguous, 8-byte aligned, inside the
 * payload region) and handed over by physical address. Nothing the monitor
 * returns is trusted: counts and lengths are clamped to the buffers.
 */

#define pr_fmt(fmt) "rampart: " fmt

#include <linux/align.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <asm/sbi.h>

#define RAMPART_EXT		0x0A525054
#define RAMPART_GET_INFO	0
#define RAMPART_AUDIT_COUNT	1
#define RAMPART_AUDIT_RECORDS	2
#define RAMPART_EVIDENCE	3
#define RAMPART_EVENT_LOG	4
#define RAMPART_AUDIT_CHAIN	5
#define RAMPART_SWITCHES	6

#define RAMPART_ABI		1
#define RAMPART_MAX_RECORDS	16
#define RAMPART_NONCE_MAX	64
#define RAMPART_EVIDENCE_MAX	4096
/* The monitor's log region is 0xf000 bytes (monitor/hw/fdt_payload.h). */
#define RAMPART_EVENTLOG_MAX	0x10000
/* Chain header (64) + the 128 records the monitor keeps (40 each). */
#define RAMPART_CHAIN_MAX	(64 + 40 * 128)
/* The monitor tells at most 32 causes apart (monitor/core/switches.h). */
#define RAMPART_SWITCH_MAX	32

struct rampart_record {
	__le32 hart;
	__le32 access;
	__le64 addr;
	__le64 pc;
};

struct rampart_switch {
	__le64 key;		/* kind << 32 | code */
	__le64 count;
};

static const char *const rampart_policies[] = { "none", "protect" };
static const char *const rampart_accesses[] = { "read", "write", "exec" };

static struct kobject *rampart_kobj;
static DEFINE_MUTEX(rampart_lock);	/* the nonce and the evidence */
static u8 *rampart_nonce;		/* RAMPART_NONCE_MAX bytes */
static size_t rampart_nonce_len;
static u8 *rampart_evidence;		/* RAMPART_EVIDENCE_MAX bytes */
static size_t rampart_evidence_len;
static DEFINE_MUTEX(rampart_log_lock);	/* the event log and the chain */
static u8 *rampart_eventlog;		/* RAMPART_EVENTLOG_MAX bytes */
static size_t rampart_eventlog_len;
static u8 *rampart_chain;		/* RAMPART_CHAIN_MAX bytes */
static size_t rampart_chain_len;
static u64 rampart_audit_from;

static struct sbiret rampart_call(int fid, unsigned long a0, unsigned long a1,
				  unsigned long a2, unsigned long a3)
{
	return sbi_ecall(RAMPART_EXT, fid, a0, a1, a2, a3, 0, 0);
}

/* sbi_err_map_linux_errno() gives -ENOTSUPP, which user space cannot name. */
static int rampart_errno(long err)
{
	switch (err) {
	case SBI_ERR_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case SBI_ERR_INVALID_PARAM:
		return -EINVAL;
	case SBI_ERR_INVALID_ADDRESS:
		return -EFAULT;
	default:
		return -EIO;
	}
}

static int rampart_info(unsigned long *abi, const char **policy)
{
	struct sbiret ret = rampart_call(RAMPART_GET_INFO, 0, 0, 0, 0);
	unsigned long p;

	if (ret.error)
		return rampart_errno(ret.error);
	*abi = ret.value >> 16;
	p = ret.value & 0xffff;
	*policy = p < ARRAY_SIZE(rampart_policies) ? rampart_policies[p] :
						     "unknown";
	return 0;
}

static ssize_t info_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	const char *policy;
	unsigned long abi;
	int err = rampart_info(&abi, &policy);

	if (err)
		return err;
	return sysfs_emit(buf, "abi=%lu policy=%s\n", abi, policy);
}

struct rampart_count_attr {
	struct kobj_attribute attr;
	unsigned long kind;
};

static ssize_t count_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	struct rampart_count_attr *ca =
		container_of(attr, struct rampart_count_attr, attr);
	struct sbiret ret = rampart_call(RAMPART_AUDIT_COUNT, ca->kind, 0, 0, 0);

	if (ret.error)
		return rampart_errno(ret.error);
	return sysfs_emit(buf, "%lu\n", ret.value);
}

#define RAMPART_COUNT_ATTR(_name, _kind)				\
	static struct rampart_count_attr rampart_count_##_name = {	\
		.attr = __ATTR(_name, 0444, count_show, NULL),		\
		.kind = _kind,						\
	}

RAMPART_COUNT_ATTR(total, 0);
RAMPART_COUNT_ATTR(read, 1);
RAMPART_COUNT_ATTR(write, 2);
RAMPART_COUNT_ATTR(exec, 3);
RAMPART_COUNT_ATTR(suppressed, 4);

static ssize_t records_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	const size_t size = RAMPART_MAX_RECORDS * sizeof(struct rampart_record);
	struct rampart_record *rec;
	struct sbiret ret;
	unsigned long i, n;
	ssize_t len = 0;

	rec = kzalloc(size, GFP_KERNEL);
	if (!rec)
		return -ENOMEM;
	if (WARN_ON_ONCE(!IS_ALIGNED((unsigned long)rec, 8))) {
		len = -EIO;
		goto out;
	}
	ret = rampart_call(RAMPART_AUDIT_RECORDS, virt_to_phys(rec), size, 0, 0);
	if (ret.error) {
		len = rampart_errno(ret.error);
		goto out;
	}
	n = min_t(unsigned long, ret.value, RAMPART_MAX_RECORDS);
	for (i = 0; i < n; i++) {
		u32 access = le32_to_cpu(rec[i].access);

		len += sysfs_emit_at(buf, len, "hart=%u access=",
				     le32_to_cpu(rec[i].hart));
		if (access < ARRAY_SIZE(rampart_accesses))
			len += sysfs_emit_at(buf, len, "%s",
					     rampart_accesses[access]);
		else
			len += sysfs_emit_at(buf, len, "%u", access);
		len += sysfs_emit_at(buf, len, " addr=0x%llx pc=0x%llx\n",
				     le64_to_cpu(rec[i].addr),
				     le64_to_cpu(rec[i].pc));
	}
out:
	kfree(rec);
	return len;
}

static ssize_t nonce_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	ssize_t len;

	mutex_lock(&rampart_lock);
	len = sysfs_emit(buf, "%*phN\n", (int)rampart_nonce_len, rampart_nonce);
	mutex_unlock(&rampart_lock);
	return len;
}

static ssize_t nonce_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	u8 nonce[RAMPART_NONCE_MAX];
	size_t n = count;

	if (n && buf[n - 1] == '\n')
		n--;
	if (!n || n % 2 || n > 2 * RAMPART_NONCE_MAX ||
	    hex2bin(nonce, buf, n / 2))
		return -EINVAL;
	mutex_lock(&rampart_lock);
	memcpy(rampart_nonce, nonce, n / 2);
	rampart_nonce_len = n / 2;
	rampart_evidence_len = 0;
	mutex_unlock(&rampart_lock);
	return count;
}

/*
 * The answer of a buffer-filling call (EVIDENCE, EVENT_LOG, AUDIT_CHAIN): its length,
 * clamped to the buffer, or an errno. -3 means the buffer is too small.
 */
static ssize_t rampart_fill_len(struct sbiret ret, size_t max, const char *what)
{
	if (ret.error == SBI_ERR_INVALID_PARAM) {
		pr_warn_ratelimited("%s needs %lu bytes, have %zu\n", what,
				    ret.value, max);
		return -EOVERFLOW;
	}
	if (ret.error)
		return rampart_errno(ret.error);
	return min_t(unsigned long, ret.value, max);
}

/* Copy [off, off + count) of a snapshot of len bytes out to a reader. */
static ssize_t rampart_copy_out(char *buf, const u8 *snap, size_t len,
				loff_t off, size_t count)
{
	size_t n;

	if (off >= len)
		return 0;
	n = min_t(size_t, count, len - off);
	memcpy(buf, snap + off, n);
	return n;
}

static const char *rampart_switch_kind(u32 kind)
{
	switch (kind) {
	case 1:
		return "ecall";
	case 2:
		return "exception";
	case 3:
		return "interrupt";
	case 4:
		return "inplace-ecall";
	case 5:
		return "inplace-exception";
	case 6:
		return "inplace-interrupt";
	case 0xff:
		return "other";
	default:
		return "unknown";
	}
}

static ssize_t switches_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	const size_t size = RAMPART_SWITCH_MAX * sizeof(struct rampart_switch);
	struct rampart_switch *rec;
	struct sbiret ret;
	unsigned long i, n;
	ssize_t len = 0;

	rec = kzalloc(size, GFP_KERNEL);
	if (!rec)
		return -ENOMEM;
	ret = rampart_call(RAMPART_SWITCHES, virt_to_phys(rec), size, 0, 0);
	len = rampart_fill_len(ret, size, "switches");
	if (len < 0)
		goto out;
	n = len / sizeof(*rec);
	len = 0;
	for (i = 0; i < n; i++) {
		u64 key = le64_to_cpu(rec[i].key);
		u32 kind = key >> 32, code = (u32)key;

		if (kind == 1 || kind == 4)
			len += sysfs_emit_at(buf, len, "%s 0x%x",
					     rampart_switch_kind(kind), code);
		else
			len += sysfs_emit_at(buf, len, "%s %u",
					     rampart_switch_kind(kind), code);
		len += sysfs_emit_at(buf, len, " %llu\n",
				     le64_to_cpu(rec[i].count));
	}
out:
	kfree(rec);
	return len;
}

/*
 * A read at offset 0 asks the monitor for fresh evidence; later offsets
 * continue from that copy, so a reader with a small buffer sees one report.
 */
static ssize_t evidence_read(struct file *filp, struct kobject *kobj,
			     struct bin_attribute *attr, char *buf, loff_t off,
			     size_t count)
{
	struct sbiret ret;
	ssize_t len;

	mutex_lock(&rampart_lock);
	if (!off) {
		rampart_evidence_len = 0;
		if (!rampart_nonce_len) {
			len = -ENODATA;
			goto out;
		}
		ret = rampart_call(RAMPART_EVIDENCE, virt_to_phys(rampart_nonce),
				   rampart_nonce_len,
				   virt_to_phys(rampart_evidence),
				   RAMPART_EVIDENCE_MAX);
		/* the nonce is valid: -3 says the output is too small */
		len = rampart_fill_len(ret, RAMPART_EVIDENCE_MAX, "evidence");
		if (len < 0)
			goto out;
		rampart_evidence_len = len;
	}
	len = rampart_copy_out(buf, rampart_evidence, rampart_evidence_len, off,
			       count);
out:
	mutex_unlock(&rampart_lock);
	return len;
}

/* As evidence: a read at offset 0 takes a fresh copy of the log. */
static ssize_t eventlog_read(struct file *filp, struct kobject *kobj,
			     struct bin_attribute *attr, char *buf, loff_t off,
			     size_t count)
{
	struct sbiret ret;
	ssize_t len;

	mutex_lock(&rampart_log_lock);
	if (!off) {
		rampart_eventlog_len = 0;
		ret = rampart_call(RAMPART_EVENT_LOG,
				   virt_to_phys(rampart_eventlog),
				   RAMPART_EVENTLOG_MAX, 0, 0);
		len = rampart_fill_len(ret, RAMPART_EVENTLOG_MAX, "event log");
		if (len < 0)
			goto out;
		rampart_eventlog_len = len;
	}
	len = rampart_copy_out(buf, rampart_eventlog, rampart_eventlog_len,
			       off, count);
out:
	mutex_unlock(&rampart_log_lock);
	return len;
}

static ssize_t audit_from_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	u64 from;

	mutex_lock(&rampart_log_lock);
	from = rampart_audit_from;
	mutex_unlock(&rampart_log_lock);
	return sysfs_emit(buf, "%llu\n", from);
}

static ssize_t audit_from_store(struct kobject *kobj,
				struct kobj_attribute *attr, const char *buf,
				size_t count)
{
	u64 from;
	int err = kstrtou64(buf, 10, &from);

	if (err)
		return err;
	mutex_lock(&rampart_log_lock);
	rampart_audit_from = from;
	rampart_chain_len = 0;
	mutex_unlock(&rampart_log_lock);
	return count;
}

/* A read at offset 0 asks the monitor for the chain from audit_from. */
static ssize_t audit_chain_read(struct file *filp, struct kobject *kobj,
				struct bin_attribute *attr, char *buf,
				loff_t off, size_t count)
{
	struct sbiret ret;
	ssize_t len;

	mutex_lock(&rampart_log_lock);
	if (!off) {
		rampart_chain_len = 0;
		ret = rampart_call(RAMPART_AUDIT_CHAIN, rampart_audit_from,
				   virt_to_phys(rampart_chain),
				   RAMPART_CHAIN_MAX, 0);
		len = rampart_fill_len(ret, RAMPART_CHAIN_MAX, "audit chain");
		if (len < 0)
			goto out;
		rampart_chain_len = len;
	}
	len = rampart_copy_out(buf, rampart_chain, rampart_chain_len, off,
			       count);
out:
	mutex_unlock(&rampart_log_lock);
	return len;
}

static struct kobj_attribute rampart_info_attr = __ATTR_RO(info);
static struct kobj_attribute rampart_switches_attr = __ATTR_RO(switches);
static struct kobj_attribute rampart_nonce_attr = __ATTR_RW_MODE(nonce, 0600);
static struct kobj_attribute rampart_records_attr =
	__ATTR_RO_MODE(records, 0400);
static BIN_ATTR_ADMIN_RO(evidence, 0);
static struct kobj_attribute rampart_audit_from_attr =
	__ATTR_RW_MODE(audit_from, 0600);
static BIN_ATTR_ADMIN_RO(eventlog, 0);
static BIN_ATTR_ADMIN_RO(audit_chain, 0);

static struct attribute *rampart_attrs[] = {
	&rampart_info_attr.attr,
	&rampart_switches_attr.attr,
	&rampart_nonce_attr.attr,
	&rampart_audit_from_attr.attr,
	NULL
};

static struct bin_attribute *rampart_bin_attrs[] = {
	&bin_attr_evidence,
	&bin_attr_eventlog,
	&bin_attr_audit_chain,
	NULL
};

static const struct attribute_group rampart_group = {
	.attrs = rampart_attrs,
	.bin_attrs = rampart_bin_attrs,
};

static struct attribute *rampart_audit_attrs[] = {
	&rampart_count_total.attr.attr,
	&rampart_count_read.attr.attr,
	&rampart_count_write.attr.attr,
	&rampart_count_exec.attr.attr,
	&rampart_count_suppressed.attr.attr,
	&rampart_records_attr.attr,
	NULL
};

static const struct attribute_group rampart_audit_group = {
	.name = "audit",
	.attrs = rampart_audit_attrs,
};

static const struct attribute_group *rampart_groups[] = {
	&rampart_group,
	&rampart_audit_group,
	NULL
};

static int __init rampart_init(void)
{
	const char *policy = NULL;
	unsigned long abi = 0;
	int err;

	BUILD_BUG_ON(sizeof(struct rampart_record) != 24);
	BUILD_BUG_ON(sizeof(struct rampart_switch) != 16);
	if (sbi_probe_extension(RAMPART_EXT) <= 0) {
		pr_info("monitor extension not present\n");
		return 0;
	}
	err = rampart_info(&abi, &policy);
	if (err || abi != RAMPART_ABI) {
		pr_warn("monitor extension: unsupported (abi %lu, error %d)\n",
			abi, err);
		return 0;
	}

	rampart_nonce = kzalloc(RAMPART_NONCE_MAX, GFP_KERNEL);
	rampart_evidence = kzalloc(RAMPART_EVIDENCE_MAX, GFP_KERNEL);
	rampart_eventlog = kzalloc(RAMPART_EVENTLOG_MAX, GFP_KERNEL);
	rampart_chain = kzalloc(RAMPART_CHAIN_MAX, GFP_KERNEL);
	if (!rampart_nonce || !rampart_evidence || !rampart_eventlog ||
	    !rampart_chain) {
		err = -ENOMEM;
		goto free;
	}
	rampart_kobj = kobject_create_and_add("rampart", kernel_kobj);
	if (!rampart_kobj) {
		err = -ENOMEM;
		goto free;
	}
	err = sysfs_create_groups(rampart_kobj, rampart_groups);
	if (err) {
		kobject_put(rampart_kobj);
		rampart_kobj = NULL;
		goto free;
	}
	pr_info("monitor extension abi=%lu policy=%s\n", abi, policy);
	return 0;

free:
	kfree(rampart_chain);
	kfree(rampart_eventlog);
	kfree(rampart_evidence);
	kfree(rampart_nonce);
	rampart_chain = NULL;
	rampart_eventlog = NULL;
	rampart_evidence = NULL;
	rampart_nonce = NULL;
	pr_err("cannot create /sys/kernel/rampart: %d\n", err);
	return err;
}
device_initcall(rampart_init);
