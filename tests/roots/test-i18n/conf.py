from pathlib import Path

from essaylib import TEMPLATES
from essaylib.model.paths import BuildPaths

extensions = [
    "myst_parser",
    "essaylib.sphinxext.bookfacts",
    "essaylib.sphinxext.authoring",
    "essaylib.sphinxext.guard",
    "essaylib.sphinxext.locales",
    "essaylib.sphinxext.contact",
    "essaylib.sphinxext.latex",
    "essaylib.sphinxext.epub",
    "essaylib.sphinxext.chrome",
    "essaylib.sphinxext.languages",
    "essaylib.sphinxext.notice",
    "essaylib.sphinxext.status",
]
myst_enable_extensions = ["colon_fence", "attrs_block"]
myst_disable_syntax = ["html_inline", "html_block"]
language = "nl"
html_theme = "furo"
templates_path = [str(TEMPLATES)]
gettext_compact = False
gettext_auto_build = False
locale_dirs = [str(BuildPaths.of(Path(__file__).parent).compiled_locales)]
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/navigation.html",
        "sidebar/languages.html",
    ]
}
latex_engine = "xelatex"
latex_elements = {
    "fontpkg": r"\setmainfont{TeX Gyre Pagella}\setsansfont{TeX Gyre Heros}"
    r"\setmonofont{TeX Gyre Cursor}"
}
