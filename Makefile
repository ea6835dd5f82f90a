# GradStep: `make run` opens the first lesson, `make test` runs every test.
SWIFT ?= swift
# zlib (PNG compression) already comes with libgraphviz-dev; named so a check finds it.
DEB_PACKAGES := libgraphviz-dev libedit-dev libopenblas-dev zlib1g-dev pkg-config
PKG_MODULES := openblas libgvc libedit zlib
RELEASE_BIN := .build/release/gradstep
# Release programs link the Swift runtime and the little of Foundation they use statically,
# as a position-dependent executable: nothing to relocate at start, and only the pages a run
# touches become resident (p15_training_digits: 38 MiB peak with shared libraries, 28 static;
# interp_pure_python.py: 0.42 s, 0.35 s). The link prints one warning, about `mktemp`, from
# the toolchain's FoundationEssentials archive: ArgumentParser's error conformance pulls in
# its file-writing code, which GradStep never calls.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker -no-pie

.PHONY: run test build deps bench clean fuzz fuzz-build

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
	$(SWIFT) build $(RELEASE_FLAGS) --product gradstep

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Release benchmarks; `make bench PYTHON=/path/to/venv/bin/python` (a Python with torch)
# adds PyTorch/CPython side by side and the ratios. BENCH_RUNS runs per side (default 5).
bench: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product gradstep
	$(SWIFT) build $(RELEASE_FLAGS) --product GradStepBench
	PYTHON="$(PYTHON)" BENCH_RUNS="$(BENCH_RUNS)" python3 scripts/bench.py

# Installs the Debian packages the C shims link against, when any is missing.
deps:
	@./scripts/install-deps.sh $(DEB_PACKAGES) -- $(PKG_MODULES)

clean:
	rm -rf .build

# Fuzzing with libFuzzer: the libraries are built with coverage and AddressSanitizer into their
# own scratch folder (the normal build is untouched), then each Fuzz/*Fuzz.swift is linked
# with libFuzzer's driver. `make fuzz` runs every target for FUZZ_SECONDS on one core, seeded
# from the project's programs and fixtures; crashes land in .build-fuzz/artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= Parser Interpreter Safetensors DOTLabel DebuggerCommand
FUZZ_SCRATCH := .build-fuzz
FUZZ_DIR := $(FUZZ_SCRATCH)/release
FUZZ_COVERAGE := -sanitize=address -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
FUZZ_MODULES := Autograd MiniPy Torch GraphRender Debugger _NumericsShims RealModule ComplexModule \
	Numerics InternalCollectionsUtilities BitCollections Collections ContainersPreview DequeModule \
	HashTreeCollections HeapModule OrderedCollections _RopeModule
FUZZ_LIBS = $$(pkg-config --libs openblas libgvc zlib)
FUZZ_OPTIONS ?= -detect_leaks=0 -timeout=20 -rss_limit_mb=6144 -max_len=4096

fuzz-build: deps
	$(SWIFT) build -c release --scratch-path $(FUZZ_SCRATCH) --target Debugger \
		$(foreach flag,$(FUZZ_COVERAGE),-Xswiftc $(flag))
	@for target in $(FUZZ_TARGETS); do \
		echo "linking fuzz-$$target"; \
		swiftc -O -parse-as-library -sanitize=fuzzer,address -I $(FUZZ_DIR)/Modules \
			-Xcc -fmodule-map-file=Sources/CBLAS/module.modulemap \
			-Xcc -fmodule-map-file=Sources/CGraphviz/module.modulemap \
			-Xcc -fmodule-map-file=Sources/CZlib/module.modulemap \
			-Xcc -fmodule-map-file=$(FUZZ_SCRATCH)/checkouts/swift-numerics/Sources/_NumericsShims/include/module.modulemap \
			Fuzz/$${target}Fuzz.swift $(foreach m,$(FUZZ_MODULES),$(FUZZ_DIR)/$(m).build/*.o) \
			$(FUZZ_LIBS) -o $(FUZZ_SCRATCH)/fuzz-$$target || exit 1; \
	done

fuzz: fuzz-build
	@mkdir -p $(FUZZ_SCRATCH)/artifacts $(FUZZ_SCRATCH)/work
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_SCRATCH)/corpus/$$target; \
		seeds=$$(for s in $$(Fuzz/seeds.sh $$target); do printf '%s ' "$(CURDIR)/$$s"; done); \
		echo "== fuzz-$$target for $(FUZZ_SECONDS)s"; \
		( cd $(FUZZ_SCRATCH)/work && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 ../fuzz-$$target $(FUZZ_OPTIONS) -max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=../artifacts/$$target- ../corpus/$$target $$seeds ) \
			> $(FUZZ_SCRATCH)/fuzz-$$target.log 2>&1; \
		status=$$?; tail -n 3 $(FUZZ_SCRATCH)/fuzz-$$target.log; \
		[ $$status -eq 0 ] || { echo "fuzz-$$target failed: see $(FUZZ_SCRATCH)/fuzz-$$target.log"; exit 1; }; \
	done
