"""The engine's settings: what every library built with essaylib is built with.

A book's conf.py says ``extensions = ["essaylib"]`` and its own language; anything it
sets besides overrides these (``apply`` sets a value only where it is still Sphinx's or
its extension's default). The book's facts (title, author, languages, ...) are in its
book.toml; the bookfacts part turns them into the per-language settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from essaylib import STATIC, TEMPLATES
from essaylib.compat.sphinx_runtime import chosen_by_book
from essaylib.model.paths import BuildPaths

templates_path = [str(TEMPLATES)]

# -- Translations (see TRANSLATING.md) ---------------------------------------
# One catalogue per source file; Sphinx reads only the checked, compiled copies
# that essaylib.i18n.catalogues writes into the build folder (locale_dirs: see apply).
gettext_compact = False
gettext_uuid = False
gettext_auto_build = False

# Strict reading: the book needs no raw HTML, and translations must not be
# able to bring any in (docutils.conf also switches off raw and file inclusion).
# No "substitution": it renders {{ ... }} with Jinja; the {book} role puts in facts.
myst_enable_extensions = ["colon_fence", "attrs_block"]
myst_disable_syntax = ["html_inline", "html_block"]
myst_heading_anchors = 0
nitpicky = True
smartquotes = False  # the manuscript is already typeset

# -- Website -----------------------------------------------------------------
html_theme = "furo"
html_static_path = [str(STATIC)]
html_css_files = ["book.css"]
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False
html_use_index = False
html_domain_indices = False
html_last_updated_fmt = None
html_favicon = str(STATIC / "favicon.svg")

# Link previews and search results: OpenGraph and Twitter cards, and a
# <meta name="description"> from each page's first lines. bookfacts adds the
# site's address and name; the cover extension draws the card's image.
ogp_enable_meta_description = True
ogp_description_length = 200
ogp_social_cards = {"enable": False}
ogp_image = "_static/social-card.png"
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image">']
# docs/404.md is the "page not found" page of each language (sphinx-notfound-page);
# bookfacts sets notfound_urls_prefix, the absolute prefix its links need.

# The sidebar: furo's, with the downloads and the language switcher added.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/downloads.html",
        "sidebar/languages.html",
        "sidebar/scroll-end.html",
    ]
}
html_theme_options = {
    "navigation_with_keys": True,
    "top_of_page_buttons": [],
}

# -- EPUB --------------------------------------------------------------------
epub_use_index = False
epub_show_urls = "no"
epub_css_files = ["book-epub.css"]
# The website's own files; the e-book is complete without them (and without the
# website's own pages: the epub extension leaves those out).
epub_exclude_files = [
    "search.html",
    "_static/book.css",
    "_static/favicon.svg",
    "_static/social-card.png",
    ".buildinfo.bak",
]
epub_tocdepth = 2
# The e-book's contents as its own pages lead (an essay's book starts in its folder).
epub_tocscope = "includehidden"

# -- PDF ---------------------------------------------------------------------
latex_engine = "xelatex"
latex_toplevel_sectioning = "part"
latex_domain_indices = False
latex_show_urls = "no"
latex_elements = {
    "papersize": "a5paper",
    "pointsize": "10pt",
    "classoptions": ",openany,oneside",
    # fontsetup=false, before the fonts are set: with the Dutch font features
    # "ij" becomes one glyph that text extraction and search see as "ĳ". (Sphinx sets
    # French with babel, not polyglossia.)
    "fontpkg": r"""
\ifdefined\PolyglossiaSetup
\expandafter\PolyglossiaSetup\expandafter{\mainlanguagename}{fontsetup=false,frenchspacing=true}
\fi
\setmainfont{TeX Gyre Pagella}
\setsansfont{TeX Gyre Heros}
\setmonofont{TeX Gyre Cursor}
""",
    "fncychap": "",
    "sphinxsetup": (
        "hmargin={1.8cm,1.8cm}, vmargin={2cm,2.2cm}, HeaderFamily=\\rmfamily\\bfseries,"
        " TitleColor={rgb}{0.15,0.15,0.15}, InnerLinkColor={rgb}{0.15,0.15,0.15}"
    ),
    "releasename": "",
    "makeindex": "",
    "printindex": "",
    "preamble": r"""
\usepackage{microtype}
% An essay's pictures are not numbered: the caption alone, below the picture.
\usepackage[labelformat=empty,font=small]{caption}
\setlength{\parskip}{0.35em}
% The letter to the reader: set in from both margins, as a letter.
\newenvironment{sphinxclassletter}%
  {\begin{list}{}{\leftmargin=1.5em\rightmargin=1.5em}\item\relax}%
  {\end{list}}
% An essay, not a manual: no numbers; the contents list parts and chapters.
\setcounter{secnumdepth}{-2}
\setcounter{tocdepth}{0}
% Running heads: the chapter title above, the page number below, no rules.
\makeatletter
\renewcommand{\chaptermark}[1]{\markboth{#1}{}}
\fancypagestyle{normal}{\fancyhf{}%
  \fancyhead[C]{\small\itshape\nouppercase{\leftmark}}\fancyfoot[C]{\small\thepage}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
\makeatother
""",
}


# Every setting above, by name (read once: the module's own names are not settings).
SETTINGS: dict[str, Any] = {
    name: value
    for name, value in list(globals().items())
    if not name.startswith("_") and name.islower() and name != "annotations" and not callable(value)
}


def of_book(confdir: Path) -> dict[str, Any]:
    """A book's settings as Sphinx will have them, outside Sphinx (for the checks that
    parse MyST as it does, and the imports done ahead): its conf.py over the engine's."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    namespace = eval_config_file(confdir / "conf.py", Tags())
    extensions = list(namespace.get("extensions", []))
    if "essaylib" not in extensions:
        return namespace
    from essaylib import PARTS

    at = extensions.index("essaylib")
    expanded = [*extensions[:at], "essaylib", *PARTS, *extensions[at + 1 :]]
    return {**SETTINGS, **namespace, "extensions": expanded}


def apply(app: Sphinx, config: Config) -> None:
    """The engine's settings, where the book's conf.py (or -D) left Sphinx's default;
    and the compiled catalogues of this build folder as the only place for them."""
    chosen = chosen_by_book(config)
    for name, value in SETTINGS.items():
        if name not in config.values or (chosen is not None and name in chosen):
            continue
        default = config.values[name].default
        default = default(config) if callable(default) else default
        if chosen is not None or config[name] == default:
            config[name] = value
    # Never the translators' own files: only what the allowlist let through.
    config.locale_dirs = [str(BuildPaths.of(app.confdir).compiled_locales)]
