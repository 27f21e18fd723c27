# tiplex — one command to set up and run, one to test. Both create .venv idempotently.
#
#   make demo    the weekly pipeline on the bundled mirror, offline, embedded default
#   make test    the test suite
#   make bench   throughput and latency figures (prints ratios against a baseline in the same run)
#   make lint    ruff

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# torch first and pinned to the CPU build: an unpinned torch pulls a multi-GB CUDA build.
# Outside this project's machines, point pip at the CPU wheels, e.g.
#   make TORCH_INDEX="--index-url https://download.pytorch.org/whl/cpu" demo
TORCH_INDEX ?=
export TIPLEX_HOME ?= $(CURDIR)/.tiplex
export HF_HUB_OFFLINE := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: venv demo test bench lint clean chromium

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0 $(TORCH_INDEX)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tiplex demo

# Sources that need a browser drive Debian's Chromium through Playwright; no browser is ever
# downloaded. Installed only when missing (needs root); without it those tests are skipped.
chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium) \
		|| echo "chromium not installed: browser-rendered sources cannot run, their tests skip"

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m tiplex.bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check tiplex flows deployments

clean:
	rm -rf $(VENV) .tiplex
