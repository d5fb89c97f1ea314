"""Rebuilds see catalogue edits.

Sphinx records a page's catalogue as a dependency only when it finds the .po next
to the .mo; the book's compiled catalogues live apart from the translators' files,
so this records them itself:

- a page is read again when its compiled catalogue changed (appeared, changed, gone);
- every page is written again when the chrome's catalogue (sphinx.mo) changed;
- the book's own words (book.mo) are part of ``config.book``, whose change Sphinx
  already treats as a change of every page;

and keeps a translated page's doctree the size of the page (one_document).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

from essaylib.i18n.allowlist import CHROME_DOMAIN
from essaylib.model.manifest import file_hash


def compiled(config: Config, docname: str) -> Path:
    return config.book_paths.compiled_locales / config.language / "LC_MESSAGES" / f"{docname}.mo"


def stamps(env: BuildEnvironment) -> dict[str, str | None]:
    """The hash of each page's compiled catalogue when the page was read."""
    if not hasattr(env, "book_catalogues"):
        env.book_catalogues = {}  # type: ignore[attr-defined]
    return env.book_catalogues  # type: ignore[attr-defined]


def note_catalogue(app: Sphinx, docname: str, source: list[str]) -> None:
    stamps(app.env)[docname] = file_hash(compiled(app.config, docname))


def changed_catalogues(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    known = stamps(env)
    return sorted(
        docname
        for docname in env.found_docs - added - changed
        if docname in known and known[docname] != file_hash(compiled(app.config, docname))
    )


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    stamps(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    stamps(env).update({d: s for d, s in stamps(other).items() if d in docnames})


def chrome_fingerprint(app: Sphinx, config: Config) -> None:
    """A config value of the website's: when it changes, every page is written again."""
    config.book_chrome = file_hash(compiled(config, CHROME_DOMAIN)) or ""


def one_document(app: Sphinx, doctree: nodes.document) -> None:
    """Translated passages belong to the page. Sphinx parses each translation as a small
    document of its own and moves its text into the page without telling the text
    where it now lives; each text then still points at that small document, whose
    settings hold the whole build environment, and is pickled with the page: a 50-essay
    library's German pages were 300 kB each instead of 15, and every page read took
    longer the bigger the library."""
    for node in doctree.findall(include_self=False):
        if node.document is not doctree:
            node.document = doctree


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.connect("doctree-read", one_document)
    app.add_config_value("book_chrome", "", "html", types=frozenset({str}))
    app.connect("config-inited", chrome_fingerprint, priority=200)
    app.connect("source-read", note_catalogue)
    app.connect("env-get-outdated", changed_catalogues)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    return {
        "version": "1.0",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 2,
    }
