# measure/: region digests, TCG event log, evidence (docs/evidence.md).
# The monitor compiles these files itself (monitor/build.mk); here: their
# host unit tests and the lint include path for the freestanding side.

MEASURE_SRCS := measure/measure.c measure/evlog.c measure/evidence.c \
	measure/audit_chain.c
SAMPLE_SRCS := tests/fuzz/sample.c measure/dice.c

# mbedTLS as the monitor configures it; -isystem: its headers are not ours
# to lint (and cppcheck, which gets only the -I paths, does not open them).
LINT_TARGET_CFLAGS += -isystem $(MBEDTLS_SRC)/include -Imonitor \
	-DMBEDTLS_CONFIG_FILE=<mbedtls_config.h>

HOST_TESTS += evlog evidence
HOST_TEST_SRCS_evlog := tests/host/test_evlog.c $(MEASURE_SRCS) $(SAMPLE_SRCS)
HOST_TEST_LDLIBS_evlog := -lmbedx509 -lmbedcrypto
HOST_TEST_SRCS_evidence := tests/host/test_evidence.c $(MEASURE_SRCS) \
	$(SAMPLE_SRCS)
HOST_TEST_LDLIBS_evidence := -lmbedx509 -lmbedcrypto

HOST_TESTS += sha256
HOST_TEST_SRCS_sha256 := tests/host/test_sha256.c measure/sha256_compress.c \
	tests/host/sha256_zknh_model.c
HOST_TEST_LDLIBS_sha256 := -lmbedcrypto
