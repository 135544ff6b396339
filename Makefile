# The course's commands. Each one creates the virtual environment first if it is missing
# or older than pyproject.toml, so `make lab` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup lab test notebooks clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## Open the course in JupyterLab.
lab: setup
	$(BIN)/jupyter lab notebooks/01_toy_svd.ipynb

## Run every test: helpers' unit tests and every notebook under nbval.
test: setup
	$(BIN)/python -m pytest

## Re-execute every notebook in place, top to bottom in a fresh kernel, and store its outputs.
notebooks: setup
	$(BIN)/python tests/run_notebooks.py notebooks/*.ipynb

clean:
	rm -rf $(VENV) build .pytest_cache
