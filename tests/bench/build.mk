# tests/bench: make bench's QEMU plugin (built by scripts/bench-scale.sh,
# which make bench runs): host code, linted against QEMU's plugin header
# (make deps fetches it).
LINT_HOST += tests/bench/%
LINT_CFLAGS += -isystem $(RAMPART_CACHE)/src/qemu-plugin
