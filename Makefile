# GradStep: `make run` opens the first lesson, `make test` runs every test.
SWIFT ?= swift
# zlib (PNG compression) already comes with libgraphviz-dev; named so a check finds it.
DEB_PACKAGES := libgraphviz-dev libedit-dev libopenblas-dev zlib1g-dev pkg-config
PKG_MODULES := openblas libgvc libedit zlib
RELEASE_BIN := .build/release/gradstep

.PHONY: run test build deps bench clean

FIRST_LESSON := lessons/01_tensors_and_autograd.py

# Opens the first lesson in the debugger; without a terminal, runs it through instead.
run: build
	@if [ -t 0 ] && [ -t 1 ]; then \
		$(RELEASE_BIN) $(FIRST_LESSON); \
	else \
		$(RELEASE_BIN) run $(FIRST_LESSON) && \
		echo "(no terminal: ran the lesson through; open it in the debugger with $(RELEASE_BIN) $(FIRST_LESSON))"; \
	fi

build: deps
	$(SWIFT) build -c release --product gradstep

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Release benchmarks; `make bench PYTHON=/path/to/venv/bin/python` (a Python with torch)
# adds PyTorch/CPython side by side and the ratios. BENCH_RUNS runs per side (default 5).
bench: deps
	$(SWIFT) build -c release --product gradstep
	$(SWIFT) build -c release --product GradStepBench
	PYTHON="$(PYTHON)" BENCH_RUNS="$(BENCH_RUNS)" python3 scripts/bench.py

# Installs the Debian packages the C shims link against, when any is missing.
deps:
	@./scripts/install-deps.sh $(DEB_PACKAGES) -- $(PKG_MODULES)

clean:
	rm -rf .build
