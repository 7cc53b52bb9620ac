# Two commands set everything up on a fresh machine:
#   make site   build the site into site/
#   make test   run every test (installs Debian chromium for the browser tests)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium
CHECKS := tools/check/node_modules
VNU := $(CHECKS)/vnu-jar/build/dist/vnu.jar

.PHONY: site site-pdf pdf-packages validate serve test chromium clean bench

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m generator build

# The site with the PDF of the whole plan (build --pdf: a few seconds more; Debian's Pango and Japanese font).
site-pdf: $(STAMP) pdf-packages
	$(BIN)/python -m generator build --pdf

validate: $(STAMP)
	$(BIN)/python -m generator validate

serve: $(STAMP)
	$(BIN)/python -m generator serve

# Debian's chromium for the browser tests (never a browser download).
chromium:
	@test -x $(CHROMIUM) || scripts/install-chromium.sh

# Debian's Pango, HarfBuzz subsetter and Noto CJK font for WeasyPrint (the PDF of the whole plan, tests/test_site_pdf.py).
pdf-packages: $(STAMP)
	@($(BIN)/python -c "import weasyprint" && fc-list ':family=Noto Sans CJK JP' family | grep -q . \
	  && ls /usr/lib/*/libharfbuzz-subset.so.0) >/dev/null 2>&1 || scripts/install-pdf.sh

# Checks of the built site: the W3C Nu HTML Checker (vnu-jar, with Debian Java) and axe-core (pinned npm packages).
$(VNU): tools/check/package-lock.json
	@command -v java >/dev/null || scripts/install-java.sh
	cd tools/check && npm ci --no-audit --no-fund --silent
	touch $(VNU)

test: $(STAMP) chromium pdf-packages $(VNU)
	$(BIN)/ruff check generator tests scripts
	$(BIN)/mypy generator
	$(BIN)/python -m pytest

clean:
	rm -rf build site

# Build time, bytes transferred and Lighthouse scores → BENCHMARKS.md (not a test).
bench: $(STAMP) chromium
	cd tools/bench && npm ci --no-audit --no-fund --silent
	$(BIN)/python scripts/bench.py
