# Masthead: every target installs what it needs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PORT ?= 8000

SEED ?= ../shared/seed/shanghai-daily-pow-swap.txt

.PHONY: demo seed serve test test-fast lint format bench system-packages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,production]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

# Debian packages the tests and benchmarks use: chromium (browser tests),
# poppler-utils (PDF checks, the edition's front-page image), wrk (benchmarks),
# ffmpeg (video posters), pango (WeasyPrint, the PDF edition), CJK fonts (its
# footer's Chinese licence lines).
system-packages:
	@missing=""; \
	for pair in chromium:chromium pdftotext:poppler-utils wrk:wrk ffmpeg:ffmpeg /usr/sbin/nginx:nginx \
	    /usr/lib/$$(uname -m)-linux-gnu/libpango-1.0.so.0:libpango-1.0-0 \
	    /usr/lib/$$(uname -m)-linux-gnu/libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
	    /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:fonts-noto-cjk; do \
	  cmd=$${pair%%:*}; pkg=$${pair##*:}; { command -v $$cmd >/dev/null || test -e $$cmd; } || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Install with: sudo apt-get install$$missing"; exit 1; fi; \
	fi

# Progress on a first run: each migration as it applies, then the loader's bars.
demo: $(STAMP)
	@echo "Database: applying migrations (first run: a minute or so)"
	$(BIN)/masthead migrate --no-input -v1
	@echo "Demo newsroom: loading"
	$(BIN)/masthead demo
	$(BIN)/masthead serve --port $(PORT)

seed: $(STAMP)
	$(BIN)/masthead import-page $(SEED) --section news/world --publish

serve: $(STAMP)
	$(BIN)/masthead serve --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(STAMP) system-packages lint
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/pytest

test-fast: $(STAMP)
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/pytest -m "not browser" -x -q

bench: $(STAMP) system-packages
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var artifacts .pytest_cache .ruff_cache
