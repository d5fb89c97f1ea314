import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[3] / "extensions"))
extensions = ["myst_parser", "bookfacts", "contact", "epub", "latex", "cover"]
myst_enable_extensions = ["colon_fence", "attrs_block", "substitution"]
language = "nl"
latex_engine = "xelatex"
