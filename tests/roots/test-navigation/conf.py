# furo on a tree with what a tree may hold (three levels, a hidden toctree, an outside
# link, pages in no toctree, the 404 page of sphinx-notfound-page), for the contract tests
# of essaylib.compat.furo; not a library of essays, so navigation leaves furo its own tree.
extensions = ["myst_parser", "notfound.extension", "essaylib.sphinxext.navigation"]
html_theme = "furo"
exclude_patterns = ["_build"]
