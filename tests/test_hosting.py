"""The shipped host configurations (hosting/nginx.conf, hosting/Caddyfile) on the real
servers, Debian's nginx and Caddy, serving the book's site at a domain's root and below a
folder; asked with real HTTP requests, and by Chromium where JavaScript matters."""

from __future__ import annotations

import gzip
import http.client
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import webservers
from bs4 import BeautifulSoup
from conftest import GATES, copy_book, publish

from essaylib.model.facts import load_edition
from essaylib.model.paths import BuildPaths
from essaylib.outputs.feeds import ACQUISITION, NAVIGATION
from essaylib.outputs.publish import entry_page, robots_note, write_sitemap

pytestmark = pytest.mark.slow

FOLDER = "/bibliotheek"
YEAR = "public, max-age=31536000, immutable"
DAY = "public, max-age=86400"
REVALIDATED = "no-cache"
SERVERS = {"nginx": webservers.nginx, "caddy": webservers.caddy}
# What the servers answer for the root, by the reader's Accept-Language (None: no header).
ROOT_LANGUAGE = {"de-DE,de;q=0.9,en;q=0.5": "de", "en-GB,en;q=0.9": "en", "fr-FR,fr": "nl"}


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """One request, as it is answered: no redirect followed, nothing decompressed."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc)
    try:
        connection.request(
            "GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers
        )
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def www(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The built site as a host holds it, at a domain's root and below FOLDER."""
    folder = tmp_path_factory.mktemp("www")
    root = folder / "root"
    shutil.copytree(site, root)
    below = folder / "below"
    below.mkdir()
    (below / FOLDER.strip("/")).symlink_to(root)
    return {"": root, FOLDER: below}


@pytest.fixture(scope="module", params=[(s, f) for s in SERVERS for f in ("", FOLDER)], ids=str)
def host(request, www, tmp_path_factory) -> Iterator[tuple[str, str, Path]]:
    """A real server running a shipped configuration: (the site's address, its folder,
    the site's files)."""
    server, folder = request.param
    work = tmp_path_factory.mktemp(server)
    with SERVERS[server](www[folder], folder, work) as address:
        yield f"{address}{folder}/", folder, www[""]


def download(site: Path, language: str, suffix: str) -> str:
    [found] = [
        p
        for p in (site / "downloads" / language).glob(f"*{suffix}")
        if suffix != ".epub" or not p.name.endswith(".kepub.epub")
    ]
    return found.relative_to(site).as_posix()


def test_each_file_has_its_type(host):
    base, _, site = host
    paths = {
        "de/index.html": "text/html; charset=utf-8",
        "de/feed.atom": "application/atom+xml; charset=utf-8",
        "de/opds.xml": NAVIGATION,
        "de/opds-all.xml": ACQUISITION,
        "de/_static/favicon.svg": "image/svg+xml; charset=utf-8",
        "de/_static/book.css": "text/css; charset=utf-8",
        "de/_static/searchtools.js": "application/javascript; charset=utf-8",
        download(site, "de", ".epub"): "application/epub+zip",
        download(site, "de", ".pdf"): "application/pdf",
        download(site, "de", ".azw3"): "application/vnd.amazon.ebook",
        download(site, "de", ".kepub.epub"): "application/kepub+zip",
    }
    served = {path: get(base + path)[1].get("content-type") for path in paths}
    assert served == paths


def test_text_is_compressed_when_asked_and_ebooks_never(host):
    base, _, site = host
    text = ["de/index.html", "de/feed.atom", "de/_static/book.css", "de/_static/favicon.svg"]
    text.append("de/_static/searchtools.js")
    packed = [download(site, "de", ".epub"), download(site, "de", ".pdf")]
    packed.append(download(site, "de", ".kepub.epub"))
    found = {}
    for path in text + packed:
        status, headers, body = get(base + path, **{"Accept-Encoding": "gzip"})
        encoding = headers.get("content-encoding")
        whole = gzip.decompress(body) if encoding == "gzip" else body
        assert (status, whole) == (200, (site / path).read_bytes()), path
        found[path] = encoding
    assert found == {**{p: "gzip" for p in text}, **{p: None for p in packed}}
    plain = {p: get(base + p)[1].get("content-encoding") for p in text}
    assert plain == {p: None for p in text}


def test_cache_control_by_what_a_file_is(host):
    base, _, site = host
    paths = {
        "de/_static/styles/furo.css?v=7bdb33bb": YEAR,
        "de/_static/searchtools.js": REVALIDATED,
        "de/searchindex.js": REVALIDATED,
        "de/_static/cover.png": DAY,
        download(site, "de", ".epub"): DAY,
        "de/index.html": REVALIDATED,
        "de/feed.atom": REVALIDATED,
        "de/opds.xml": REVALIDATED,
    }
    assert {p: get(base + p)[1].get("cache-control") for p in paths} == paths


def test_only_a_hashed_stylesheet_or_script_is_kept_for_good(host):
    """Every stylesheet and script the pages link: kept a year with its hash (?v=), asked
    for again without one (search.html loads searchtools.js, searchindex.js so)."""
    base, _, site = host
    linked = set()
    for page in ("de/index.html", "de/search.html", "nl/search.html"):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        found = [s["src"] for s in soup.select("script[src]")]
        found += [s["href"] for s in soup.select("link[rel=stylesheet]")]
        linked |= {urljoin(base + page, str(href)) for href in found}
    served = {url: get(url)[1].get("cache-control") for url in sorted(linked)}
    assert served == {url: YEAR if "?v=" in url else REVALIDATED for url in sorted(linked)}
    assert any("?v=" not in url for url in served), "search.html links no unhashed script"


# Below a folder the 404 pages' links need the folder: nginx gives it to them (sub_filter);
# on Caddy, as on a plain static host, book.toml's url does (the test after this one).
@pytest.mark.parametrize("host", [("nginx", ""), ("nginx", FOLDER), ("caddy", "")], indirect=True)
@pytest.mark.parametrize("depth", ["missing.html", "a/b/missing.html"])
def test_each_language_has_its_own_404_page_at_any_depth(host, depth):
    base, folder, site = host
    languages = sorted(p.parent.name for p in site.glob("*/404.html"))
    found = {}
    for language in languages:
        url = f"{base}{language}/{depth}"
        status, headers, body = get(url)
        # The page as built, its links from the domain's root given the folder, and
        # nothing else changed.
        built = (site / language / "404.html").read_text(encoding="utf-8")
        for code in languages:
            built = built.replace(f'="/{code}/', f'="{folder}/{code}/')
        assert body.decode() == built, url
        page = BeautifulSoup(body, "html.parser")
        # What the page needs to look right loads from where it is served.
        needs = [urljoin(url, str(s["href"])) for s in page.select("link[rel=stylesheet]")]
        needs += [urljoin(url, str(s["src"])) for s in page.select("script[src]")]
        needs += [urljoin(url, str(a["href"])) for a in page.select("a.sidebar-brand")]
        broken = [need for need in needs if get(need)[0] != 200]
        found[language] = (status, page.html["lang"], headers.get("content-type"), broken)
    expected = {lang: (404, lang, "text/html; charset=utf-8", []) for lang in languages}
    assert found == expected
    assert languages == ["de", "en", "nl"]
    status, _, body = get(f"{base}{depth}")  # outside every language: the book's own
    assert (status, BeautifulSoup(body, "html.parser").html["lang"]) == (404, "nl")


def test_a_folder_is_its_index_and_its_name_is_sent_on_with_a_slash(host):
    base, folder, site = host
    status, _, body = get(f"{base}nl/")
    assert (status, body) == (200, (site / "nl" / "index.html").read_bytes())
    status, headers, _ = get(f"{base}nl")
    assert (status in (301, 308), urlsplit(headers["location"]).path) == (True, f"{folder}/nl/")


@pytest.mark.parametrize("languages", [*ROOT_LANGUAGE, None])
def test_the_root_sends_the_reader_to_their_language(host, languages):
    base, folder, _ = host
    status, headers, _ = get(base, **({"Accept-Language": languages} if languages else {}))
    wanted = ROOT_LANGUAGE.get(languages or "", "nl")
    assert (status, headers.get("location"), headers.get("vary")) == (
        302,
        f"{folder}/{wanted}/",
        "Accept-Language",
    )


def landings(visits: list[dict[str, object]]) -> list[dict[str, object]]:
    run = subprocess.run(
        ["node", str(GATES / "landing.mjs"), json.dumps(visits)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_a_browser_lands_on_its_language_on_every_host(host, www):
    """Chromium, with JavaScript: on nginx and Caddy (their redirect) and on a plain static
    host, which only serves the entry page (its script sends the reader on)."""
    base, folder, _ = host
    with webservers.served(www[folder]) as plain_host:
        plain = f"{plain_host}{folder.lstrip('/')}/" if folder else plain_host
        visits = [
            {"url": url, "languages": languages, "javascript": True}
            for url in (base, plain)
            for languages in ROOT_LANGUAGE
        ]
        found = {
            (v["url"], v["languages"]): (v["lang"], urlsplit(v["landed"]).path)
            for v in landings(visits)
        }
    expected = {}
    for languages, wanted in ROOT_LANGUAGE.items():
        expected[(base, languages)] = (wanted, f"{folder}/{wanted}/")
        expected[(plain, languages)] = (wanted, f"{folder}/{wanted}/index.html")
    assert found == expected


def test_without_javascript_the_entry_page_offers_every_language(site):
    """A plain static host serves the entry page as it is: a reader without JavaScript
    chooses from its links, each to a language's home, in that language."""
    with webservers.served(site) as plain:
        [visit] = landings([{"url": plain, "languages": "de-DE,de", "javascript": False}])
    assert (visit["landed"], visit["lang"]) == (plain, "nl")
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["hreflang"]: (a["href"], a["lang"]) for a in page.select("main a")}
    assert links == {code: (f"{code}/index.html", code) for code in ("nl", "en", "de")}
    assert all((site / href).is_file() for href, _ in links.values())


# -- With the site's url in book.toml ------------------------------------------------------


def with_url(book: Path, url: str) -> Path:
    toml = book / "book.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'url = ""' in text
    toml.write_text(text.replace('url = ""', f'url = "{url}"'), encoding="utf-8")
    return book


def test_with_the_url_the_entry_pages_alternates_are_absolute(tmp_path):
    book = with_url(copy_book(tmp_path / "book"), "https://example.org/bibliotheek/")
    locales = BuildPaths.of(book).compiled_locales  # none compiled: the facts as written
    editions = [load_edition(book, code, locales) for code in ("nl", "en", "de")]
    page = BeautifulSoup(entry_page(editions), "html.parser")
    alternates = {a["hreflang"]: a["href"] for a in page.select("link[rel=alternate]")}
    assert alternates == {
        "nl": "https://example.org/bibliotheek/nl/index.html",
        "en": "https://example.org/bibliotheek/en/index.html",
        "de": "https://example.org/bibliotheek/de/index.html",
        "x-default": "https://example.org/bibliotheek/nl/index.html",
    }


@pytest.mark.parametrize(
    "url, robots",
    [
        (
            "https://example.org/",
            "User-agent: *\nAllow: /\nSitemap: https://example.org/sitemap.xml\n",
        ),
        ("https://example.org/bibliotheek/", None),  # crawlers read the domain's own only
    ],
)
def test_robots_txt_only_when_the_site_is_the_whole_domain(tmp_path, url, robots):
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "index.html").write_text("<p>", encoding="utf-8")
    write_sitemap(tmp_path, url, ["nl"])
    assert (tmp_path / "sitemap.xml").is_file()
    found = tmp_path / "robots.txt"
    assert (found.read_text(encoding="utf-8") if found.exists() else None) == robots
    # When there is none, the build says what the domain's robots.txt needs.
    assert (robots_note(url) is None) == (robots is not None)
    if robots is None:
        assert robots_note(url).endswith(f"needs the line Sitemap: {url}sitemap.xml")


@pytest.fixture(scope="module")
def built_with_url(tmp_path_factory) -> Path:
    """The German website built with its url below FOLDER, held by a host at FOLDER/de/."""
    folder = tmp_path_factory.mktemp("with-url")
    book = with_url(copy_book(folder / "book"), f"https://example.org{FOLDER}/")
    publish(book, folder / "_build", "--languages", "de", "--formats", "html", "--no-site")
    www = folder / "www"
    (www / FOLDER.strip("/")).mkdir(parents=True)
    (www / FOLDER.strip("/") / "de").symlink_to(folder / "_build" / "de" / "html")
    return www


@pytest.mark.parametrize("server", SERVERS)
def test_with_the_url_the_404_page_works_below_its_folder(built_with_url, server, tmp_path):
    with SERVERS[server](built_with_url, FOLDER, tmp_path) as address:
        url = f"{address}{FOLDER}/de/a/b/missing.html"
        status, _, body = get(url)
        page = BeautifulSoup(body, "html.parser")
        needs = [str(s["href"]) for s in page.select("link[rel=stylesheet]")]
        loaded = {href: get(urljoin(url, href))[0] for href in needs}
    assert (status, page.html["lang"]) == (404, "de")
    assert needs and all(href.startswith(f"{FOLDER}/de/_static/") for href in needs), needs
    assert loaded == {href: 200 for href in needs}
