# furo's navigation, cached (essaylib.sphinxext.navigation), on a tree with what a tree
# may hold: three levels, a hidden toctree, an outside link, a page in two places,
# pages in no toctree, and the 404 page of sphinx-notfound-page.
extensions = ["myst_parser", "notfound.extension", "essaylib.sphinxext.navigation"]
html_theme = "furo"
exclude_patterns = ["_build"]
