# A library built with the essaylib engine: a website, an EPUB and a PDF in every
# language, from docs/ and locales/. A library's Makefile includes this file; `make`
# sets up what it needs and builds everything into the build folder's site/. Every
# build goes through the one publisher (essaylib.outputs.publish), strict and the same.

SPHINXOPTS ?=
BUILDDIR   ?=
# The one language make html, epub, pdf, shard and serve build: the library's own.
ifeq ($(origin LANGUAGE),undefined)
LANGUAGE   := $(shell python3 -c 'import tomllib; print(tomllib.load(open("book.toml", "rb"))["languages"][0])')
endif
# The library (the folder of its Makefile) and the engine (this file's checkout).
BOOK       := $(CURDIR)
ENGINE     := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))../..)
VENV       := $(ENGINE)/.venv
PYTHON     := $(VENV)/bin/python

# LANGUAGE reaches a shell and a path: a language code (letters and _ only), or stop.
LETTERS := a b c d e f g h i j k l m n o p q r s t u v w x y z \
           A B C D E F G H I J K L M N O P Q R S T U V W X Y Z _
without = $(if $(2),$(call without,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,99,$(2))),$(1))
ifneq ($(call without,$(LANGUAGE),$(LETTERS))$(words $(LANGUAGE)),1)
$(error LANGUAGE must be a language code such as nl, en, de or pt_BR)
endif

ESSAYLIB   := $(VENV)/bin/essaylib
OPTIONS    := --root "$(BOOK)" $(if $(BUILDDIR),--builddir "$(BUILDDIR)")
PUBLISH    := $(ESSAYLIB) build $(OPTIONS)
CATALOGUES := $(ESSAYLIB) po $(OPTIONS)

.DEFAULT_GOAL := all
.PHONY: help all setup setup-test html epub pdf shard assemble serve po todo check-po new-language \
        tx-config clean test

help:  ## Show this menu
	@echo "Usage: make [target] [LANGUAGE=$(LANGUAGE)] [BUILDDIR=_build] [SPHINXOPTS=...]"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

all: setup  ## Set up, then build the site, EPUBs and PDFs into BUILDDIR/site
	$(PUBLISH) $(SPHINXOPTS)

setup:  ## Install what the build needs (Debian packages, the engine's .venv)
	@$(ENGINE)/tools/setup.sh build "$(BOOK)"

setup-test:
	@$(ENGINE)/tools/setup.sh test "$(BOOK)"

html: setup  ## Build the website of one language into BUILDDIR/LANGUAGE/html
	$(PUBLISH) --languages $(LANGUAGE) --formats html --no-site $(SPHINXOPTS)

epub: setup  ## Build the EPUB of one language
	$(PUBLISH) --languages $(LANGUAGE) --formats epub --no-site $(SPHINXOPTS)

pdf: setup  ## Build the PDF of one language
	$(PUBLISH) --languages $(LANGUAGE) --formats pdf --no-site $(SPHINXOPTS)

shard: setup  ## Build one language's every output, to assemble elsewhere (CI)
	$(PUBLISH) --languages $(LANGUAGE) --no-site $(SPHINXOPTS)

assemble: setup  ## Make BUILDDIR/site from languages built apart (make shard)
	$(ESSAYLIB) assemble $(OPTIONS)

serve: setup  ## Live preview while writing or translating (http://127.0.0.1:8000)
	$(ESSAYLIB) serve $(OPTIONS) --languages $(LANGUAGE) $(SPHINXOPTS)

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

clean: setup  ## Remove all build output (keeps the engine's .venv)
	$(ESSAYLIB) clean $(OPTIONS)
