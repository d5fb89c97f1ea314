"""furo's navigation tree, made once per build (essaylib.sphinxext.navigation): every
page byte for byte what furo makes itself, on a tree with every kind of entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def build_pages(make_app, source: Path, builddir: Path, cached: bool) -> dict[str, str]:
    app = make_app(
        "html",
        srcdir=source,
        builddir=builddir,
        confoverrides={"book_navigation_cache": cached},
    )
    app.build()
    navigation = getattr(app.builder, "cached_navigation", None)
    if cached:  # it was used, not passed over
        assert navigation.tree is not None and not navigation.unusable
        assert len(navigation.tree.by_folder) > 1
    else:  # furo made every page's tree itself
        assert navigation is None
    outdir = Path(app.outdir)
    return {
        str(p.relative_to(outdir)): p.read_text(encoding="utf-8") for p in outdir.rglob("*.html")
    }


@pytest.mark.parametrize("root_name", ["navigation", "library"])
def test_every_page_has_furos_own_navigation(make_app, rootdir, tmp_path, root_name):
    source = tmp_path / "source"
    shutil.copytree(rootdir / f"test-{root_name}", source)
    cached = build_pages(make_app, source, tmp_path / "cached", cached=True)
    furo = build_pages(make_app, source, tmp_path / "furo", cached=False)
    assert cached.keys() == furo.keys()
    for page, text in cached.items():
        assert text == furo[page], page
    # The tree is really there, and marks each page's own branch.
    soups = {page: BeautifulSoup(text, "html.parser") for page, text in cached.items()}
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
