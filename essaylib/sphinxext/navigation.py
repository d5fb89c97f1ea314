"""The website's navigation, scoped to where the reader is.

An essay's pages show that essay: its title and its chapters. The library's own pages
(home, topics, downloads, …) list the essays, without their chapters. The way back to
the library is on every page: furo's brand (the home page), its search, and the
sidebar's Topics and Downloads. An essay's "previous" and "next" stay within the
essay: from its first page and its last, they lead back to the home page.

So an essay's pages hold nothing of the other essays: a page weighs the same in a
library of one essay or of hundreds, and adding an essay changes only the pages that
list essays (tests/test_navigation.py adds one and compares every other page).

furo makes its tree from the page's ``toctree()`` (Sphinx's template function): the page
gets one that resolves its scope alone. furo's templates and code are untouched, and
furo makes every tree itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from essaylib.compat import furo
from essaylib.sphinxext import Context, Doctree


def essay_of(app: Sphinx, pagename: str) -> str | None:
    """The docname of the essay a page belongs to; None for the library's own pages."""
    library = getattr(app.config, "book_library", None)
    essay = library.essay_of(pagename) if library is not None else None
    return essay.docname if essay is not None else None


def essay_alone(root_doc: str, essay: str) -> addnodes.toctree:
    """A table of contents of one essay, as if the home page's held it alone."""
    toctree = addnodes.toctree()
    toctree.update_all_atts(
        {
            "parent": root_doc,
            "entries": [(None, essay)],
            "includefiles": [essay],
            "maxdepth": -1,
            "caption": None,
            "glob": False,
            "hidden": False,
            "includehidden": False,
            "numbered": 0,
            "titlesonly": False,
        }
    )
    return toctree


def scoped_toctree(app: Sphinx, pagename: str) -> Callable[..., str]:
    """The page's toctree(): its essay alone, or on the library's pages the essays."""
    builder, env = app.builder, app.env
    essay = essay_of(app, pagename)

    def toctree(collapse: bool = True, **kwargs: Any) -> str:
        # Sphinx's own toctree() defaults (StandaloneHTMLBuilder._get_local_toctree).
        kwargs.setdefault("includehidden", False)
        if kwargs.get("maxdepth") == "":
            kwargs.pop("maxdepth")
        if essay is None:
            kwargs["maxdepth"] = 1  # the essays' titles
            tree = global_toctree_for_doc(
                env, pagename, builder, tags=builder.tags, collapse=collapse, **kwargs
            )
        else:
            tree = env.resolve_toctree(
                pagename,
                builder,
                essay_alone(app.config.root_doc, essay),
                collapse=collapse,
                maxdepth=int(kwargs.get("maxdepth", 0)),
                titles_only=kwargs.get("titles_only", False),
                includehidden=kwargs["includehidden"],
            )
        return builder.render_partial(tree)["fragment"] if tree is not None else ""  # type: ignore[attr-defined]

    return toctree


def last_page(app: Sphinx, docname: str) -> str:
    """The last page of a document's tree, in reading order."""
    includes = app.env.toctree_includes
    while includes.get(docname):
        docname = includes[docname][-1]
    return docname


def within_the_essay(app: Sphinx, pagename: str, context: Context) -> None:
    """An essay's "previous" and "next" lead, at its ends, back to the home page, never
    to the essays before and after it (which a new essay would change). A one-page
    essay has only its "next", home."""
    essay = essay_of(app, pagename)
    if essay is None:
        return
    root = app.config.root_doc
    title = app.builder.render_partial(app.env.titles[root])["title"]  # type: ignore[attr-defined]
    home = {"link": app.builder.get_relative_uri(pagename, root), "title": title}
    first, last = pagename == essay, pagename == last_page(app, essay)
    # Sphinx's rellinks (the <link rel="prev/next"> of the page's head), as it writes them.
    links = {"prev": ("P", _("previous")), "next": ("N", _("next"))}
    ends = {"prev": first and not last, "next": last}
    rellinks = [link for link in context.get("rellinks", []) if link[2] not in ("N", "P")]
    for key in ("next", "prev"):
        if first and last and key == "prev":
            context[key] = None
        elif ends[key]:
            context[key] = home
        if context.get(key):
            old = [link for link in context.get("rellinks", []) if link[2] == links[key][0]]
            target = root if ends[key] else old[0][0]
            rellinks.append((target, context[key]["title"], *links[key]))
    context["rellinks"] = rellinks


def scope_page(
    app: Sphinx, pagename: str, templatename: str, context: Context, doctree: Doctree
) -> None:
    """Before furo's handler, which makes its tree from context["toctree"]."""
    if getattr(app.config, "book_library", None) is None:
        return  # not a library of essays: furo's own navigation
    if "toctree" in context and app.config.html_theme == "furo":
        furo.give_furo_the_toctree(context, scoped_toctree(app, pagename))
    within_the_essay(app, pagename, context)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", scope_page, priority=furo.BEFORE_FURO)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
