# GradStep: `make run` opens the first lesson, `make test` runs every test.
SWIFT ?= swift
DEB_PACKAGES := libgraphviz-dev libedit-dev libopenblas-dev pkg-config
PKG_MODULES := openblas libgvc libedit
RELEASE_BIN := .build/release/gradstep

.PHONY: run test build deps bench clean

run: build
	$(RELEASE_BIN) --help

build: deps
	$(SWIFT) build -c release --product gradstep

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release --product GradStepBench
	.build/release/GradStepBench

# Installs the Debian packages the C shims link against, when any is missing.
deps:
	@./scripts/install-deps.sh $(DEB_PACKAGES) -- $(PKG_MODULES)

clean:
	rm -rf .build
