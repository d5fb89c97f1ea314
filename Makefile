# The engine's repository, and its own library (docs/, locales/, book.toml): every
# library target comes from essaylib/cli/library.mk, as in any library `essaylib new`
# makes; the targets below are the engine's own (its tests and measurements).
include essaylib/cli/library.mk

.PHONY: test test-fast benchmark lint

test: setup-test  ## Run every check and test (builds the whole book, runs every quality gate)
	$(PYTHON) -m pre_commit run --all-files
	$(PYTHON) -m pytest -n auto --dist worksteal

test-fast: setup-test  ## Run the unit tests only (no whole-book builds)
	$(PYTHON) -m pytest -n auto --dist worksteal -m "not slow"

benchmark: setup  ## Print build times (median of 3 runs) and output sizes
	$(PYTHON) tools/benchmark.py

lint: setup-test  ## Every check of .pre-commit-config.yaml: code, types, Markdown, catalogues
	$(PYTHON) -m pre_commit run --all-files
