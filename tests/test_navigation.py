"""furo's navigation tree, made once per build (essaylib.compat.furo.CachedNavigation):
every page byte for byte what furo makes itself, on a tree with every kind of entry.

The reference is furo's own: a build with ``book_navigation_cache = False``, in which
no part of the cache runs (counted) and furo's uncached ``get_navigation_tree`` makes
the tree of every page (its output found in each page)."""

from __future__ import annotations

import posixpath
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import furo
import furo.navigation
import pytest
from bs4 import BeautifulSoup

from essaylib.compat import furo as furo_shim

# The sidebar's tree, as furo's sidebar/navigation.html writes it: up to the end of the
# sidebar's scroll area (the tree's own </div>s are inside it).
SIDEBAR_TREE = re.compile(r'<div class="sidebar-tree">.*?</div>\s*</div>', re.S)


class Spies:
    """How often each part of the cache ran, and every tree furo made itself."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: Counter[str] = Counter()
        self.furos_trees: list[str] = []
        for name in ("cut", "render", "hide_toctree_from_furo", "furos_navigation_tree"):
            monkeypatch.setattr(furo_shim, name, self.counting(name, getattr(furo_shim, name)))
        for name in ("__init__", "for_page"):
            method = getattr(furo_shim.CachedNavigation, name)
            monkeypatch.setattr(furo_shim.CachedNavigation, name, self.counting(name, method))
        # furo's own, without its lru_cache: each call is furo making a page's tree.
        uncached = furo.navigation.get_navigation_tree.__wrapped__

        def furos_own(toctree_html: str) -> str:
            tree = uncached(toctree_html)
            if toctree_html:
                self.furos_trees.append(tree)
            return tree

        monkeypatch.setattr(furo, "get_navigation_tree", furos_own)
        monkeypatch.setattr(furo.navigation, "get_navigation_tree", furos_own)

    def counting(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            return function(*args, **kwargs)

        return counted


def build_pages(make_app, source: Path, builddir: Path, cached: bool) -> dict[str, str]:
    app = make_app(
        "html",
        srcdir=source,
        builddir=builddir,
        confoverrides={"book_navigation_cache": cached},
    )
    app.build()
    navigation = getattr(app.builder, "cached_navigation", None)
    outdir = Path(app.outdir)
    pages = {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8") for p in outdir.rglob("*.html")
    }
    if cached:  # it was used, not passed over: once for each folder of pages
        assert navigation.tree is not None and not navigation.unusable
        folders = {posixpath.dirname(page) for page in pages}
        assert set(navigation.tree.by_folder) == folders
    else:
        assert navigation is None
    return pages


def furos_own_pages(make_app, source: Path, builddir: Path, spies: Spies) -> dict[str, str]:
    """Every page as furo makes it, the cache off: no part of it runs."""
    pages = build_pages(make_app, source, builddir, cached=False)
    assert spies.calls == Counter(), spies.calls
    trees = {page: SIDEBAR_TREE.findall(text) for page, text in pages.items()}
    assert all(len(found) == 1 for found in trees.values()), trees
    assert len(spies.furos_trees) == len(pages)  # furo made each page's tree
    for page, [tree] in trees.items():
        assert any(made in tree for made in spies.furos_trees), page
    return pages


@pytest.mark.parametrize("root_name", ["navigation", "library"])
def test_every_page_has_furos_own_navigation(make_app, rootdir, tmp_path, root_name, monkeypatch):
    source = tmp_path / "source"
    shutil.copytree(rootdir / f"test-{root_name}", source)
    spies = Spies(monkeypatch)
    reference = furos_own_pages(make_app, source, tmp_path / "furo", spies)
    cached = build_pages(make_app, source, tmp_path / "cached", cached=True)
    # The cache ran: one tree made by furo for the whole build, each page's filled in
    # (but sphinx-notfound-page's 404 page, whose tree furo makes).
    assert spies.calls["furos_navigation_tree"] == spies.calls["cut"] == 1
    filled = len(cached) - ("404.html" in cached)
    assert spies.calls["render"] == spies.calls["hide_toctree_from_furo"] == filled
    assert cached.keys() == reference.keys()
    for page, text in cached.items():
        # The whole page, its navigation with it (current, checked, its own link).
        assert SIDEBAR_TREE.findall(text) == SIDEBAR_TREE.findall(reference[page]), page
        assert text == reference[page], page
    # The reference marks each page's own branch: the comparison covers it.
    soups = {page: BeautifulSoup(text, "html.parser") for page, text in reference.items()}
    branches = [soup.select(".sidebar-tree li.current input[checked]") for soup in soups.values()]
    assert sum(map(bool, branches)) > 1
    current = {
        page: [a.get_text() for a in soup.select(".sidebar-tree li.current > a")]
        for page, soup in soups.items()
    }
    if root_name == "navigation":
        assert current["deel-a/sub/diep.html"] == ["Deel A", "Sub", "Diep"]
        assert current["los.html"] == []
        assert current["deel-b/twee.html"] == ["Deel A", "Sub", "Twee", "Deel B", "Twee"]
        [page] = soups["deel-a/sub/diep.html"].select(".sidebar-tree li.current-page > a")
        assert page["href"] == "#" and page.get_text() == "Diep"
        links = {
            a.get_text(): a["href"] for a in soups["deel-a/sub/diep.html"].select(".sidebar-tree a")
        }
        assert links["Een"] == "../een.html" and links["Buiten"] == "https://example.org/"
