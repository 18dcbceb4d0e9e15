# Host unit tests: every name in HOST_TESTS becomes $(BUILD)/host/test_NAME,
# built from HOST_TEST_SRCS_NAME (one object per source, per test, so that
# HOST_TEST_CFLAGS_NAME applies to the code under test too) with ASan/UBSan
# and strict warnings, linked with cmocka. Run by tests/host/run.sh.
#
# Declare a test in your directory's build.mk (included before this file):
#     HOST_TESTS += foo
#     HOST_TEST_SRCS_foo := tests/host/test_foo.c monitor/core/foo.c
#     HOST_TEST_CFLAGS_foo := -Imonitor/include     (optional)
#     HOST_TEST_LDLIBS_foo := -lfdt                 (optional)

HOST_TESTS += membuf
HOST_TESTS += string
HOST_TEST_SRCS_string := tests/host/test_string.c lib/string.c
# the monitor's functions under their own names, beside the host's libc
HOST_TEST_CFLAGS_string := -fno-builtin -Dmemcpy=lib_memcpy \
	-Dmemmove=lib_memmove -Dmemset=lib_memset -Dmemcmp=lib_memcmp \
	-Dmemchr=lib_memchr -Dstrlen=lib_strlen -Dstrnlen=lib_strnlen \
	-Dstrcmp=lib_strcmp -Dstrchr=lib_strchr -Dstrrchr=lib_strrchr
HOST_TEST_SRCS_membuf := tests/host/test_membuf.c tests/host/lib/membuf.c

HOST_TEST_CFLAGS := -std=gnu11 -g -O1 -fsanitize=address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wvla -I.
HOST_TEST_LDFLAGS := -fsanitize=address,undefined

define host_test_rules
HOST_TEST_OBJS_$(1) := $$(patsubst %.c,$(BUILD)/host/obj/$(1)/%.o,$$(HOST_TEST_SRCS_$(1)))

$(BUILD)/host/obj/$(1)/%.o: %.c
	$$(call quiet,HOSTCC,$$<)mkdir -p $$(@D) && $$(HOSTCC) $$(HOST_TEST_CFLAGS) \
		$$(HOST_TEST_CFLAGS_$(1)) -MMD -MP -c -o $$@ $$<

$(BUILD)/host/test_$(1): $$(HOST_TEST_OBJS_$(1))
	$$(call quiet,HOSTLD,$$@)$$(HOSTCC) $$(HOST_TEST_LDFLAGS) -o $$@ $$^ \
		$$(HOST_TEST_LDLIBS_$(1)) -lcmocka

-include $$(HOST_TEST_OBJS_$(1):.o=.d)
endef

HOST_TESTS := $(sort $(HOST_TESTS))
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rules,$(t))))

.PHONY: host-tests
host-tests: $(addprefix $(BUILD)/host/test_,$(HOST_TESTS))
