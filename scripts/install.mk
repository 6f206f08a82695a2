# make install / make uninstall (GNU conventions; docs/install.md).
#   make install PREFIX=/usr DESTDIR=/tmp/stage sysconfdir=/etc
# Installs what `make` built: the tools, jh.bin where the driver's
# request_firmware() finds it, the demo inmates and sample configs, man
# pages, bash completion, the systemd unit and the DKMS source of the
# driver (make install-dkms; the module itself is built by DKMS or by
# `make driver`). Included by the top Makefile.
PREFIX ?= /usr/local
prefix ?= $(PREFIX)
exec_prefix ?= $(prefix)
sbindir ?= $(exec_prefix)/sbin
datarootdir ?= $(prefix)/share
datadir ?= $(datarootdir)
mandir ?= $(datarootdir)/man
sysconfdir ?= $(prefix)/etc
# fixed by the kernel, not by the prefix
firmwaredir ?= /lib/firmware
systemdunitdir ?= $(prefix)/lib/systemd/system
bashcompdir ?= $(datarootdir)/bash-completion/completions
dkmsdir ?= /usr/src
INSTALL ?= install
INSTALL_PROGRAM ?= $(INSTALL) -m 755
INSTALL_DATA ?= $(INSTALL) -m 644

JH_VERSION := $(shell cat $(TOP)/VERSION)
JH_TOOLS := jh jh-discover jh-plan
# the demo inmates (docs/inmates.md); the violate-*/fuzz ones are tests
JH_INMATES := apic-demo uart-demo
JH_MAN8 := jh jh-discover jh-plan jh-boot
JH_MAN5 := jh-config
JH_SHARE := $(datadir)/jh
JH_DKMS := $(dkmsdir)/jh-$(JH_VERSION)

# @dir@ placeholders of the installed scripts and unit
JH_SUBST := sed -e 's|@sysconfdir@|$(sysconfdir)|g' -e 's|@sbindir@|$(sbindir)|g' \
	-e 's|@datadir@|$(datadir)|g' -e 's|@version@|$(JH_VERSION)|g'

.PHONY: install uninstall install-dkms uninstall-dkms

install:
	@for f in $(JH_TOOLS:%=build/bin/%) build/hypervisor/jh.bin \
		  $(JH_INMATES:%=build/inmates/%.bin); do \
		[ -f $$f ] || { echo "install: $$f is not built: run make first" >&2; exit 1; }; done
	$(INSTALL) -d $(DESTDIR)$(sbindir) $(DESTDIR)$(firmwaredir) \
		$(DESTDIR)$(JH_SHARE)/inmates $(DESTDIR)$(JH_SHARE)/configs \
		$(DESTDIR)$(JH_SHARE)/examples $(DESTDIR)$(mandir)/man5 \
		$(DESTDIR)$(mandir)/man8 $(DESTDIR)$(bashcompdir) \
		$(DESTDIR)$(systemdunitdir) $(DESTDIR)$(sysconfdir)/jh
	$(INSTALL_PROGRAM) $(JH_TOOLS:%=build/bin/%) $(DESTDIR)$(sbindir)/
	$(JH_SUBST) tools/jh-boot >$(DESTDIR)$(sbindir)/jh-boot
	chmod 755 $(DESTDIR)$(sbindir)/jh-boot
	$(INSTALL_DATA) build/hypervisor/jh.bin $(DESTDIR)$(firmwaredir)/jh.bin
	$(INSTALL_DATA) $(JH_INMATES:%=build/inmates/%.bin) $(DESTDIR)$(JH_SHARE)/inmates/
	$(INSTALL_DATA) configs/*.c build/configs/*.cell $(DESTDIR)$(JH_SHARE)/configs/
	$(INSTALL_DATA) dist/jh.conf dist/cells $(DESTDIR)$(JH_SHARE)/examples/
	$(INSTALL_DATA) $(JH_MAN8:%=docs/man/%.8) $(DESTDIR)$(mandir)/man8/
	$(INSTALL_DATA) $(JH_MAN5:%=docs/man/%.5) $(DESTDIR)$(mandir)/man5/
	$(INSTALL_DATA) dist/bash-completion/jh $(DESTDIR)$(bashcompdir)/jh
	ln -sf jh $(DESTDIR)$(bashcompdir)/jh-discover
	ln -sf jh $(DESTDIR)$(bashcompdir)/jh-plan
	$(JH_SUBST) dist/jh.service >$(DESTDIR)$(systemdunitdir)/jh.service
	chmod 644 $(DESTDIR)$(systemdunitdir)/jh.service

uninstall:
	rm -f $(JH_TOOLS:%=$(DESTDIR)$(sbindir)/%) $(DESTDIR)$(sbindir)/jh-boot
	rm -f $(DESTDIR)$(firmwaredir)/jh.bin
	rm -rf $(DESTDIR)$(JH_SHARE)
	rm -f $(JH_MAN8:%=$(DESTDIR)$(mandir)/man8/%.8) $(JH_MAN5:%=$(DESTDIR)$(mandir)/man5/%.5)
	rm -f $(DESTDIR)$(bashcompdir)/jh $(DESTDIR)$(bashcompdir)/jh-discover \
		$(DESTDIR)$(bashcompdir)/jh-plan
	rm -f $(DESTDIR)$(systemdunitdir)/jh.service
	rmdir $(DESTDIR)$(sysconfdir)/jh 2>/dev/null || true

# the driver's source as DKMS wants it: dkms add/build/install jh/VERSION
# (dist/dkms.conf; docs/install.md)
install-dkms:
	$(INSTALL) -d $(DESTDIR)$(JH_DKMS)/driver $(DESTDIR)$(JH_DKMS)/common \
		$(DESTDIR)$(JH_DKMS)/include/jh
	$(INSTALL_DATA) driver/Makefile driver/Kbuild driver/*.c driver/*.h driver/*.S \
		$(DESTDIR)$(JH_DKMS)/driver/
	$(INSTALL_DATA) common/*.c common/*.h $(DESTDIR)$(JH_DKMS)/common/
	$(INSTALL_DATA) include/jh/*.h $(DESTDIR)$(JH_DKMS)/include/jh/
	$(JH_SUBST) dist/dkms.conf >$(DESTDIR)$(JH_DKMS)/dkms.conf
	chmod 644 $(DESTDIR)$(JH_DKMS)/dkms.conf

uninstall-dkms:
	rm -rf $(DESTDIR)$(JH_DKMS)

# Debian packages jh, jh-dkms, jh-inmates (debian/) from a copy of this
# tree without build/ and .git, into build/deb/; then lintian on them
.PHONY: deb
deb:
	rm -rf build/deb
	mkdir -p build/deb/jh-$(JH_VERSION)
	tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C build/deb/jh-$(JH_VERSION)
	cd build/deb/jh-$(JH_VERSION) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error build/deb/jh_$(JH_VERSION)_*.changes
