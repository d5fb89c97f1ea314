"""The essay library: the book's facts, its Sphinx extensions, and the tools that build
and publish it.

    config    conf.py (the book's folder), book.toml      every setting, every fact
    facts     essaylib.facts, essaylib.paths              book.toml checked; every build path
    text      essaylib.markup, essaylib.escape            MyST structure; escaping per sink
    locales   essaylib.catalogues, essaylib.allowlist     catalogues: refresh, check, compile
    sphinx    essaylib.sphinxext.*                        one small extension per job
    templates essaylib/templates/                         furo's few overrides, the entry page
    publish   essaylib.publish                            every output, assembled into one site
"""

from pathlib import Path

# furo's few template overrides and the site's entry page.
TEMPLATES = Path(__file__).parent / "templates"
