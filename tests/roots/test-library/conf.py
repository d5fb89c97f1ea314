from pathlib import Path

from essaylib import TEMPLATES
from essaylib.model.paths import BuildPaths

extensions = [
    "myst_parser",
    "essaylib.sphinxext.bookfacts",
    "essaylib.sphinxext.authoring",
    "essaylib.sphinxext.pictures",
    "essaylib.sphinxext.crosslinks",
    "essaylib.sphinxext.essays",
    "essaylib.sphinxext.cover",
    "essaylib.sphinxext.epub",
    "essaylib.sphinxext.latex",
    "essaylib.sphinxext.languages",
    "essaylib.sphinxext.previews",
    "essaylib.sphinxext.downloads",
    "essaylib.sphinxext.chrome",
    "essaylib.sphinxext.navigation",
]
myst_enable_extensions = ["colon_fence", "attrs_block"]
language = "nl"
html_theme = "furo"
templates_path = [str(TEMPLATES)]
locale_dirs = [str(BuildPaths.of(Path(__file__).parent).compiled_locales)]
latex_engine = "xelatex"
epub_tocscope = "includehidden"
ogp_social_cards = {"enable": False}
epub_use_index = False
extensions += [
    "essaylib.sphinxext.notice",
    "essaylib.sphinxext.status",
    "essaylib.sphinxext.credits",
    "essaylib.sphinxext.pages",
]
gettext_compact = False
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/navigation.html",
        "sidebar/downloads.html",
        "sidebar/languages.html",
    ]
}
