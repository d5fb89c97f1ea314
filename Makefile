# The book: a website, an EPUB and a PDF in every language, from docs/ and locales/.
# `make` sets up what it needs and builds everything into the build folder's site/.
# Every build goes through the one publisher (essaylib.outputs.publish), strict and the same.

SPHINXOPTS ?=
BUILDDIR   ?=
LANGUAGE   ?= nl
VENV       := .venv
PYTHON     := $(VENV)/bin/python

# LANGUAGE reaches a shell and a path: a language code (letters and _ only), or stop.
LETTERS := a b c d e f g h i j k l m n o p q r s t u v w x y z \
           A B C D E F G H I J K L M N O P Q R S T U V W X Y Z _
without = $(if $(2),$(call without,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,99,$(2))),$(1))
ifneq ($(call without,$(LANGUAGE),$(LETTERS))$(words $(LANGUAGE)),1)
$(error LANGUAGE must be a language code such as nl, en, de or pt_BR)
endif

PUBLISH    := $(PYTHON) -m essaylib.outputs.publish $(if $(BUILDDIR),--builddir "$(BUILDDIR)")
CATALOGUES := $(PYTHON) -m essaylib.i18n.catalogues $(if $(BUILDDIR),--builddir "$(BUILDDIR)")

.DEFAULT_GOAL := all
.PHONY: help all setup setup-test html epub pdf shard assemble serve po todo check-po new-language tx-config \
        test test-fast benchmark lint clean

help:  ## Show this menu
	@echo "Usage: make [target] [LANGUAGE=nl] [BUILDDIR=_build] [SPHINXOPTS=...]"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

all: setup  ## Set up, then build the site, EPUBs and PDFs into BUILDDIR/site
	$(PUBLISH) $(SPHINXOPTS)

setup:  ## Install what the build needs (Debian packages, .venv)
	@tools/setup.sh build

setup-test:
	@tools/setup.sh test

html: setup  ## Build the website of one language into BUILDDIR/LANGUAGE/html
	$(PUBLISH) --languages $(LANGUAGE) --formats html --no-site $(SPHINXOPTS)

epub: setup  ## Build the EPUB of one language
	$(PUBLISH) --languages $(LANGUAGE) --formats epub --no-site $(SPHINXOPTS)

pdf: setup  ## Build the PDF of one language
	$(PUBLISH) --languages $(LANGUAGE) --formats pdf --no-site $(SPHINXOPTS)

shard: setup  ## Build one language's every output, to assemble elsewhere (CI)
	$(PUBLISH) --languages $(LANGUAGE) --no-site $(SPHINXOPTS)

assemble: setup  ## Make BUILDDIR/site from languages built apart (make shard)
	$(PUBLISH) assemble

serve: setup  ## Live preview while writing or translating (http://127.0.0.1:8000)
	$(PUBLISH) serve --languages $(LANGUAGE) $(SPHINXOPTS)

po: setup  ## Refresh every language's catalogues in locales/ from the sources
	$(CATALOGUES) update

todo: setup  ## Show what is left to translate, per language and file
	@$(CATALOGUES) todo

check-po: setup  ## Run every check on the catalogues (the build's own, and wrapping)
	$(CATALOGUES) check

new-language: setup  ## Start a new language: make new-language LANGUAGE=fr
	$(CATALOGUES) new $(LANGUAGE)

# TX_ORGANIZATION and TX_PROJECT reach the tool in the environment, never the shell's text.
tx-config: setup  ## Transifex: make tx-config TX_ORGANIZATION=team TX_PROJECT=project
	$(CATALOGUES) tx-config

test: setup-test  ## Run every check and test (builds the whole book, runs every quality gate)
	$(PYTHON) -m pre_commit run --all-files
	$(PYTHON) -m pytest -n auto --dist worksteal

test-fast: setup-test  ## Run the unit tests only (no whole-book builds)
	$(PYTHON) -m pytest -n auto --dist worksteal -m "not slow"

benchmark: setup  ## Print build times (median of 3 runs) and output sizes
	$(PYTHON) tools/benchmark.py

lint: setup-test  ## Every check of .pre-commit-config.yaml: code, types, Markdown, catalogues
	$(PYTHON) -m pre_commit run --all-files

clean: setup  ## Remove all build output (keeps .venv)
	$(PUBLISH) clean
