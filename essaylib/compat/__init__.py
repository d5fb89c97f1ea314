"""Where the engine leans on an upstream internal, fenced in one place, each with the
versions it was written for and a contract test (tests/test_compat.py) that fails the
day upstream changes what it relies on. One module per upstream; UPSTREAM.md lists
every shim, and the upstream reports ready to file:

- ``furo``: the page's toctree() furo makes its navigation from, furo's English labels;
- ``myst``: the translated passages' renderer set-up; ``markdown_it``: its token types;
- ``sphinx_builders``: the EPUB 3 and LaTeX builders; ``sphinx_runtime``: a
  transform's builder, the loaded catalogues, the settings a book chose;
- ``autobuild``: sphinx-autobuild's server; ``cpython``: gettext's cache.

The lowest layer of the package: a shim imports its upstream and nothing of ours, so
any layer may use it.
"""
