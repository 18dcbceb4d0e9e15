# measure/: region digests, TCG event log, evidence (docs/evidence.md).
# The monitor compiles these files itself (monitor/build.mk); here: their
# host unit tests and the lint include path for the freestanding side.

MEASURE_SRCS := measure/measure.c measure/evlog.c measure/evidence.c
SAMPLE_SRCS := tests/fuzz/sample.c

LINT_TARGET_CFLAGS += -I$(MBEDTLS_SRC)/include

HOST_TESTS += evlog evidence
HOST_TEST_SRCS_evlog := tests/host/test_evlog.c $(MEASURE_SRCS) $(SAMPLE_SRCS)
HOST_TEST_LDLIBS_evlog := -lmbedcrypto
HOST_TEST_SRCS_evidence := tests/host/test_evidence.c $(MEASURE_SRCS) \
	$(SAMPLE_SRCS)
HOST_TEST_LDLIBS_evidence := -lmbedcrypto
