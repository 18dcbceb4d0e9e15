// SPDX-License-Identifier: BSD-2-Clause
/*
 * What the payload gets back from the firmware (policy/resume.c, DESIGN
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
static struct resume_starts starts;

static int setup(void **state)
{
	unsigned int i;

	(void)state;
	memset(&v, 0, sizeof(v));
	memset(&s, 0, sizeof(s));
	memset(&starts, 0, sizeof(starts));
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
	return resume_decide(&s, &v, &starts, ENTRY);
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
	assert_int_equal(resume_decide(&s, &v, &starts, ENTRY),
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
	resume_decide(&caller_state, &caller, &starts, ENTRY);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
