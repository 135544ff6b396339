# The course's commands. Each one creates the virtual environment first if it is missing
# or older than pyproject.toml, so `make lab` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The browser tests/test_browser.py drives: Debian's Chromium (Playwright's own download is not used).
CHROMIUM := /usr/bin/chromium
# make test's two pytest-xdist workers; --dist loadscope keeps a notebook's cells on one kernel.
XDIST = -n 2 --dist loadscope

.PHONY: setup browser lab lock test test-fast test-latest test-oldest test-explore format notebooks book linkcheck clean

setup: $(STAMP)

# Exact versions from the lock (requirements/test.lock: the course and its tests), then the course
# itself without dependencies, so what runs here is what the lock says (and Binder installs the
# same pins: environment.yml is written from requirements/course.lock).
$(STAMP): pyproject.toml requirements/test.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/test.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python jupyter/install_settings.py
	touch $(STAMP)

LOCK = $(BIN)/uv pip compile pyproject.toml --upgrade --python-version 3.11.7 --python-platform x86_64-unknown-linux-gnu

## Refresh the lock to the newest releases pyproject.toml allows (then run `make test` and commit the
## locks, environment.yml and any notebook outputs that changed).
lock: setup
	$(BIN)/python -m pip install --quiet uv
	$(LOCK) -o requirements/course.lock
	$(LOCK) --extra test -o requirements/test.lock
	$(BIN)/python requirements/write_environment.py

## The whole suite in a fresh venv with the newest releases pyproject.toml allows, not the lock:
## drift shows here before a refreshed lock reaches learners.
test-latest: browser
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet -e ".[test]"
	.venv-latest/bin/python jupyter/install_settings.py
	HYPOTHESIS_PROFILE=full .venv-latest/bin/python -m pytest $(XDIST)

## The oldest releases pyproject.toml allows, in a fresh venv: every direct dependency at its lower
## bound (uv's lowest-direct resolution), then notebook 01 under nbval and the unit tests of
## helpers.models.svd. A lower bound that no longer works (an API the course calls is newer) fails here.
test-oldest: setup
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv
	rm -rf .venv-oldest
	$(BIN)/uv venv --quiet --python $(PYTHON) .venv-oldest
	$(BIN)/uv pip install --quiet --python .venv-oldest/bin/python --resolution lowest-direct -e ".[test]"
	$(BIN)/uv pip list --python .venv-oldest/bin/python | grep -iE '^(numpy|scipy|matplotlib|pandas|ipywidgets|ipykernel|jupyterlab|pytest|nbval) '
	.venv-oldest/bin/python -m pytest -p no:randomly -m "not slow" tests/models/test_svd.py notebooks/01_toy_svd.ipynb

## Install Debian's Chromium for the browser test when it is missing (as root; otherwise say how).
browser: $(CHROMIUM)

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the browser test (tests/test_browser.py)"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	else \
		echo "The browser test needs Chromium at $(CHROMIUM). Install it, then run make test again:"; \
		echo "    sudo apt-get update && sudo apt-get install -y chromium"; \
		exit 1; \
	fi

## Open the course in JupyterLab (Jupyter refuses to run as root unless told, e.g. in a container).
lab: setup
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/01_toy_svd.ipynb

## Run every test: helpers' unit tests, every notebook under nbval, and every notebook in JupyterLab
## in a headless browser (tests/test_browser.py), on two pytest-xdist workers. --dist loadscope keeps
## each notebook's cells (one kernel) and each test module on one worker.
test: setup browser
	HYPOTHESIS_PROFILE=full $(BIN)/python -m pytest $(XDIST)

## The fast tier for the edit-test loop: unit tests and ruff, without notebooks, browser, Spark or Keras training.
test-fast: setup
	$(BIN)/python -m pytest -m "not notebooks and not browser and not spark and not slow"

## Format the code and the notebooks' code cells, and apply ruff's safe fixes.
format: setup
	$(BIN)/python -m ruff format .
	$(BIN)/python -m ruff check --fix .

## Re-execute every notebook in place, top to bottom in a fresh kernel, and store its outputs.
notebooks: setup
	$(BIN)/python -m tests.support.run_notebooks notebooks/*.ipynb

## Property tests that draw new examples on every run (HYPOTHESIS_PROFILE=explore): for hunting the
## next class of bad input; `make test` and `make test-fast` draw the same examples every time.
test-explore: setup
	HYPOTHESIS_PROFILE=explore $(BIN)/python -m pytest tests/test_properties.py tests/teaching/test_checker_properties.py

## Build the course book, a static site from the stored notebooks (no kernel, no network once MathJax is
## cached): open build/book/html/index.html. tests/test_book.py (part of `make test`) reads every page.
book: setup
	$(BIN)/python -m book.build

## Check the book's external links (needs the internet; for a maintainer, not part of `make test`).
linkcheck: book
	$(BIN)/python -m sphinx -b linkcheck -q build/book/source build/book/linkcheck

clean:
	rm -rf $(VENV) .venv-latest .venv-oldest build .pytest_cache
