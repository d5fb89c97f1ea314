extensions = [
    "myst_parser",
    "essaylib.sphinxext.bookfacts",
    "essaylib.sphinxext.contact",
    "essaylib.sphinxext.epub",
    "essaylib.sphinxext.latex",
    "essaylib.sphinxext.cover",
]
myst_enable_extensions = ["colon_fence", "attrs_block"]
language = "nl"
latex_engine = "xelatex"
