"""furo's internals the website leans on, fenced here.

Written for furo 2025.12.19 (with beautifulsoup4 4.15.0 and Sphinx 9.0.4). Contract
tests: tests/test_compat.py, ``test_furo_*``; the whole website's navigation is compared
with furo's own, the cache off, in tests/test_navigation.py.

- ``CachedNavigation``: furo's navigation tree, made once per build instead of once per
  page. furo's ``html-page-context`` handler (``furo._html_page_context``, priority 500)
  asks Sphinx's ``context["toctree"]`` for the whole table of contents on every page
  (``furo._compute_navigation_tree``, with ``FURO_TOCTREE``) and rewrites it with
  BeautifulSoup (``furo.navigation.get_navigation_tree``) into
  ``context["furo_navigation_tree"]``: each page costs time in proportion to the whole
  library (profiled: 0.30 s of a page's 0.33 s in a library of 50 essays). The tree is
  the same on every page but for three things: the links, relative to the page's
  folder; the branch that leads to the page, marked ``current`` (its checkboxes
  ``checked``); and the page's own link (``#``, ``current-page``). So this renders
  furo's tree once, with furo's own code, for a page that is in no branch, cuts it
  where those three things go, and puts each page's own in. Fallback: where the tree
  holds what this does not understand, ``for_page`` returns None and furo makes the
  page's tree itself, as before.
- ``FixedLabels``: furo writes a few labels in English outside ``_()`` (its templates'
  ``aria-label``\\s and icon ``<title>``\\s, and ``Toggle navigation of <title>`` in
  ``get_navigation_tree``); they are translated in the written HTML, by their exact
  English text. Fallback: a label furo changes is left in English (the contract test
  fails first).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Tag
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util.osutil import relative_uri

# furo's arguments to Sphinx's toctree() (furo/__init__.py, _compute_navigation_tree).
FURO_TOCTREE: dict[str, Any] = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
# furo's html-page-context handler runs at Sphinx's default priority; ours go around it.
FURO_PAGE_CONTEXT_PRIORITY = 500
BEFORE_FURO = 100
AFTER_FURO = 600
# Where the page's tree waits while furo runs without context["toctree"].
WAITING = "cached_navigation"

# A place to fill, cut out of furo's HTML: ' name="\ue000<kind><number>\ue000"'.
SLOT = re.compile(' [a-z-]+="\ue000([ALUC])(\\d+)\ue000"')
MARK = "\ue000{}{}\ue000"


def furos_navigation_tree(toctree_html: str) -> str:
    """furo's own rewriting of Sphinx's toctree HTML (furo.navigation)."""
    from furo.navigation import get_navigation_tree  # type: ignore[import-untyped]

    return str(get_navigation_tree(toctree_html))


def hide_toctree_from_furo(context: dict[str, Any], tree: str) -> None:
    """Before furo's handler: without context["toctree"] furo makes an empty tree."""
    context[WAITING] = (context.pop("toctree"), tree)


def give_back_to_templates(context: dict[str, Any]) -> None:
    """After furo's handler: Sphinx's toctree() for the templates, and the page's tree."""
    if WAITING in context:
        context["toctree"], context["furo_navigation_tree"] = context.pop(WAITING)


@dataclass
class Link:
    """One entry's link: where it leads, and the elements of its branch."""

    docname: str
    anchor: str
    items: list[int] = field(default_factory=list)  # <li>, from the entry up
    lists: list[int] = field(default_factory=list)  # <ul>
    boxes: list[int] = field(default_factory=list)  # the <li>s' checkboxes


@dataclass
class Tree:
    """furo's tree, cut into text and the places each page fills."""

    parts: list[str]  # text, slot, text, slot, …, text
    slots: list[tuple[str, int]]
    links: list[Link]
    items: list[str]  # each <li>'s classes off the branch
    by_docname: dict[str, list[int]]
    by_folder: dict[str, list[str]] = field(default_factory=dict)  # each folder's hrefs


def cut(furo_html: str, uri_to_docname: dict[str, str]) -> Tree | None:
    """furo's tree as parts and slots, or None where it holds what this does not know
    (a "current" already, an outside link it would move, a character it uses)."""
    if "\ue000" in furo_html:
        return None
    soup = BeautifulSoup(furo_html, "html.parser")
    if soup.select(".current, .current-page, [checked]"):
        return None
    items = soup.find_all("li")
    lists = soup.find_all("ul")
    boxes = {id(li): n for n, li in enumerate(items) if li.find("input", recursive=False)}
    if len(boxes) != len(soup.find_all("input")):
        return None
    item_number = {id(li): n for n, li in enumerate(items)}
    list_number = {id(ul): n for n, ul in enumerate(lists)}
    links: list[Link] = []
    for anchor_tag in soup.find_all("a"):
        classes = anchor_tag.get_attribute_list("class")
        if classes != ["reference", "internal"]:
            if "internal" in classes:
                return None
            continue  # external: the same on every page
        uri, _, anchor = str(anchor_tag["href"]).partition("#")
        if uri not in uri_to_docname:
            return None
        link = Link(uri_to_docname[uri], anchor)
        for parent in anchor_tag.parents:
            if parent.name == "li":
                link.items.append(item_number[id(parent)])
                if id(parent) in boxes:
                    link.boxes.append(boxes[id(parent)])
            elif parent.name == "ul":
                link.lists.append(list_number[id(parent)])
        anchor_tag["class"] = MARK.format("A", len(links))  # class and href, in one slot
        del anchor_tag["href"]
        links.append(link)
    classes_of = []
    for n, li in enumerate(items):
        classes = li.get_attribute_list("class")
        if not classes or not re.fullmatch(r"toctree-l\d+", classes[0] or ""):
            return None
        classes_of.append(" ".join(classes))
        li["class"] = MARK.format("L", n)
        box = li.find("input", recursive=False)
        if isinstance(box, Tag):
            box["checked"] = MARK.format("C", n)  # where furo's checked="" goes
    for n, ul in enumerate(lists):
        if ul.get("class"):
            return None
        ul["class"] = MARK.format("U", n)
    text = str(soup)
    pieces = SLOT.split(text)
    parts = pieces[0::3]
    slots = [(kind, int(number)) for kind, number in zip(pieces[1::3], pieces[2::3], strict=True)]
    by_docname: dict[str, list[int]] = {}
    for n, link in enumerate(links):
        by_docname.setdefault(link.docname, []).append(n)
    return Tree(parts, slots, links, classes_of, by_docname)


def render(tree: Tree, hrefs: list[str], pagename: str) -> str:
    """The tree on one page: Sphinx's marks of the page's branch, then furo's."""
    current = [n for n in tree.by_docname.get(pagename, []) if not tree.links[n].anchor]
    branch_items = {i for n in current for i in tree.links[n].items}
    branch_lists = {u for n in current for u in tree.links[n].lists}
    page_item = max(branch_items, default=-1)  # the last <li> marked current (furo)
    own = set(tree.by_docname.get(pagename, []))
    out = [tree.parts[0]]
    for (kind, n), text in zip(tree.slots, tree.parts[1:], strict=True):
        if kind == "A":
            if n in own:
                anchor = tree.links[n].anchor
                href = f"#{anchor}" if anchor else "#"
            else:
                href = hrefs[n]
            marked = "current " if n in current else ""
            out.append(f' class="{marked}reference internal" href="{href}"')
        elif kind == "L":
            classes = tree.items[n]
            if n in branch_items:
                level, _, rest = classes.partition(" ")
                classes = " ".join(filter(None, [level, "current", rest]))
                if n == page_item:
                    classes += " current-page"
            out.append(f' class="{classes}"')
        elif kind == "C":
            out.append(' checked=""' if n in branch_items else "")
        elif kind == "U":
            out.append(' class="current"' if n in branch_lists else "")
        out.append(text)
    return "".join(out)


class CachedNavigation:
    """One builder's furo tree, and each folder's links (see the module's words)."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.tree: Tree | None = None
        self.unusable = False

    def for_page(self, pagename: str) -> str | None:
        """The page's tree as furo would make it; None: let furo make it."""
        if self.unusable:
            return None
        builder = self.app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)
        if self.tree is None:
            root = self.app.config.root_doc
            toctree = global_toctree_for_doc(
                builder.env, root, builder, tags=builder.tags, **FURO_TOCTREE
            )
            html = builder.render_partial(toctree)["fragment"] if toctree else ""
            uris = {builder.get_target_uri(d): d for d in builder.env.found_docs}
            self.tree = cut(furos_navigation_tree(html), uris) if html else None
            if self.tree is None or posixpath.dirname(builder.get_target_uri(root)):
                self.unusable = True
                return None
        tree = self.tree
        folder = posixpath.dirname(builder.get_target_uri(pagename))
        hrefs = tree.by_folder.get(folder)
        if hrefs is None:
            # Relative to any page of the folder but the one linked (render() puts
            # in the page's own link): Sphinx's relative_uri, as get_relative_uri.
            somewhere = posixpath.join(folder, "\ue001")
            hrefs = [
                relative_uri(somewhere, builder.get_target_uri(link.docname))
                + (f"#{link.anchor}" if link.anchor else "")
                for link in tree.links
            ]
            tree.by_folder[folder] = hrefs
        return render(tree, hrefs, pagename)


# furo's English words outside _(), as they stand in its pages.
TOGGLE_NAVIGATION = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


class FixedLabels:
    """furo's English labels in a written page, translated (see the module's words)."""

    def __init__(self, words: dict[str, str], toggle: Callable[[str], str] | None) -> None:
        """``words``: each English label and its translation (HTML-escaped), those that
        differ; ``toggle``: the navigation button's label for a page title as it stands
        in the page (escaped), or None when it is not translated."""
        self.table = {}
        for english, ours in words.items():
            self.table[f'aria-label="{english}"'] = f'aria-label="{ours}"'
            self.table[f"<title>{english}</title>"] = f"<title>{ours}</title>"
        self.toggle = toggle
        self.pattern = re.compile(
            "|".join([*map(re.escape, self.table), TOGGLE_NAVIGATION.pattern])
        )

    def __bool__(self) -> bool:
        return bool(self.table) or self.toggle is not None

    def translated(self, page: str) -> str:
        def label(match: re.Match[str]) -> str:
            if match.group() in self.table:
                return self.table[match.group()]
            if self.toggle is None:
                return match.group()
            return f'aria-label="{self.toggle(match.group(1))}"'

        return self.pattern.sub(label, page)
