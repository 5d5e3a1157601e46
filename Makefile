# Crossdock — every target installs what it needs on a fresh Debian/Ubuntu machine.
# tzdata: the mappings resolve times in named zones (America/Chicago) through the system zone database.
# chromium: the console test opens the operator console in headless Chromium.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libssh2-1-dev libxml2-dev zlib1g-dev openssh-server pkg-config tzdata chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null)/crossdock

.PHONY: deps build test demo bench clean

## deps: install the missing system packages (does nothing when they are all present)
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

## test: the whole suite, with the servers it needs started by the tests themselves
test: deps
	$(SWIFT) test

## demo: the whole bridge on the bundled samples (demo/crossdock.yaml): the X12 samples of both partners
## and the hub's CSV, fixed-width and XML batches dropped into var/demo, processed into a SQLite store,
## events written into folder destinations standing for the ERP and billing APIs, acks into each partner's
## outbound folder, and the summary on screen.
demo: build
	@rm -rf var/demo
	@mkdir -p var/demo/inbound var/demo/hub var/demo/out/erp var/demo/out/billing
	@cp samples/x12/*.edi var/demo/inbound/
	@cp samples/csv/*.csv samples/fixed/*.txt samples/xml/*.xml var/demo/hub/
	@echo "== crossdock run --once --config demo/crossdock.yaml =="
	@$(BIN) run --once --config demo/crossdock.yaml; status=$$?; \
	echo "== acks written to the partners =="; \
	ls var/demo/partners/*/outbound | head -40; \
	echo "== events delivered: $$(ls var/demo/out/erp | wc -l) to erp, $$(ls var/demo/out/billing | wc -l) to billing =="; \
	echo "== crossdock status --config demo/crossdock.yaml =="; \
	$(BIN) status --config demo/crossdock.yaml --limit 5; \
	exit $$status

## bench: release build, then the benchmarks under bench/ (X12 validate and translate, SFTP fetch, end to end)
bench: deps
	bash bench/run.sh
	bash bench/sftp_fetch.sh
	bash bench/e2e.sh

clean:
	rm -rf .build var
