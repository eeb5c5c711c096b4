# Set-up and the two everyday commands. Every target installs what it needs, once:
#   make serve   build the site from content/ and serve it on http://127.0.0.1:8000 (live reload)
#   make test    lint, type check and the whole test suite, browser tests included (what CI runs: .ci/run)
.PHONY: serve build test lint browser-deps pdf-deps

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

serve: $(VENV)/.installed
	$(BIN)/gongbao serve

build: $(VENV)/.installed
	$(BIN)/gongbao build

test: lint $(VENV)/.installed node_modules/.package-lock.json browser-deps pdf-deps
	$(BIN)/python -m pytest

# ruff (lint and format, configured in pyproject.toml) and mypy over builder/
lint: $(VENV)/.installed
	$(BIN)/ruff check builder tests benchmarks scripts
	$(BIN)/ruff format --check builder tests benchmarks scripts
	$(BIN)/mypy

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# axe-core, injected into pages by the accessibility tests (versions pinned in package-lock.json)
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

# Debian's Chromium for the Playwright tests (Playwright's own download is not used)
browser-deps:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's tesseract with its Simplified Chinese data (the OCR fallback the tests exercise), two
# TrueType CJK fonts the PDF fixtures are typeset with (reportlab cannot embed Noto's CFF outlines),
# LibreOffice for the Word fixtures (benchmarks/table_fixtures.py, benchmarks/office_renderings.py) and
# poppler's pdftotext for the converters' text of them
PDF_DEBS := tesseract-ocr tesseract-ocr-chi-sim fonts-arphic-uming fonts-wqy-zenhei poppler-utils libreoffice-writer-nogui
pdf-deps:
	@command -v tesseract >/dev/null && command -v pdftotext >/dev/null && command -v soffice >/dev/null \
	  && [ -f /usr/share/fonts/truetype/arphic/uming.ttc ] \
	  && [ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] && tesseract --list-langs 2>/dev/null | grep -qx chi_sim || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(PDF_DEBS) >/dev/null; }
