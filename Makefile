# Crossdock — every target installs what it needs on a fresh Debian/Ubuntu machine.
# tzdata: the mappings resolve times in named zones (America/Chicago) through the system zone database.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libssh2-1-dev libxml2-dev zlib1g-dev openssh-server pkg-config tzdata
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

## demo: Crossdock on the bundled samples
demo: build
	@echo "== crossdock validate samples/x12 (good files, then broken ones) =="
	@$(BIN) validate samples/x12/*.edi; status=$$?; \
	echo "== exit code $$status (0 all accepted, 1 some rejected, 2 unreadable) =="; \
	echo "== crossdock ack samples/x12/204_004010_acme_two_sets_one_bad.edi =="; \
	$(BIN) ack samples/x12/204_004010_acme_two_sets_one_bad.edi; \
	echo "== crossdock translate samples/x12/214_004010_prfl_pickup_to_delivery.edi (CloudEvents, one per line) =="; \
	$(BIN) translate samples/x12/214_004010_prfl_pickup_to_delivery.edi || exit 1; \
	echo "== crossdock translate samples/csv/status_hub_batch.csv =="; \
	$(BIN) translate samples/csv/status_hub_batch.csv || exit 1; \
	echo "== crossdock mappings test =="; \
	$(BIN) mappings test || exit 1; \
	[ $$status -le 1 ]

## bench: release build, then the benchmarks under bench/ (X12 validate, then SFTP fetch)
bench: deps
	bash bench/run.sh
	bash bench/sftp_fetch.sh

clean:
	rm -rf .build var
