// SPDX-License-Identifier: BSD-2-Clause
/*
 * What the payload gets back from the firmware (policy/resume.c, docs/policy.md
 * protect-payload rules 3, 4 and 7), decided on a struct vcpu alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "monitor/core/riscv.h"
#include "monitor/core/vcpu.h"
#include "policy/resume.h"

#define ENTRY 0x80200000ULL
#define CALL_PC 0x80201000ULL

static struct vcpu v;
static struct resume_state s;
static struct resume_start records[8];

/* The policy keeps a hart's record with its own state; here, an array. */
static struct resume_start *record_of(u64 id)
{
	return id < 8 ? &records[id] : NULL;
}

static struct resume_starts starts = { .of = record_of };

static int setup(void **state)
{
	unsigned int i;

	(void)state;
	memset(&v, 0, sizeof(v));
	memset(&s, 0, sizeof(s));
	memset(records, 0, sizeof(records));
	starts.booted = 0;
	v.hartid = 1;
	for (i = 1; i < 32; i++)
		v.x[i] = 0x1000 + i; /* the payload's registers */
	v.csr.satp = 0x8000000000012345ULL;
	v.csr.mie = MIP_SSIP | MIP_STIP | MIP_MTIP;
	return 0;
}

/* The payload trapped with @cause at CALL_PC from S: the monitor injected it. */
static void trap_from_payload(u64 cause)
{
	v.csr.mcause = cause;
	v.csr.mepc = CALL_PC;
	v.csr.mstatus = (u64)PRV_S << MSTATUS_MPP_SHIFT;
	resume_save(&s, &v, &starts);
	resume_scrub(&s, &v);
	v.mode = PRV_M;
}

/* The firmware mret to S at @pc, after scribbling over everything. */
static enum resume_verdict firmware_returns(u64 pc, u64 a0, u64 a1)
{
	unsigned int i;

	for (i = 1; i < 32; i++)
		v.x[i] = 0xbad0000 + i;
	v.x[REG_A0] = a0;
	v.x[REG_A1] = a1;
	v.csr.satp = 0x777;
	v.pc = pc;
	v.mode = PRV_S;
	return resume_decide(&s, &v, &starts, starts.of(v.hartid), ENTRY);
}

static void test_ecall_scrub_keeps_only_a0_a7(void **state)
{
	unsigned int i;

	(void)state;
	trap_from_payload(CAUSE_SUPERVISOR_ECALL);
	for (i = 1; i < 32; i++)
		assert_int_equal(v.x[i], i >= 10 && i <= 17 ? 0x1000 + i : 0);
	assert_int_equal(v.csr.satp, 0);
	assert_int_equal(v.csr.mie & MIP_S_BITS, 0);
}

static void test_interrupt_scrub_keeps_nothing(void **state)
{
	unsigned int i;

	(void)state;
	trap_from_payload(CAUSE_IRQ_FLAG | IRQ_M_TIMER);
	for (i = 1; i < 32; i++)
		assert_int_equal(v.x[i], 0);
}

static void test_ecall_resumes_after_it_with_a0_a1(void **state)
{
	unsigned int i;

	(void)state;
	starts.booted = 1;
	trap_from_payload(CAUSE_SUPERVISOR_ECALL);
	assert_int_equal(firmware_returns(0x80666000, 7, 8), RESUME_RESTORED);
	assert_int_equal(v.pc, CALL_PC + 4);
	assert_int_equal(v.x[REG_A0], 7);
	assert_int_equal(v.x[REG_A1], 8);
	for (i = 1; i < 32; i++)
		if (i != REG_A0 && i != REG_A1)
			assert_int_equal(v.x[i], 0x1000 + i);
	assert_int_equal(v.csr.satp, 0x8000000000012345ULL);
	assert_int_equal(v.csr.mie & MIP_S_BITS, MIP_SSIP | MIP_STIP);
}

static void test_interrupt_resumes_where_it_was(void **state)
{
	(void)state;
	starts.booted = 1;
	trap_from_payload(CAUSE_IRQ_FLAG | IRQ_M_TIMER);
	assert_int_equal(firmware_returns(0x80666000, 7, 8), RESUME_RESTORED);
	assert_int_equal(v.pc, CALL_PC);
	assert_int_equal(v.x[REG_A0], 0x1000 + REG_A0);
}

static void test_boot_entry_once_and_corrected(void **state)
{
	(void)state;
	v.x[REG_A0] = 1;
	v.x[REG_A1] = 0x9fe00000;
	v.pc = ENTRY + 0x10; /* bent */
	v.mode = PRV_S;
	assert_int_equal(resume_decide(&s, &v, &starts, starts.of(v.hartid),
				       ENTRY),
			 RESUME_CORRECTED);
	assert_int_equal(v.pc, ENTRY);
	assert_int_equal(s.attempted_pc, ENTRY + 0x10);
	assert_int_equal(v.x[REG_A1], 0x9fe00000);
	/* a second fresh entry nobody asked for is refused */
	assert_int_equal(firmware_returns(ENTRY, 1, 0), RESUME_REFUSED);
}

/* Hart 0 asks to start hart 1 at 0x80200100 with opaque 0x1234. */
static void ask_start(void)
{
	struct resume_state other = { 0 };
	struct vcpu caller = v;

	caller.hartid = 0;
	caller.csr.mcause = CAUSE_SUPERVISOR_ECALL;
	caller.x[REG_A7] = SBI_EXT_HSM;
	caller.x[REG_A6] = SBI_HSM_HART_START;
	caller.x[REG_A0] = 1;
	caller.x[REG_A1] = 0x80200100;
	caller.x[REG_A2] = 0x1234;
	resume_save(&other, &caller, &starts);
}

static void test_hart_start_as_asked_and_bent(void **state)
{
	(void)state;
	starts.booted = 1;
	ask_start();
	assert_int_equal(firmware_returns(0x80200100, 1, 0x1234), RESUME_FRESH);
	/* hart 1 stops (a start for a running hart is no entry), and is
	 * asked for again */
	v.x[REG_A7] = SBI_EXT_HSM;
	v.x[REG_A6] = SBI_HSM_HART_STOP;
	trap_from_payload(CAUSE_SUPERVISOR_ECALL);
	ask_start();
	assert_int_equal(firmware_returns(0x80200200, 1, 0x666),
			 RESUME_CORRECTED);
	assert_int_equal(v.pc, 0x80200100);
	assert_int_equal(v.x[REG_A1], 0x1234);
	/* used up: the same entry again is refused */
	assert_int_equal(firmware_returns(0x80200100, 1, 0x1234),
			 RESUME_REFUSED);
}

static void test_refused_hart_start_is_cancelled(void **state)
{
	struct resume_state caller_state = { 0 };
	struct vcpu caller;

	(void)state;
	starts.booted = 1;
	caller = v;
	caller.hartid = 0;
	caller.csr.mcause = CAUSE_SUPERVISOR_ECALL;
	caller.x[REG_A7] = SBI_EXT_HSM;
	caller.x[REG_A6] = SBI_HSM_HART_START;
	caller.x[REG_A0] = 1;
	caller.x[REG_A1] = 0x80200100;
	caller.x[REG_A2] = 0x1234;
	resume_save(&caller_state, &caller, &starts);
	/* the firmware answers the caller with an error */
	caller.x[REG_A0] = (u64)-3;
	caller.pc = CALL_PC + 4;
	resume_decide(&caller_state, &caller, &starts, starts.of(caller.hartid),
		      ENTRY);
	/* ...and later enters hart 1 at the stale entry: refused */
	assert_int_equal(firmware_returns(0x80200100, 1, 0x1234),
			 RESUME_REFUSED);
}

static void suspend_call(void)
{
	v.x[REG_A7] = SBI_EXT_HSM;
	v.x[REG_A6] = SBI_HSM_HART_SUSPEND;
	v.x[REG_A0] = SBI_HSM_SUSPEND_NON_RETENTIVE;
	v.x[REG_A1] = 0x80200300;
	v.x[REG_A2] = 0x5678;
	trap_from_payload(CAUSE_SUPERVISOR_ECALL);
}

static void test_non_retentive_suspend_resumes_at_its_address(void **state)
{
	(void)state;
	starts.booted = 1;
	suspend_call();
	assert_int_equal(firmware_returns(0x80200304, 1, 0x666),
			 RESUME_CORRECTED);
	assert_int_equal(v.pc, 0x80200300);
	assert_int_equal(v.x[REG_A0], 1);
	assert_int_equal(v.x[REG_A1], 0x5678);
}

static void test_failed_suspend_returns_and_voids_the_entry(void **state)
{
	(void)state;
	starts.booted = 1;
	suspend_call();
	assert_int_equal(firmware_returns(CALL_PC + 4, (u64)-1, 0),
			 RESUME_RESTORED);
	assert_int_equal(v.x[REG_A0], (u64)-1);
	assert_int_equal(firmware_returns(0x80200300, 1, 0x5678),
			 RESUME_REFUSED);
}

/* --- stale entries (rule 7): a record lives from the request to the
 * target's next entry, and only as long as the request stands --- */

#define SBI_HSM_HART_GET_STATUS 2
#define HSM_STARTED 0
#define HSM_STOPPED 1
#define HSM_START_PENDING 2
#define START_A 0x80200100ULL
#define START_B 0x80200200ULL
#define OPAQUE_A 0x1234ULL
#define OPAQUE_B 0x4321ULL

/* hart 0's and hart 2's payload state, while hart 1 is @v */
static struct resume_state s0, s2;

/* Hart @hart (0 or 2) makes HSM call @fid(a0, a1, a2): the monitor saves
 * its state and hands the call to the firmware. */
static void hsm_call_from(unsigned int hart, u64 fid, u64 a0, u64 a1, u64 a2)
{
	struct vcpu caller = v;

	caller.hartid = hart;
	caller.csr.mcause = CAUSE_SUPERVISOR_ECALL;
	caller.csr.mepc = CALL_PC;
	caller.csr.mstatus = (u64)PRV_S << MSTATUS_MPP_SHIFT;
	caller.x[REG_A7] = SBI_EXT_HSM;
	caller.x[REG_A6] = fid;
	caller.x[REG_A0] = a0;
	caller.x[REG_A1] = a1;
	caller.x[REG_A2] = a2;
	memset(hart ? &s2 : &s0, 0, sizeof(s0));
	resume_save(hart ? &s2 : &s0, &caller, &starts);
}

/* The firmware answers hart @hart's call with (@err, @val). */
static enum resume_verdict answer_to(unsigned int hart, u64 err, u64 val)
{
	struct vcpu caller = v;

	caller.hartid = hart;
	caller.x[REG_A0] = err;
	caller.x[REG_A1] = val;
	caller.pc = CALL_PC + 4;
	caller.mode = PRV_S;
	return resume_decide(hart ? &s2 : &s0, &caller, &starts,
			     starts.of(caller.hartid), ENTRY);
}

/* Hart 1 boots (the boot entry): from then on it runs the payload. */
static void hart1_boots(void)
{
	starts.booted = 0;
	assert_int_equal(firmware_returns(ENTRY, 1, 0x9fe00000), RESUME_FRESH);
}

/* The firmware said the start succeeded but never started hart 1; the
 * payload gave up and asked its status: "stopped". The start is stale. */
static void test_unstarted_start_void_once_status_says_stopped(void **state)
{
	(void)state;
	starts.booted = 1;
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	assert_int_equal(answer_to(0, 0, 0), RESUME_RESTORED);
	hsm_call_from(0, SBI_HSM_HART_GET_STATUS, 1, 0, 0);
	assert_int_equal(answer_to(0, 0, HSM_STOPPED), RESUME_RESTORED);
	assert_int_equal(firmware_returns(START_A, 1, OPAQUE_A),
			 RESUME_REFUSED);
}

/* An error from get_status says nothing is pending either. */
static void test_unstarted_start_void_once_status_fails(void **state)
{
	(void)state;
	starts.booted = 1;
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	answer_to(0, 0, 0);
	hsm_call_from(0, SBI_HSM_HART_GET_STATUS, 1, 0, 0);
	answer_to(0, (u64)-3, 0);
	assert_int_equal(firmware_returns(START_A, 1, OPAQUE_A),
			 RESUME_REFUSED);
}

/* Polling a start that is on its way (START_PENDING) keeps it. */
static void test_pending_start_survives_status_poll(void **state)
{
	(void)state;
	starts.booted = 1;
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	answer_to(0, 0, 0);
	hsm_call_from(0, SBI_HSM_HART_GET_STATUS, 1, 0, 0);
	answer_to(0, 0, HSM_START_PENDING);
	assert_int_equal(firmware_returns(START_A, 1, OPAQUE_A), RESUME_FRESH);
}

/* Asking again replaces the first request: its entry is stale. */
static void test_new_start_replaces_old(void **state)
{
	(void)state;
	starts.booted = 1;
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	answer_to(0, 0, 0);
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_B, OPAQUE_B);
	answer_to(0, 0, 0);
	assert_int_equal(firmware_returns(START_A, 1, OPAQUE_A),
			 RESUME_CORRECTED);
	assert_int_equal(v.pc, START_B);
	assert_int_equal(v.x[REG_A1], OPAQUE_B);
}

/* The firmware refuses the second request: neither entry stands. */
static void test_refused_new_start_voids_the_old_too(void **state)
{
	(void)state;
	starts.booted = 1;
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	answer_to(0, 0, 0);
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_B, OPAQUE_B);
	answer_to(0, (u64)-6, 0);
	assert_int_equal(firmware_returns(START_A, 1, OPAQUE_A),
			 RESUME_REFUSED);
}

/* An error answer voids only the request it answers, not a newer one. */
static void test_refusal_spares_a_newer_request(void **state)
{
	(void)state;
	starts.booted = 1;
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	hsm_call_from(2, SBI_HSM_HART_START, 1, START_B, OPAQUE_B);
	answer_to(0, (u64)-6, 0);
	answer_to(2, 0, 0);
	assert_int_equal(firmware_returns(START_B, 1, OPAQUE_B), RESUME_FRESH);
}

/* A start asked while hart 1 runs the payload (the firmware should say
 * ALREADY_AVAILABLE; it says success) is never an entry, even after hart
 * 1 stops. */
static void test_start_of_running_hart_not_recorded(void **state)
{
	(void)state;
	hart1_boots();
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	answer_to(0, 0, 0);
	v.x[REG_A7] = SBI_EXT_HSM;
	v.x[REG_A6] = SBI_HSM_HART_STOP;
	trap_from_payload(CAUSE_SUPERVISOR_ECALL);
	assert_int_equal(firmware_returns(START_A, 1, OPAQUE_A),
			 RESUME_REFUSED);
}

/* Once hart 1 stopped, a start for it is an entry again. */
static void test_start_after_stop_is_recorded(void **state)
{
	(void)state;
	hart1_boots();
	v.x[REG_A7] = SBI_EXT_HSM;
	v.x[REG_A6] = SBI_HSM_HART_STOP;
	trap_from_payload(CAUSE_SUPERVISOR_ECALL);
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	answer_to(0, 0, 0);
	assert_int_equal(firmware_returns(START_A, 1, OPAQUE_A), RESUME_FRESH);
}

/* A hart_start for a suspended hart neither replaces its resume entry
 * nor becomes one: the suspend record is that hart's, for that call. */
static void test_start_cannot_take_a_suspend_record(void **state)
{
	(void)state;
	hart1_boots();
	suspend_call();
	hsm_call_from(0, SBI_HSM_HART_START, 1, START_A, OPAQUE_A);
	answer_to(0, 0, 0);
	assert_int_equal(firmware_returns(START_A, 1, OPAQUE_A),
			 RESUME_CORRECTED);
	assert_int_equal(v.pc, 0x80200300);
	assert_int_equal(v.x[REG_A1], 0x5678);
}

/* A resume entry used once is gone: after a later stop it is no start. */
static void test_suspend_record_only_for_its_call(void **state)
{
	(void)state;
	hart1_boots();
	suspend_call();
	assert_int_equal(firmware_returns(0x80200300, 1, 0x5678), RESUME_FRESH);
	v.x[REG_A7] = SBI_EXT_HSM;
	v.x[REG_A6] = SBI_HSM_HART_STOP;
	trap_from_payload(CAUSE_SUPERVISOR_ECALL);
	assert_int_equal(firmware_returns(0x80200300, 1, 0x5678),
			 RESUME_REFUSED);
}

/* A failed hart_stop comes back right after its ecall, with its error. */
static void test_failed_stop_returns(void **state)
{
	(void)state;
	hart1_boots();
	v.x[REG_A7] = SBI_EXT_HSM;
	v.x[REG_A6] = SBI_HSM_HART_STOP;
	trap_from_payload(CAUSE_SUPERVISOR_ECALL);
	assert_int_equal(firmware_returns(CALL_PC + 4, (u64)-1, 0),
			 RESUME_RESTORED);
	assert_int_equal(v.x[REG_A0], (u64)-1);
}

#define T(f) cmocka_unit_test_setup(f, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_ecall_scrub_keeps_only_a0_a7),
		T(test_interrupt_scrub_keeps_nothing),
		T(test_ecall_resumes_after_it_with_a0_a1),
		T(test_interrupt_resumes_where_it_was),
		T(test_boot_entry_once_and_corrected),
		T(test_hart_start_as_asked_and_bent),
		T(test_refused_hart_start_is_cancelled),
		T(test_non_retentive_suspend_resumes_at_its_address),
		T(test_failed_suspend_returns_and_voids_the_entry),
		T(test_unstarted_start_void_once_status_says_stopped),
		T(test_unstarted_start_void_once_status_fails),
		T(test_pending_start_survives_status_poll),
		T(test_new_start_replaces_old),
		T(test_refused_new_start_voids_the_old_too),
		T(test_refusal_spares_a_newer_request),
		T(test_start_of_running_hart_not_recorded),
		T(test_start_after_stop_is_recorded),
		T(test_start_cannot_take_a_suspend_record),
		T(test_suspend_record_only_for_its_call),
		T(test_failed_stop_returns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
