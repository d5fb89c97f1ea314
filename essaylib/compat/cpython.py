"""CPython's gettext internals the live preview leans on.

Written for CPython 3.11 (3.11.7; the same in 3.12 and 3.13). Contract test:
tests/test_compat.py, ``test_gettext_keeps_what_it_read_in_translations``.

``gettext.translation`` keeps every catalogue (.mo) it has read in the module's private
``_translations`` dict, by its path, for the life of the process; there is no public
way to make it read an edited one again. The preview compiles a translator's edit and
must read it. Fallback: where ``_translations`` is gone, the preview fails loudly
(AttributeError) rather than show the old words.
"""

from __future__ import annotations

import gettext


def forget_compiled_catalogues() -> None:
    """Every .mo gettext has read, forgotten: the next read is from the file."""
    gettext._translations.clear()  # type: ignore[attr-defined]
