// SPDX-License-Identifier: BSD-2-Clause
/*
 * Trap dispatch. Every trap from below M-mode lands here with the guest's
 * registers saved in its struct vcpu. Firmware traps are emulated against
 * the virtual context; payload traps are handed to the virtual firmware.
 */
#include "hw.h"
#include "attest.h"
#include "audit_hw.h"
#include "boot_measure.h"
#include "console.h"
#include "csr.h"
#include "debug_checks.h"
#include "ipi.h"
#include "reset.h"
#include "../../include/rampart/layout.h"
#include "../core/audit.h"
#include "../core/config.h"
#include "../core/emulate.h"
#include "../core/hart.h"
#include "../core/insn.h"
#include "../core/platform.h"
#include "../core/policy.h"
#include "../core/sbi_ext.h"
#include "../core/services.h"
#include "../core/switches.h"
#include "../core/vcsr.h"
#include "../core/vtrap.h"
#include <string.h>

static const struct policy_ops *policy_of(const struct vcpu *v)
{
	return hart_of_const(v)->cfg->policy;
}

/* The doorbell rang: do what the other hart asked of this one. */
static void take_doorbell(struct vcpu *v)
{
	unsigned int self = (unsigned int)v->hartid;

	/* KICK_LOCK needs nothing here: firmware_resume_checks() re-plans
	 * the PMP before the firmware runs again. */
	ipi_serve(self, ipi_take(self));
}

static void wait_for_interrupt(struct vcpu *v)
{
	unsigned int self = (unsigned int)v->hartid;

	/*
	 * An enabled interrupt already pending (OpenSBI 1.1 waits in HSM with
	 * its IPI still set): the wfi cannot block, but it still runs, with
	 * the doorbell rung so it returns at once. On real harts that costs
	 * two stores; on QEMU a wfi always ends the hart's time slice, and
	 * with -icount (one thread for all harts) that is what lets the
	 * others run: a firmware spinning here without it keeps its slice.
	 */
	if (ipi_mip(self) & v->csr.mie) {
		ipi_kick(self, 0);
		__asm__ volatile("wfi");
		take_doorbell(v);
		return;
	}
	/* WFI wakes on any interrupt enabled in mie, whatever mstatus.MIE
	 * (Priv. 3.3.3); the monitor runs with MIE clear, so nothing traps.
	 * The doorbell (MSIE) also wakes it: the monitor may need the hart. */
	csr_write(CSR_MIE, v->csr.mie | MIP_MSIP);
	__asm__ volatile("wfi");
}

static void firmware_illegal(struct vcpu *v, u64 tval)
{
	u32 raw = (u32)tval;

	/* QEMU reports the instruction in mtval; read it when it does not. */
	if (!raw && hw_fetch_firmware_insn(v->pc, &raw)) {
		vtrap_inject(v, CAUSE_ILLEGAL_INSN, 0);
		return;
	}
	switch (emulate_insn(v, raw)) {
	case EMUL_WFI:
		wait_for_interrupt(v);
		break;
	case EMUL_SFENCE_VMA:
		__asm__ volatile("sfence.vma" : : : "memory");
		break;
	case EMUL_FP_LOAD:
		hw_fpu_firmware_load(v);
		break;
	case EMUL_DONE:
		break;
	}
}

/*
 * The firmware's load/store while its MPRV is set: replay it with the
 * hart's MPRV, as the mode in its MPP, through the payload's satp and PMP
 * (Priv. 3.1.6.3). A fault it raises is the firmware's, as on a real hart.
 */
static void firmware_mprv_access(struct vcpu *v, u64 cause, u64 addr)
{
	u64 mode = (v->csr.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
	u64 val = 0, fault;
	struct insn in;
	u32 raw;

	if (hw_fetch_firmware_insn(v->pc, &raw) || insn_decode(raw, &in) ||
	    in.is_fp || vcpu_reg(v, in.rs1) + (u64)in.imm != addr) {
		vtrap_inject(v, cause, addr);
		return;
	}
	if (policy_of(v)->firmware_mprv_allowed &&
	    !policy_of(v)->firmware_mprv_allowed(v, addr)) {
		hw_audit(v, audit_access_of(cause), addr);
		vtrap_inject(v, cause, addr);
		return;
	}
	if (mode == 2)
		mode = PRV_U;
	world_mprv_begin(v);
	if (in.kind == INSN_STORE)
		fault = hw_mprv_store(mode, addr, in.width, vcpu_reg(v, in.rs2));
	else
		fault = hw_mprv_load(mode, addr, in.width, &val);
	world_mprv_end(v);
	if (fault) {
		vtrap_inject(v, fault, addr);
		return;
	}
	if (in.kind == INSN_LOAD)
		vcpu_set_reg(v, in.rd, emulate_extend(val, in.width,
						      in.is_signed));
	vcpu_skip(v, in.len);
}

static void firmware_access_fault(struct vcpu *v, u64 cause, u64 addr)
{
	u32 raw;

	if (world_mprv_active(v)) {
		firmware_mprv_access(v, cause, addr);
		return;
	}
	if (hw_is_clint(addr) && !hw_fetch_firmware_insn(v->pc, &raw) &&
	    !emulate_mmio(v, raw, addr, hw_clint_access))
		return;
	/* the reset device: every reset after the lock goes through reset.c */
	if (hw_is_reset_device(addr) && !hw_fetch_firmware_insn(v->pc, &raw) &&
	    !emulate_mmio(v, raw, addr, hw_reset_device_access))
		return;
	/* stopped by PMP: recorded, then delivered as the hart would */
	hw_audit(v, audit_access_of(cause), addr);
	vtrap_inject(v, cause, addr);
}

/*
 * A firmware that takes this many exceptions without one mret makes no
 * progress (garbage or an ELF file as firmware, a handler that faults
 * itself): each handled exception returns with mret. Stopped with one
 * line and its audit summed up, instead of a stream of audit lines.
 */
#define FAULT_STORM 10000

static void __attribute__((cold, noinline, noreturn))
fault_storm(const struct vcpu *v, u64 cause, u64 tval)
{
	u64 n[AUDIT_KINDS];
	unsigned int k;

	for (k = 0; k < AUDIT_KINDS; k++)
		audit_count(&audit_log, k, &n[k]);
	fatal("firmware fault storm on hart %lu: %lu exceptions without an "
	      "mret (last cause=0x%lx pc=0x%lx tval=0x%lx); denied accesses: "
	      "%lu (read %lu, write %lu, exec %lu)",
	      v->hartid, v->unreturned, cause, v->csr.mepc, tval, n[AUDIT_TOTAL],
	      n[AUDIT_KIND_READ], n[AUDIT_KIND_WRITE], n[AUDIT_KIND_EXEC]);
}

static void firmware_trap(struct vcpu *v, u64 cause, u64 tval)
{
	switch (cause) {
	case CAUSE_ILLEGAL_INSN:
		firmware_illegal(v, tval);
		break;
	case CAUSE_LOAD_ACCESS:
	case CAUSE_STORE_ACCESS:
		firmware_access_fault(v, cause, tval);
		break;
	case CAUSE_FETCH_ACCESS:
		hw_audit(v, AUDIT_EXEC, tval);
		vtrap_inject(v, cause, tval);
		break;
	case CAUSE_USER_ECALL:
		/* the firmware believes it runs in M-mode */
		vtrap_inject(v, CAUSE_MACHINE_ECALL, 0);
		break;
	default:
		/* interrupts are delivered below; other exceptions are the
		 * firmware's own, as a hart in M-mode would take them */
		if (!(cause & CAUSE_IRQ_FLAG))
			vtrap_inject(v, cause, tval);
		break;
	}
	if (v->unreturned >= FAULT_STORM)
		fault_storm(v, cause, tval);
}

static void copy_to_payload(u64 pa, const void *src, u64 len)
{
	memmove((void *)pa, src, len); /* @src may be payload memory too */
}

/* Every hart's world switches by cause, summed (SWITCHES). */
static unsigned int switches_snapshot(struct switch_record *out,
				      unsigned int max)
{
	const struct hart *h;
	unsigned int i, n = 0;

	for (i = 0; (h = hart_get(i)); i++)
		switch_merge(out, &n, max, &h->switches);
	return n;
}

static bool monitor_call(struct vcpu *v)
{
	struct sbi_ext_env env = {
		.audit = &audit_log,
		.policy_id = policy_of(v)->id,
		.buf_base = PAYLOAD_BASE,
		.buf_end = platform_dram_end(),
		.copy_out = copy_to_payload,
		.evidence = attest_evidence,
		.event_log = attest_event_log,
		.switches = switches_snapshot,
	};

	return sbi_ext_handle(v, &env);
}

static void set_stimecmp(u64 value)
{
	csr_write(CSR_STIMECMP, value);
}

static bool sstc_enabled(const struct vcpu *v)
{
	return hart_of_const(v)->facts.has_sstc &&
	       (v->csr.menvcfg & MENVCFG_STCE);
}

static const struct fastpath_hw fast_hw = {
	.has_sstc = sstc_enabled,
	.set_stimecmp = set_stimecmp,
	.putchar = console_putchar,
};

static bool fast_call(struct vcpu *v)
{
	struct hart *h = hart_of(v);

	return h->cfg->fastpath &&
	       (fastpath_call(v, &h->fast, &fast_hw, &h->fast_pending) ||
		ipi_fastpath(v));
}

static void payload_trap(struct vcpu *v, u64 cause, u64 tval)
{
	const struct policy_ops *policy = policy_of(v);

	/* a hart that asks to stop is no longer an IPI target (ipi.c); calls
	 * the monitor answers never get here (answered_in_place) */
	if (cause == CAUSE_SUPERVISOR_ECALL && vcpu_reg(v, REG_A7) == SBI_EXT_HSM &&
	    vcpu_reg(v, REG_A6) == SBI_HSM_HART_STOP)
		ipi_set_running((unsigned int)v->hartid, false);
	if (policy->payload_trap && policy->payload_trap(v, cause, tval))
		return;
	/* Anything else goes to the firmware, as it would without a
	 * monitor: interrupts are picked up below. */
	if (!(cause & CAUSE_IRQ_FLAG))
		vtrap_inject(v, cause, tval);
}

static void deliver_interrupts(struct vcpu *v)
{
	int irq = vtrap_pending_irq(v, ipi_mip((unsigned int)v->hartid));

	if (irq >= 0)
		vtrap_inject(v, CAUSE_IRQ_FLAG | (u64)irq, 0);
}

/* Real mie: the monitor's doorbell (MSIE) always; in the firmware world
 * only the M-level interrupts it has enabled, and only while its MIE is
 * set (else they would trap at once). */
static u64 live_mie(const struct vcpu *v)
{
	if (v->mode != PRV_M)
		return v->csr.mie | MIP_MSIP;
	if (!(v->csr.mstatus & MSTATUS_MIE))
		return MIP_MSIP;
	return (v->csr.mie & ~v->csr.mideleg & MIP_M_BITS) | MIP_MSIP;
}

void trap_prepare_return(struct vcpu *v)
{
	u64 st = csr_read(CSR_MSTATUS);
	u64 mpp = v->mode == PRV_M ? PRV_U : v->mode;

	st &= ~(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MPRV | MSTATUS_TVM |
		MSTATUS_TW | MSTATUS_TSR);
	st |= mpp << MSTATUS_MPP_SHIFT;
	if (v->mode != PRV_M)
		st |= v->csr.mstatus & (MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR);
	csr_write(CSR_MSTATUS, st);
	csr_write(CSR_MEPC, v->pc);
	csr_write(CSR_MIE, live_mie(v));
}

static int boot_attest(const struct boot_config *cfg, const char **why)
{
	return attest_boot(cfg->nonce, cfg->nonce_len, (u32)cfg->policy->id,
			   cfg->policy->name, config_policy_text(cfg), why);
}

/* Lock (the policy), then measure, then enter: once, on the first entry. */
static void measure_first_entry(const struct vcpu *v)
{
	const struct boot_config *cfg = hart_of_const(v)->cfg;
	static volatile u32 measured, done;
	const char *why = "";

	/* any later hart waits: nothing enters before the measurement ends */
	if (__atomic_load_n(&done, __ATOMIC_ACQUIRE))
		return;
	if (__atomic_exchange_n(&measured, 1, __ATOMIC_ACQ_REL)) {
		while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE))
			;
		return;
	}
	if (!cfg->payload_present) {
		console_log("no payload loaded: first entry at 0x%lx not measured",
			    v->pc);
		__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
		return;
	}
	if (boot_measure_payload(v, cfg->payload_size, &why) ||
	    boot_attest(cfg, &why)) {
		/* fail closed: the payload never runs */
		console_log("measurement failed: %s: not entering the payload",
			    why);
		hw_stop_machine(MEASURE_FAILED_EXIT);
	}
	/* nothing below writes payload memory before the mret */
	debug_recheck_measured();
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
}

static void to_payload(struct vcpu *v)
{
	/* the payload world is S-mode's: a hart without it (hw.h) refuses,
	 * as OpenSBI itself hangs a hart it cannot start in S-mode */
	if (!hw_hart_has_s_mode())
		hw_park("the firmware entered the payload on a hart without "
			"S-mode");
	if (policy_of(v)->enter_payload && !policy_of(v)->enter_payload(v))
		hw_park("the firmware entered the payload where it never asked");
	measure_first_entry(v);
	ipi_set_running((unsigned int)v->hartid, true);
	if (hart_of(v)->fast_pending.active)
		fastpath_learn(v, &hart_of(v)->fast, &hart_of(v)->fast_pending);
	world_enter_payload(v);
}

static void to_firmware(struct vcpu *v)
{
	/* counted by the cause the firmware is about to take (its mcause) */
	switch_count(&hart_of(v)->switches,
		     switch_key(v->csr.mcause, vcpu_reg(v, REG_A7)));
	world_enter_firmware(v);
	if (policy_of(v)->enter_firmware)
		policy_of(v)->enter_firmware(v);
}

/*
 * Last step before the firmware runs again: publish that this hart runs
 * firmware code, then pick up a lock set meanwhile (lock.c) or a changed
 * virtual PMP or MPRV state.
 */
void firmware_resume_checks(struct vcpu *v)
{
	struct hart *h = hart_of(v);

	__atomic_store_n(&h->in_firmware, 1, __ATOMIC_SEQ_CST);
	if (v->pmp_dirty || h->pmp_mprv != world_mprv_active(v) ||
	    (lock_is_set() && !h->lock_applied))
		world_apply_firmware_pmp(v);
}

/* A payload trap answered without a world switch, counted by its cause
 * (switches.h: the bench tells what the monitor's answers cost). */
static void count_in_place(struct vcpu *v, u64 cause, u64 a7)
{
	switch_count(&hart_of(v)->switches,
		     SWITCH_IN_PLACE_KEY(switch_key(cause, a7)));
}

/*
 * An ecall from S the monitor answers itself returns to S with nothing else
 * to do: the trap already set MPP to S, mie is untouched, and an interrupt
 * that became pending meanwhile traps again right after mret. So only mepc
 * is written (the fast paths' cost, docs/bench.md).
 */
static bool answered_in_place(struct vcpu *v)
{
	u64 ext = vcpu_reg(v, REG_A7);

	v->pc = csr_read(CSR_MEPC);
	v->mode = PRV_S;
	if (!(sbi_ext_wants(v) && monitor_call(v)) && !fast_call(v))
		return false;
	csr_write(CSR_MEPC, v->pc);
	count_in_place(v, CAUSE_SUPERVISOR_ECALL, ext);
	return true;
}

/*
 * The payload's read of `time` trapped (fastpath.h): answered from the
 * CLINT's mtime, the timer OpenSBI reads on this platform, and resumed
 * past the instruction, in S or U as it trapped. Only mepc is written.
 */
static bool time_read_in_place(struct vcpu *v)
{
	if (!hart_of(v)->cfg->fastpath)
		return false;
	v->pc = csr_read(CSR_MEPC);
	if (!hw_emulate_time_read(v, csr_read(CSR_MTVAL)))
		return false;
	csr_write(CSR_MEPC, v->pc);
	count_in_place(v, CAUSE_ILLEGAL_INSN, 0);
	return true;
}

/*
 * The firmware's plain CSR access (emulate_plain_csr): done, and straight
 * back to the firmware with only mepc written, as for the ecalls above.
 * Nothing it changes can make an interrupt deliverable or touch the PMP
 * or the lock; in_firmware stays set, so the lock barrier still rings
 * this hart, whose doorbell then traps at once after the mret.
 */
static bool firmware_csr_in_place(struct vcpu *v)
{
	v->pc = csr_read(CSR_MEPC);
	if (!emulate_plain_csr(v, (u32)csr_read(CSR_MTVAL)))
		return false;
	csr_write(CSR_MEPC, v->pc);
	return true;
}

/* Every trap the paths above do not answer in place. */
static struct vcpu *__attribute__((noinline))
trap_handle_slow(struct vcpu *v, u64 cause)
{
	u64 tval = csr_read(CSR_MTVAL);
	bool from_firmware = v->mode == PRV_M;

	if (from_firmware)
		__atomic_store_n(&hart_of(v)->in_firmware, 0, __ATOMIC_SEQ_CST);
	v->pc = csr_read(CSR_MEPC);
	/* The payload moves between S and U without the monitor (sret,
	 * delegated traps): the hart's MPP says which mode trapped. Its sie
	 * lives in the hart too: take it now, or a trap answered without a
	 * world switch would write back a stale copy (trap_prepare_return). */
	if (!from_firmware) {
		v->mode = (csr_read(CSR_MSTATUS) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
		v->csr.mie = (v->csr.mie & ~MIP_S_BITS) |
			     (csr_read(CSR_MIE) & MIP_S_BITS);
	}
	if (cause == (CAUSE_IRQ_FLAG | IRQ_M_SOFT))
		take_doorbell(v);
	else if (from_firmware)
		firmware_trap(v, cause, tval);
	else
		payload_trap(v, cause, tval);
	deliver_interrupts(v);
	if (from_firmware && v->mode != PRV_M)
		to_payload(v);
	else if (!from_firmware && v->mode == PRV_M)
		to_firmware(v);
	else if (!from_firmware && cause == (CAUSE_IRQ_FLAG | IRQ_M_SOFT))
		/* the doorbell, the most frequent: its key known here */
		count_in_place(v, CAUSE_IRQ_FLAG | IRQ_M_SOFT, 0);
	else if (!from_firmware)
		count_in_place(v, cause, vcpu_reg(v, REG_A7));
	if (v->mode == PRV_M)
		firmware_resume_checks(v);
	trap_prepare_return(v);
	return v;
}

/* Apart from the rest, so that the common traps answered in place (the
 * firmware's CSR accesses above all) need no stack frame beyond theirs. */
struct vcpu *trap_handle(struct vcpu *v)
{
	u64 cause = csr_read(CSR_MCAUSE);

	if (v->mode == PRV_M) {
		if (cause == CAUSE_ILLEGAL_INSN && firmware_csr_in_place(v))
			return v;
	} else if (cause == CAUSE_SUPERVISOR_ECALL ? answered_in_place(v) :
		   cause == CAUSE_ILLEGAL_INSN && time_read_in_place(v)) {
		return v;
	}
	return trap_handle_slow(v, cause);
}
