# The tests put the book's extensions on sys.path (tests/conftest.py).
extensions = ["myst_parser", "bookfacts", "contact", "epub", "latex", "cover"]
myst_enable_extensions = ["colon_fence", "attrs_block", "substitution"]
language = "nl"
latex_engine = "xelatex"
