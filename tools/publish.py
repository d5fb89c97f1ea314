"""Build every output in every language and publish them as one static folder.

    python tools/publish.py [--builddir _build] [sphinx options...]

Each language is built into _build/<lang>/ (kept, so rebuilds are quick). The
site is assembled in a fresh folder beside _build/site and swapped in only
when every build succeeded: a failed or interrupted run leaves the site that
was there untouched.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))

from bookfacts import COMPILED_LOCALES, Edition, load_edition, load_facts, missing_facts  # noqa: E402
from catalogues import compile_catalogues  # noqa: E402
from downloads import MANIFEST  # noqa: E402
from translations import language_name  # noqa: E402

SPHINXBUILD = [sys.executable, "-m", "sphinx"]
# Everything the book is built from (a copy of these builds the same book).
SOURCES = ("docs", "extensions", "tools", "locales", "conf.py", "book.toml", "docutils.conf")
STRICT = ["-n", "-W", "--keep-going"]


def source_date_epoch() -> str | None:
    """The last commit's date, so two builds of one commit are identical (None outside git)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                             capture_output=True, text=True)
    except OSError:
        return None
    return out.stdout.strip() or None


def sphinx(builder: str, language: str, outdir: Path, options: list[str]) -> None:
    doctrees = outdir.parent / "doctrees"
    cmd = [*SPHINXBUILD, "-b", builder, "-d", str(doctrees), "-c", str(ROOT),
           "-D", f"language={language}", "-q", *options, str(ROOT / "docs"), str(outdir)]
    print(f"publish: {language} {builder}", flush=True)
    subprocess.run(cmd, check=True)


def latexpdf(language: str, latexdir: Path, options: list[str]) -> None:
    sphinx("latex", language, latexdir, options)
    try:
        subprocess.run(["make", "-C", str(latexdir), "all-pdf", "LATEXMKOPTS=-silent"],
                       check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError:
        # TeX's own words: each error ("! ...") with the line of the .tex it stopped at.
        for log in latexdir.glob("*.log"):
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
            for i, line in enumerate(lines):
                if line.startswith("!"):
                    where = next((x for x in lines[i:i + 12] if x.startswith("l.")), "")
                    print(f"{log}: {line} {where}", file=sys.stderr)
        raise


def edition(language: str) -> Edition:
    return load_edition(ROOT, language, [ROOT / COMPILED_LOCALES])


def copy_sources(to: Path) -> Path:
    """A copy of the book's sources, to build or change without touching this one."""
    for part in SOURCES:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, to / part, ignore=shutil.ignore_patterns("node_modules"))
        else:
            shutil.copy2(src, to / part)
    return to


def ebooks(language: str, builddir: Path, options: list[str]) -> dict[str, Path]:
    book = edition(language)
    out = builddir / language
    sphinx("epub", language, out / "epub", options)
    latexpdf(language, out / "latex", options)
    return {"epub": out / "epub" / f"{book.basename}.epub",
            "pdf": out / "latex" / f"{book.basename}.pdf"}


def write_manifest(path: Path, files: list[Path]) -> None:
    """The e-books' sizes, for the downloads lists; rewritten only when they change."""
    text = json.dumps({f.name: f.stat().st_size for f in files}, indent=1, sort_keys=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def build_all(languages: list[str], builddir: Path, options: list[str]) -> dict[str, dict]:
    """The e-books first, so that each website can list them with their sizes."""
    # Each language builds in its own processes and folders: run them side by side.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        built = pool.map(lambda lang: ebooks(lang, builddir, options), languages)
        outputs = dict(zip(languages, built, strict=True))
        write_manifest(ROOT / MANIFEST,
                       [f for files in outputs.values() for f in files.values()])
        for lang in languages:
            outputs[lang]["html"] = builddir / lang / "html"
        list(pool.map(lambda lang: sphinx("html", lang, outputs[lang]["html"], options),
                      languages))
    return outputs


def entry_page(languages: list[str]) -> str:
    """The site's front door: the reader's own language when it is one of ours, else the
    book's first; plain links for readers without JavaScript."""
    editions = [edition(lang) for lang in languages]
    links = "\n".join(
        f'      <li><a href="{e.language}/index.html" hreflang="{e.language}" lang="{e.language}">'
        f'<span class="language">{language_name(e.language)}</span> '
        f'<span class="title">{html.escape(e.title)}</span></a></li>' for e in editions)
    alternates = "\n".join(
        f'  <link rel="alternate" hreflang="{code}" href="{target}/index.html">'
        for code, target in [*((c, c) for c in languages), ("x-default", languages[0])])
    return f"""<!DOCTYPE html>
<html lang="{languages[0]}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(editions[0].title)}</title>
  <meta name="description" content="{html.escape(editions[0].description)}">
{alternates}
  <script>
    (function () {{
      var ours = {json.dumps(languages)}, wanted = navigator.languages || [navigator.language];
      for (var i = 0; i < wanted.length; i++) {{
        var code = String(wanted[i] || "").toLowerCase().split("-")[0];
        if (ours.indexOf(code) >= 0) {{ location.replace(code + "/index.html"); return; }}
      }}
      location.replace(ours[0] + "/index.html");
    }})();
  </script>
  <style>
    body {{ font: 1.125rem/1.6 Georgia, "TeX Gyre Pagella", serif; margin: 0; padding: 12vh 1.5rem;
           color: #222; background: #fdfcf9; }}
    main {{ max-width: 32rem; margin: auto; }}
    ul {{ list-style: none; padding: 0; }}
    li {{ margin: 1rem 0; }}
    a {{ color: inherit; display: block; }}
    .language {{ display: block; font-size: .9rem; letter-spacing: .04em; color: #555; }}
    .title {{ font-size: 1.3rem; }}
    @media (prefers-color-scheme: dark) {{ body {{ color: #eee; background: #161616; }}
      .language {{ color: #bbb; }} }}
  </style>
</head>
<body>
  <main>
    <ul>
{links}
    </ul>
  </main>
</body>
</html>
"""


def assemble(staging: Path, outputs: dict[str, dict[str, Path]]) -> None:
    downloads = staging / "downloads"
    downloads.mkdir(parents=True)
    for language, paths in outputs.items():
        shutil.copytree(paths["html"], staging / language,
                        ignore=shutil.ignore_patterns(".buildinfo*", "objects.inv", "_sources"))
        for kind in ("epub", "pdf"):
            shutil.copy2(paths[kind], downloads / paths[kind].name)
    (staging / "index.html").write_text(entry_page(list(outputs)), encoding="utf-8")
    # Web servers look for one 404 page at the top; its links are absolute (/nl/...).
    shutil.copy2(staging / next(iter(outputs)) / "404.html", staging / "404.html")
    if url := load_facts(ROOT).get("url"):
        write_sitemap(staging, url, list(outputs))


def write_sitemap(site: Path, url: str, languages: list[str]) -> None:
    """sitemap.xml for the whole site: every page, with its other languages and x-default
    (sphinx-sitemap sees one language per build and knows no x-default)."""
    base = url.rstrip("/") + "/"
    first = site / languages[0]
    pages = sorted(p.relative_to(first).as_posix() for p in first.rglob("*.html")
                   if p.name not in ("search.html", "404.html") and "_static" not in p.parts)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in pages:
        present = [lang for lang in languages if (site / lang / page).is_file()]
        links = [(lang, f"{base}{lang}/{page}") for lang in present]
        links.append(("x-default", f"{base}{languages[0]}/{page}"))
        for _lang, loc in links[:-1]:
            lines.append(f"  <url><loc>{html.escape(loc)}</loc>")
            lines += [f'    <xhtml:link rel="alternate" hreflang="{code}" '
                      f'href="{html.escape(href)}"/>' for code, href in links]
            lines.append("  </url>")
    lines.append("</urlset>")
    (site / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n",
                                     encoding="utf-8")


def swap_in(staging: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", type=Path, default=ROOT / "_build")
    parser.add_argument("--languages", nargs="*", help="default: all languages in book.toml")
    args, sphinx_options = parser.parse_known_args(argv)
    options = sphinx_options or STRICT
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := source_date_epoch()):
        os.environ["SOURCE_DATE_EPOCH"] = epoch

    facts = load_facts(ROOT)
    languages = args.languages or facts["languages"]
    for note in missing_facts(facts):
        print(f"publish: book.toml has no {note}.")
    builddir: Path = args.builddir.resolve()
    site = builddir / "site"
    staging = builddir / "site.new"
    shutil.rmtree(staging, ignore_errors=True)

    started = time.monotonic()
    if errors := compile_catalogues():
        print("\n".join(errors), file=sys.stderr)
        print(f"publish: {len(errors)} problem(s) in the catalogues; {site} is left as it was.",
              file=sys.stderr)
        return 1
    try:
        outputs = build_all(languages, builddir, options)
        assemble(staging, outputs)
        swap_in(staging, site)
    except subprocess.CalledProcessError as err:
        print(f"publish: failed: {' '.join(map(str, err.cmd))}\n"
              f"publish: {site} is left as it was.", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"publish: {site} ready in {time.monotonic() - started:.0f} s "
          f"({', '.join(languages)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
