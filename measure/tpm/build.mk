# TPM side of measured boot (the monitor links measure/tpm_tis.c and
# measure/tpm2_cmd.c; see measure/tpm_tis.h and measure/tpm2_cmd.h):
# host tests, and the attestation key provisioned into the swtpm state that
# TPM=1 boots use (scripts/qemu.sh --tpm-state).

# Freestanding files include <string.h>: the monitor's own (as its build does).
LINT_TARGET_CFLAGS += -Ilib/include

TPM_STATE := $(BUILD)/tpm-state
TPM_AK := $(BUILD)/keys/ak.pub $(BUILD)/keys/ak.pub.pem

# A TPM and AK once, when missing: a registered AK is never replaced
# behind the user's back (keys/provision-ak.sh --force does it on purpose).
$(TPM_STATE)/tpm2-00.permall $(TPM_AK) &: | keys/provision-ak.sh
	$(call quiet,TPM-AK,$(TPM_STATE))keys/provision-ak.sh $(TPM_STATE) \
		$(BUILD)/keys >/dev/null

ALL_TARGETS += $(TPM_STATE)/tpm2-00.permall $(TPM_AK)

HOST_TESTS += tpm_tis tpm2_cmd tpm_swtpm
HOST_TEST_SRCS_tpm_tis := tests/host/test_tpm_tis.c measure/tpm_tis.c
HOST_TEST_SRCS_tpm2_cmd := tests/host/test_tpm2_cmd.c measure/tpm2_cmd.c
# Against a real swtpm, judged by tpm2_pcrread and tpm2_checkquote.
HOST_TEST_SRCS_tpm_swtpm := tests/host/tpm_swtpm_check.c measure/tpm2_cmd.c
HOST_TEST_LDLIBS_tpm_swtpm := -lmbedcrypto
