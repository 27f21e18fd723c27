# tiplex — one command to set up and run, one to test. Both create .venv idempotently.
#
#   make demo    the weekly pipeline on the bundled mirror, offline, embedded default
#   make serve   the web app and HTTP API on the demo's index (http://127.0.0.1:8000/)
#   make test    the test suite (the browser tests use Debian's chromium; installed if missing)
#   make bench   throughput and latency figures (prints ratios against a baseline in the same run)
#   make reliability  kills, bad files, bad queries, crawl faults, full disk: the table of what
#                the pipeline survives (about an hour on two busy cores)
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

HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM := /usr/bin/chromium

.PHONY: venv system-deps demo serve test bench reliability lint clean chromium

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0 $(TORCH_INDEX)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian packages for text extraction: tesseract and its models for the member states'
# languages (OCR of scanned judgments), poppler's pdftoppm (renders a page for OCR) and antiword
# (legacy .doc). Installed only when one is missing; without root, the command is printed.
OCR_LANGS := eng ind msa tha vie khm lao mya
DEBIAN_PACKAGES := tesseract-ocr $(addprefix tesseract-ocr-,$(OCR_LANGS)) poppler-utils antiword

system-deps:
	@missing=""; \
	for tool in tesseract pdftoppm antiword; do command -v $$tool >/dev/null || missing=1; done; \
	if command -v tesseract >/dev/null; then \
	  for lang in $(OCR_LANGS); do tesseract --list-langs 2>/dev/null | grep -qx $$lang || missing=1; done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q $(DEBIAN_PACKAGES); \
	  else echo "text extraction needs: sudo apt-get install $(DEBIAN_PACKAGES)"; fi; \
	fi

demo: $(STAMP) system-deps
	$(BIN)/tiplex demo

# The demo's index, built once (make demo) and then served; Ctrl-C stops the server.
serve: $(STAMP)
	test -f $(TIPLEX_HOME)/index/tiplex.sqlite || $(BIN)/tiplex demo
	$(BIN)/tiplex serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests and for sources that need a browser (Playwright
# never downloads a browser here). Without root it cannot be installed: those tests skip.
chromium:
	@test -x $(CHROMIUM) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
		|| echo "chromium not installed: browser-rendered sources cannot run, their tests skip"

test: $(STAMP) system-deps chromium
	$(BIN)/python -m pytest -q

reliability: $(STAMP) system-deps
	$(BIN)/python -m tests.reliability.full

bench: $(STAMP)
	$(BIN)/python -m tiplex.bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check tiplex flows deployments interfaces

clean:
	rm -rf $(VENV) .tiplex
