# The book: a website, an EPUB and a PDF in every language, from docs/ and locales/.
# `make` sets up what it needs and builds everything into _build/site/.

SPHINXOPTS ?= -n -W --keep-going
BUILDDIR   ?= _build
LANGUAGE   ?= nl
VENV       := .venv
PYTHON     := $(VENV)/bin/python
SPHINX     := $(PYTHON) -m sphinx -c . -D language=$(LANGUAGE) $(SPHINXOPTS)
OUT        := $(BUILDDIR)/$(LANGUAGE)

.DEFAULT_GOAL := all
.PHONY: help all setup setup-test catalogues html epub pdf serve po todo check-po new-language \
        test benchmark lint clean

help:  ## Show this menu
	@echo "Usage: make [target] [LANGUAGE=nl]"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

all: setup  ## Set up, then build the site, EPUBs and PDFs into $(BUILDDIR)/site
	$(PYTHON) tools/publish.py --builddir $(BUILDDIR) $(SPHINXOPTS)

setup:  ## Install what the build needs (Debian packages, .venv)
	@tools/setup.sh build

setup-test:
	@tools/setup.sh test

catalogues: setup
	@$(PYTHON) tools/catalogues.py compile

html: catalogues  ## Build the website of one language into $(BUILDDIR)/LANGUAGE/html
	$(SPHINX) -b html -d $(OUT)/doctrees docs $(OUT)/html

epub: catalogues  ## Build the EPUB of one language
	$(SPHINX) -b epub -d $(OUT)/doctrees docs $(OUT)/epub

pdf: catalogues  ## Build the PDF of one language
	$(SPHINX) -b latex -d $(OUT)/doctrees docs $(OUT)/latex
	$(MAKE) -C $(OUT)/latex all-pdf LATEXMKOPTS=-silent >/dev/null

serve: catalogues  ## Live preview while writing (http://127.0.0.1:8000)
	$(VENV)/bin/sphinx-autobuild -c . -D language=$(LANGUAGE) -d $(OUT)/doctrees-live \
		--watch book.toml --watch extensions --watch locales docs $(OUT)/live

po: setup  ## Refresh every language's catalogues in locales/ from the sources
	$(PYTHON) tools/catalogues.py update

todo: setup  ## Show what is left to translate, per language and file
	@$(PYTHON) tools/catalogues.py todo

check-po: setup  ## Run every check on the catalogues (format, wrapping, markup)
	$(PYTHON) tools/catalogues.py check

new-language: setup  ## Start a new language: make new-language LANGUAGE=fr
	$(PYTHON) tools/catalogues.py new $(LANGUAGE)

test: setup-test  ## Run every test (builds the whole book)
	$(PYTHON) -m pytest

benchmark: setup  ## Print build times (median of 3 runs) and output sizes
	$(PYTHON) tools/benchmark.py

lint:  ## Check the code and the Markdown style
	$(VENV)/bin/ruff check .
	$(VENV)/bin/sphinx-lint docs

clean:  ## Remove all build output (keeps .venv)
	rm -rf $(BUILDDIR)
