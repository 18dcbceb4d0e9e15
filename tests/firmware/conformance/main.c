// SPDX-License-Identifier: BSD-2-Clause
/*
 * conformance: checks that virtual M-mode behaves like QEMU's M-mode. The
 * same image runs as QEMU -bios and under Rampart; the CHK lines of the two
 * runs must be identical (tests/qemu/cases/fw-conformance.case).
 */
#include "check.h"

void fw_main(void)
{
	puts_("CONFORMANCE START\n");
	test_reset();
	/* Deterministic timer state from here on (QEMU resets mtimecmp to 0). */
	mmio_write64(CLINT_MTIMECMP0, ~0UL);
	if (!hart_has_s_mode()) {
		/* the other groups run code in S-mode, or read its CSRs */
		test_no_s();
		test_traps();
		test_pmp_csrs();
		goto done;
	}
	test_csr();
	test_warl();
	test_traps();
	test_pmp_csrs();
	pmp_allow_all_lower();
	test_lower();
	test_pmp_access();
	test_timer_ipi();
	test_s_irq();
	test_mmode();
done:
	puts_("CONFORMANCE DONE ");
	putdec(chk_total());
	putc_('\n');
	poweroff(0);
}
