# jh: top-level build. `make` builds every part, `make check` runs every
# test (unit, sanitizer, golden, emulator) and ends with one summary line.
TOP := $(CURDIR)
export TOP

# parts built by `make`, in dependency order; each has its own Makefile
PARTS := tools discover generator configs hypervisor inmates

# kernel tree or headers for `make driver` (kbuild convention)
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))

.PHONY: all $(PARTS) driver check e2e bench fuzz clean deps demo

all: $(PARTS) driver

$(PARTS):
	@if [ -f $@/Makefile ]; then $(MAKE) -C $@; fi

configs: tools
generator: discover

driver:
	@if [ -f driver/Makefile ]; then \
		if [ -n "$(KDIR)" ]; then $(MAKE) -C driver KDIR=$(KDIR); \
		else echo "driver: no kernel headers found, set KDIR=DIR" >&2; fi; \
	fi

deps:
	scripts/install-deps.sh

# check, e2e, bench and demo first install what they need (a no-op once
# everything is there), so each works on a fresh Debian 12 machine.
check: deps
	$(MAKE) all
	tests/run.sh

e2e: deps
	$(MAKE) all
	tests/run.sh e2e

# the fuzzers; the emulator ones (e2e-fuzz-*) longer than in check:
# FUZZ_LONG=1 gives more seeds and longer sequences (docs/testing.md)
fuzz: deps
	$(MAKE) all
	FUZZ_LONG=1 tests/run.sh fuzz e2e-fuzz

bench: deps
	$(MAKE) all
	scripts/bench.sh

demo: deps
	scripts/demo.sh

clean:
	@for p in $(PARTS) driver tests; do \
		[ -f $$p/Makefile ] && $(MAKE) -C $$p clean; done; true
	rm -rf build

# make install, make uninstall, make install-dkms (docs/install.md)
include scripts/install.mk
