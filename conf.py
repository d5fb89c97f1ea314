"""Sphinx settings for the book: the one place for how it is built.

The book's facts (title, author, languages, ...) live in book.toml; the
bookfacts extension turns them into the per-language settings below it. The
extensions and templates are the essaylib package's (SECURITY.md says what
guards each place a translated string lands).
"""

from pathlib import Path

from essaylib import TEMPLATES
from essaylib.facts import load_facts
from essaylib.paths import BuildPaths

BOOK = BuildPaths.of(Path(__file__).parent)

extensions = [
    "myst_parser",
    "essaylib.sphinxext.passages",  # translated passages without MyST's set-up each
    "notfound.extension",
    "essaylib.sphinxext.bookfacts",  # first: the others read the facts
    "essaylib.sphinxext.library",  # the essays, their e-books, the home page's cards
    "essaylib.sphinxext.authoring",  # author mistakes are errors, in plain words
    "essaylib.sphinxext.pictures",
    "essaylib.sphinxext.guard",
    "essaylib.sphinxext.locales",
    "essaylib.sphinxext.contact",
    "essaylib.sphinxext.cover",
    "essaylib.sphinxext.epub",
    "essaylib.sphinxext.latex",
    "essaylib.sphinxext.crosslinks",  # links to pages a build does not hold
    "essaylib.sphinxext.chrome",
    "essaylib.sphinxext.languages",
    "essaylib.sphinxext.previews",  # sphinxext-opengraph, and the book's description
    "essaylib.sphinxext.notice",
    "essaylib.sphinxext.credits",
    "essaylib.sphinxext.status",
    "essaylib.sphinxext.notfound",
    "essaylib.sphinxext.downloads",
    "essaylib.sphinxext.weight",  # no code, no code stylesheet
    "essaylib.sphinxext.navigation",  # furo's navigation, made once per build
]

root_doc = "index"
language = load_facts(BOOK.root).source_language  # -D language=xx for the others
exclude_patterns = []
templates_path = [str(TEMPLATES)]

# -- Translations (see TRANSLATING.md) ---------------------------------------
# One catalogue per source file; Sphinx reads only the checked, compiled copies
# that essaylib.catalogues writes into the build folder.
gettext_compact = False
gettext_uuid = False
gettext_auto_build = False
locale_dirs = [str(BOOK.compiled_locales)]

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
html_static_path = ["docs/_static"]
html_css_files = ["book.css"]
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False
html_use_index = False
html_domain_indices = False
html_last_updated_fmt = None
html_favicon = "docs/_static/favicon.svg"

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
