"""The upstream internals essaylib.compat leans on, as they must be: each test fails the
day upstream changes what the shim relies on."""

from __future__ import annotations

import asyncio
import gettext
import inspect
import re
from pathlib import Path
from types import SimpleNamespace

import furo
import furo.navigation
from myst_parser.config.main import MdParserConfig
from sphinx import locale
from sphinx.builders._epub_base import EpubBuilder
from sphinx.builders.epub3 import Epub3Builder
from sphinx.builders.latex.constants import DEFAULT_SETTINGS
from sphinx.config import Config
from sphinx.writers.latex import LaTeXTranslator

from essaylib.compat import furo as furo_shim
from essaylib.compat import sphinx_builders
from essaylib.compat.markdown_it import FENCE_TOKENS, WORD_TOKENS
from essaylib.compat.sphinx_runtime import chosen_by_book
from essaylib.i18n.words import FURO_FIXED_STRINGS, FURO_TOGGLE_NAVIGATION

FURO_THEME = Path(furo.__file__).parent / "theme" / "furo"
SPHINX = Path(inspect.getfile(EpubBuilder)).parent.parent


def test_sphinx_keeps_what_conf_py_and_the_command_line_set():
    config = Config({"html_theme": "alabaster", "project": "x"}, {"language": "de"})
    assert chosen_by_book(config) == {"html_theme", "project", "language"}


# -- furo --------------------------------------------------------------------------


def test_furo_makes_its_tree_from_the_pages_toctree():
    """furo's page tree is get_navigation_tree of the context's toctree(**FURO_TOCTREE):
    the toctree() navigation gives a page is the one furo's tree shows."""
    asked = []

    def toctree(**arguments):
        asked.append(arguments)
        return (
            '<ul><li class="toctree-l1"><a class="reference internal" href="a.html">A</a></li></ul>'
        )

    made = furo._compute_navigation_tree({"toctree": toctree})
    assert asked == [furo_shim.FURO_TOCTREE]
    assert made == furo_shim.furos_navigation_tree(toctree())
    assert furo._compute_navigation_tree({}) == ""  # no toctree: furo makes no tree


def test_furo_fills_the_context_after_navigation_scopes_it(make_app, rootdir, tmp_path):
    app = make_app("html", srcdir=rootdir / "test-navigation", builddir=tmp_path)
    handlers = {
        listener.handler: listener.priority
        for listener in app.events.listeners["html-page-context"]
    }
    assert handlers[furo._html_page_context] == furo_shim.FURO_PAGE_CONTEXT_PRIORITY
    assert furo_shim.BEFORE_FURO < furo_shim.FURO_PAGE_CONTEXT_PRIORITY
    source = inspect.getsource(furo._html_page_context)
    assert 'context["furo_navigation_tree"] = _compute_navigation_tree(context)' in source


# Sphinx's toctree HTML for a page in no branch.
TOCTREE = (
    '<ul><li class="toctree-l1"><a class="reference internal" href="a.html">A</a>'
    '<ul><li class="toctree-l2"><a class="reference internal" href="a/b.html">B</a></li>'
    '<li class="toctree-l2"><a class="reference internal" href="a/c.html">C</a></li></ul></li>'
    '<li class="toctree-l1"><a class="reference internal" href="d.html">D</a></li></ul>'
)


def test_furo_writes_its_english_labels_as_they_are_translated():
    """Every English label furo's templates write outside _() is one chrome translates,
    and no other; and get_navigation_tree's button label is FURO_TOGGLE_NAVIGATION."""
    written = set()
    for template in FURO_THEME.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        written |= set(re.findall(r'aria-label="([^"{]*)"', text))
        written |= set(re.findall(r"<title>([^<{]*)</title>", text))
    # furo's repository buttons: the book's chrome has none.
    assert written - {"On GitHub", "On Read the Docs", "versions"} == set(FURO_FIXED_STRINGS)
    tree = furo.navigation.get_navigation_tree.__wrapped__(TOCTREE)
    toggle = FURO_TOGGLE_NAVIGATION.replace("{title}", "A")
    assert f'aria-label="{toggle}"' in tree
    labels = furo_shim.FixedLabels({"Menu": "Menü"}, lambda title: f"Navigation von {title}")
    assert labels.translated(tree) == tree.replace(toggle, "Navigation von A")


# -- MyST, markdown-it ---------------------------------------------------------------


def test_myst_renderer_is_set_up_as_myst_sets_up_its_own():
    """essaylib.compat.myst repeats MyST's renderer set-up without its spare document:
    what the set-up leaves on the renderer (MyST's private _heading_* and
    _level_to_section among it) must be what MyST's leaves."""
    from myst_parser.mdit_to_docutils.base import make_document
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser

    from essaylib.compat.myst import PassageRenderer

    document = make_document("page.md:3:<translated>")
    set_up = []
    for renderer in (SphinxRenderer, PassageRenderer):
        markdown = create_md_parser(MdParserConfig(), renderer)
        before = set(vars(markdown.renderer))
        options = {**markdown.options, "document": document}
        markdown.renderer.setup_render(options, {"env": 1})
        set_up.append({k: v for k, v in vars(markdown.renderer).items() if k not in before})
    mysts, ours = set_up
    assert {"_heading_offset", "_level_to_section", "_heading_slugs"} <= mysts.keys()
    assert ours.keys() == mysts.keys()
    assert ours["document"] is mysts["document"] is document
    assert ours == mysts


def test_markdown_it_token_types_are_as_the_check_reads_them(tmp_path):
    """Words are WORD_TOKENS (markup is every other type); unclosed fences are found by
    FENCE_TOKENS, their map and markup."""
    from essaylib.text import markup

    (tmp_path / "conf.py").write_text("")  # MyST's default settings
    text = "Words &amp; \\*more*\nline *em* `code`\n\n```\nfenced\n```\n\n:::{note}\nx\n:::\n"
    found = list(markup.flatten(markup.tokens(text, tmp_path, strict=True)))
    types = {token.type for token in found}
    # Character references and escapes are text_special, joined into text by
    # markdown-it's text_join rule.
    assert WORD_TOKENS - {"text_special"} <= types
    assert "text_join" in markup.parser(tmp_path, True).get_active_rules()["core"]
    assert next(t.content for t in found if t.type == "text") == "Words & *more*"
    assert types - WORD_TOKENS == {
        "paragraph_open",
        "paragraph_close",
        "em_open",
        "em_close",
        "code_inline",
        "fence",
        "colon_fence",
    }
    fences = [(token.type, token.map, token.markup) for token in found]
    assert [f for f in fences if f[0] in FENCE_TOKENS] == [
        ("fence", [3, 6], "```"),
        ("colon_fence", [7, 10], ":::"),
    ]
    assert markup.unclosed_fences("```\nnever closed\n", tmp_path) == [(1, "```")]


# -- Sphinx's builders ---------------------------------------------------------------


def test_epub_html_tag_is_sphinxs_without_a_language():
    assert Epub3Builder.html_tag == sphinx_builders.HTML_TAG
    assert sphinx_builders.html_tag_with_language("nl") == (
        '<html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops" lang="nl" xml:lang="nl">'
    )


def test_epub_ncx_numbering_is_kept_on_the_builder_and_not_restarted():
    """new_navpoint counts on builder.playorder and builder.tocid, and only init sets them."""
    builder = SimpleNamespace(playorder=5, tocid=7)
    point = EpubBuilder.new_navpoint(builder, {"text": "T", "refuri": "t.xhtml"}, 1)  # type: ignore[arg-type]
    assert (point.navpoint, point.playorder) == ("navPoint8", 6)
    sphinx_builders.restart_ncx_numbering(builder)  # type: ignore[arg-type]
    point = EpubBuilder.new_navpoint(builder, {"text": "T", "refuri": "t.xhtml"}, 1)  # type: ignore[arg-type]
    assert (point.navpoint, point.playorder) == ("navPoint1", 1)
    assert "self.playorder = 0" in inspect.getsource(EpubBuilder.init)
    assert "playorder" not in inspect.getsource(Epub3Builder.handle_finish)


def test_epub_ncx_uid_is_still_the_xml_id():
    """Sphinx's toc.ncx uid is epub_uid (an XML id), not the identifier: the day it is
    fixed upstream, this fails and the shim goes."""
    config = SimpleNamespace(epub_uid="unknown", epub_title="T", epub_identifier="urn:x")
    builder = SimpleNamespace(config=config)
    metadata = EpubBuilder.toc_metadata(builder, 1, [])  # type: ignore[arg-type]
    assert metadata["uid"] == "unknown"
    fixed = sphinx_builders.ncx_metadata_with_identifier(metadata, "urn:x")
    assert fixed == {**metadata, "uid": "urn:x"}


def test_epub_stylesheet_and_nav_are_as_the_edits_expect():
    css = (SPHINX / "themes" / "epub" / "static" / "epub.css.jinja").read_text(encoding="utf-8")
    assert css.count(sphinx_builders.EPUB_CSS_SEARCH_ICON) == 1
    assert "file.png" not in sphinx_builders.without_search_icon(css)
    nav = (SPHINX / "templates" / "epub3" / "nav.xhtml.jinja").read_text(encoding="utf-8")
    assert nav.count('<nav epub:type="toc">') == 1 and "doc-toc" not in nav
    assert '<nav epub:type="toc" role="doc-toc">' in sphinx_builders.with_toc_role(nav)


def test_docutils_writes_the_viewport_tag_the_epub_leaves_out():
    """docutils' HTML 5 translator adds a viewport tag to the meta tags Sphinx passes on,
    while the basic theme's layout writes its own."""
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from docutils.writers.html5_polyglot import HTMLTranslator, Writer

    document = new_document("<test>", get_default_settings(Writer))
    meta = "".join(HTMLTranslator(document).meta)
    assert meta.count(sphinx_builders.DOCUTILS_VIEWPORT) == 1
    assert "viewport" not in sphinx_builders.without_docutils_viewport(meta)
    layout = (SPHINX / "themes" / "basic" / "layout.html").read_text(encoding="utf-8")
    assert layout.count('<meta name="viewport"') == 1


def test_latex_attribution_and_context_are_as_the_book_replaces_them():
    body: list[str] = []
    LaTeXTranslator.visit_attribution(SimpleNamespace(body=body), None)  # type: ignore[arg-type]
    assert "".join(body) == sphinx_builders.SPHINX_ATTRIBUTION
    ours: list[str] = []
    sphinx_builders.open_attribution_with_em_dash(ours)
    assert "".join(ours) == "\n\\begin{flushright}\n\u2014\u2009"
    # What BookLaTeXBuilder.update_doc_context replaces in Sphinx's template context.
    assert DEFAULT_SETTINGS["tableofcontents"] == "\\sphinxtableofcontents"
    assert {"hyperref", "maketitle"} <= DEFAULT_SETTINGS.keys()


# -- Sphinx at run time, sphinx-autobuild, CPython -------------------------------------


def test_sphinx_transforms_reach_the_builder_through_env_app():
    from sphinx.transforms import SphinxTransform
    from sphinx.transforms.post_transforms import ReferencesResolver

    from essaylib.compat.sphinx_runtime import builder_of

    assert "return self.env._app" in inspect.getsource(SphinxTransform.__dict__["app"].fget)
    assert "self.env._app.builder" in inspect.getsource(ReferencesResolver)
    builder = object()
    transform = SimpleNamespace(env=SimpleNamespace(_app=SimpleNamespace(builder=builder)))
    assert builder_of(transform) is builder  # type: ignore[arg-type]


def test_sphinx_keeps_loaded_catalogues_in_locale_translators():
    from essaylib.compat.sphinx_runtime import forget_catalogues_but, interface_catalogues

    locale.init([], "de", "essaylib-contract-test")
    assert ("general", "essaylib-contract-test") in interface_catalogues()
    before = dict(locale.translators)
    try:
        forget_catalogues_but(set(before) - {("general", "essaylib-contract-test")})
        assert ("general", "essaylib-contract-test") not in locale.translators
    finally:
        locale.translators.clear()
        locale.translators.update(before)
        locale.translators.pop(("general", "essaylib-contract-test"), None)


def test_gettext_keeps_what_it_read_in_translations(tmp_path):
    from essaylib.compat.cpython import forget_compiled_catalogues

    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    # An empty catalogue: magic, revision 0, no messages.
    (folder / "x.mo").write_bytes(
        (0x950412DE).to_bytes(4, "little")
        + bytes(4)
        + bytes(4)
        + (28).to_bytes(4, "little") * 2
        + bytes(8)
    )
    gettext.translation("x", tmp_path, ["de"])
    assert any(str(tmp_path) in key[1] for key in gettext._translations)  # type: ignore[attr-defined]
    forget_compiled_catalogues()
    assert not gettext._translations  # type: ignore[attr-defined]


def test_autobuild_server_keeps_what_the_preview_overrides(tmp_path):
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.server import RebuildServer

    from essaylib.compat.autobuild import InProcessRebuildServer

    def callback(*, changed_paths):
        return None

    server = InProcessRebuildServer([tmp_path], IgnoreFilter([], []), change_callback=callback)
    assert server.paths == [tmp_path.resolve()]
    assert callable(server.ignore) and server.change_callback is callback
    assert isinstance(server.flag, asyncio.Event)
    assert "self.watch()" in inspect.getsource(RebuildServer.main)
    assert "self.flag.wait()" in inspect.getsource(RebuildServer.watch_reloads)
    assert inspect.iscoroutinefunction(RebuildServer.watch)
